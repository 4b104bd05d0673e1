using Microsoft.Data.Sqlite;

namespace SpineSense.Storage.Sqlite;

/// <summary>Prepared INSERT OR REPLACE statements for one flush transaction (replace = idempotent rewrite).</summary>
internal sealed class SqliteRowWriter(SqliteConnection c, SqliteTransaction tx)
{
    private SqliteCommand? _samples, _angles, _reps, _sets, _holds, _alerts, _link;

    public void Write(long sid, SqliteSessionWriter.Pending p)
    {
        if (p.Samples.Count > 0)
        {
            var cmd = _samples ??= Prepare("INSERT OR REPLACE INTO samples VALUES(", 8);
            double lo = double.MaxValue, hi = double.MinValue;
            foreach (var s in p.Samples)
            {
                Run(cmd, sid, SqliteDb.ToUs(s.TimeS), s.AccXG, s.AccYG, s.AccZG, s.GyrXDps, s.GyrYDps, s.GyrZDps);
                lo = Math.Min(lo, s.TimeS);
                hi = Math.Max(hi, s.TimeS);
            }
            SqliteDb.RefreshSecondAggregates(c, tx, Model.SeriesKind.Raw, sid, (long)Math.Floor(lo), (long)Math.Floor(hi));
        }
        if (p.Angles.Count > 0)
        {
            var cmd = _angles ??= Prepare("INSERT OR REPLACE INTO angles VALUES(", 5);
            double lo = double.MaxValue, hi = double.MinValue;
            foreach (var (t, a) in p.Angles)
            {
                Run(cmd, sid, SqliteDb.ToUs(t), a.FlexionDeg, a.LateralDeg, a.RotationDeg);
                lo = Math.Min(lo, t);
                hi = Math.Max(hi, t);
            }
            SqliteDb.RefreshSecondAggregates(c, tx, Model.SeriesKind.Angles, sid, (long)Math.Floor(lo), (long)Math.Floor(hi));
        }
        if (p.Reps.Count > 0)
        {
            var cmd = _reps ??= Prepare("INSERT OR REPLACE INTO reps VALUES(", 12);
            foreach (var (e, r) in p.Reps)
                Run(cmd, sid, SqliteDb.ToUs(r.StartS), e, r.Set, r.Rep, SqliteDb.ToUs(r.EndS), r.EccentricS, r.BottomPauseS,
                    r.ConcentricS, r.TopPauseS, r.PeakFlexionDeg, (int)r.Flags);
        }
        if (p.Sets.Count > 0)
        {
            var cmd = _sets ??= Prepare("INSERT OR REPLACE INTO sets VALUES(", 6);
            foreach (var (e, s) in p.Sets) Run(cmd, sid, SqliteDb.ToUs(s.StartS), e, s.Set, SqliteDb.ToUs(s.EndS), s.Reps);
        }
        if (p.Holds.Count > 0)
        {
            var cmd = _holds ??= Prepare("INSERT OR REPLACE INTO holds VALUES(", 5);
            foreach (var (e, h) in p.Holds) Run(cmd, sid, SqliteDb.ToUs(h.StartS), e, SqliteDb.ToUs(h.EndS), h.SwayDeg);
        }
        if (p.Alerts.Count > 0)
        {
            var cmd = _alerts ??= Prepare("INSERT OR REPLACE INTO alerts VALUES(", 6);
            foreach (var (e, a) in p.Alerts) Run(cmd, sid, SqliteDb.ToUs(a.TimeS), (int)a.Kind, SqliteDb.Db(e), a.Value, a.Limit);
        }
        if (p.Link.Count > 0)
        {
            var cmd = _link ??= Prepare("INSERT OR REPLACE INTO link_health VALUES(", 6);
            foreach (var l in p.Link) Run(cmd, sid, SqliteDb.ToUs(l.TimeS), l.BatteryPct, l.RssiDbm, l.PacketsLost, l.PacketsReceived);
        }
    }

    private SqliteCommand Prepare(string head, int n)
    {
        var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        var names = new string[n];
        for (int i = 0; i < n; i++)
        {
            names[i] = "$p" + i;
            cmd.Parameters.Add(new SqliteParameter(names[i], null));
        }
        cmd.CommandText = head + string.Join(", ", names) + ")";
        cmd.Prepare();
        return cmd;
    }

    private static void Run(SqliteCommand cmd, params object[] values)
    {
        // Microsoft.Data.Sqlite refuses NaN; unknown values (NaN) are stored as NULL and read back as NaN.
        for (int i = 0; i < values.Length; i++)
            cmd.Parameters[i].Value = values[i] is double d && double.IsNaN(d) ? DBNull.Value : values[i];
        cmd.ExecuteNonQuery();
    }
}
