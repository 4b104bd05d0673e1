namespace SpineSense.Storage.Influx;

/// <summary>
/// The recommended InfluxDB 1.x retention and downsampling setup (docs/STORAGE.md), as InfluxQL a clinic's admin runs
/// once (InfluxDB 2.x/3.x: the same with buckets and tasks). SpineSense writes everything into the database's default
/// policy; the continuous queries keep what long-term trends need after raw data expires:
/// <list type="bullet">
/// <item><c>autogen</c> (default, 90 days unless told otherwise): everything SpineSense writes — raw samples, angles, events.</item>
/// <item><c>longterm</c> (infinite): events copied as they are (small: a few hundred points per session) and angles and link
/// health downsampled to 1-minute min/max/mean per athlete.</item>
/// </list>
/// </summary>
public static class InfluxSetup
{
    public const string LongTermPolicy = "longterm";

    /// <summary>The SELECT each continuous query runs (also usable with <c>SELECT … INTO</c> to backfill by hand).</summary>
    public static IReadOnlyList<(string Name, string Select)> DownsampleSelects(string database)
    {
        string db = InfluxQl.Identifier(database);
        string lt = db + "." + InfluxQl.Identifier(LongTermPolicy);
        string src = db + ".\"autogen\"";
        return
        [
            ("cq_angles_1m", $"SELECT min(\"flexion_deg\") AS \"flexion_min\", max(\"flexion_deg\") AS \"flexion_max\", mean(\"flexion_deg\") AS \"flexion_mean\", " +
                $"min(\"lateral_deg\") AS \"lateral_min\", max(\"lateral_deg\") AS \"lateral_max\", " +
                $"min(\"rotation_deg\") AS \"rotation_min\", max(\"rotation_deg\") AS \"rotation_max\" " +
                $"INTO {lt}.\"angles_1m\" FROM {src}.\"angles\" GROUP BY time(1m), \"athlete\""),
            ("cq_link_1m", $"SELECT min(\"battery_pct\") AS \"battery_min\", mean(\"rssi_dbm\") AS \"rssi_mean\", max(\"packets_lost\") AS \"packets_lost\" " +
                $"INTO {lt}.\"link_1m\" FROM {src}.\"link\" GROUP BY time(1m), \"athlete\""),
            // Events: copied field by field. A CQ needs an aggregate with GROUP BY time(); last() over 1-second buckets
            // per series (athlete + exercise/kind) loses nothing because one series never has two reps, sets, holds or
            // alerts within a second; exact times stay in start_s / t_s.
            Copy("cq_reps", db, "reps", "set", "rep", "start_s", "end_s", "eccentric_s", "bottom_pause_s", "concentric_s", "top_pause_s",
                "peak_flexion_deg", "flags", "flags_mask", "session_id"),
            Copy("cq_sets", db, "sets", "set", "start_s", "end_s", "reps", "session_id"),
            Copy("cq_holds", db, "holds", "start_s", "end_s", "duration_s", "sway_deg", "session_id"),
            Copy("cq_alerts", db, "alerts", "t_s", "value", "limit", "exercise", "session_id"),
            Copy("cq_sessions", db, "sessions", "session_id", "plan", "exercise", "start_unix_us", "end_unix_us"),
        ];
    }

    private static (string, string) Copy(string name, string db, string measurement, params string[] fields)
    {
        string cols = string.Join(", ", fields.Select(f => $"last({InfluxQl.Identifier(f)}) AS {InfluxQl.Identifier(f)}"));
        string m = InfluxQl.Identifier(measurement);
        return (name, $"SELECT {cols} INTO {db}.{InfluxQl.Identifier(LongTermPolicy)}.{m} FROM {db}.\"autogen\".{m} GROUP BY time(1s), *");
    }

    /// <summary>Statements to run once as an admin: the two retention policies and the continuous queries.</summary>
    public static IReadOnlyList<string> Statements(string database, int rawDays = 90)
    {
        if (rawDays < 1) throw new ArgumentOutOfRangeException(nameof(rawDays));
        string db = InfluxQl.Identifier(database);
        var list = new List<string>
        {
            $"ALTER RETENTION POLICY \"autogen\" ON {db} DURATION {rawDays}d SHARD DURATION 1d DEFAULT",
            $"CREATE RETENTION POLICY {InfluxQl.Identifier(LongTermPolicy)} ON {db} DURATION INF REPLICATION 1 SHARD DURATION 4w",
        };
        foreach (var (name, select) in DownsampleSelects(database))
            // RESAMPLE … FOR 2d: each run recomputes the last two days, so points that arrive late (an outbox replayed
            // after an outage of up to two days) still reach the long-term policy; longer outages: run the SELECTs by hand.
            list.Add($"CREATE CONTINUOUS QUERY {InfluxQl.Identifier(name)} ON {db} RESAMPLE EVERY 10m FOR 2d BEGIN {select} END");
        return list;
    }
}
