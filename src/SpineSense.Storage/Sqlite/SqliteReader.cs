using Microsoft.Data.Sqlite;
using SpineSense.Motion.Results;
using SpineSense.Motion.Samples;
using SpineSense.Storage.Model;

namespace SpineSense.Storage.Sqlite;

/// <summary>The read surface over the SQLite file. Every value reaches SQL as a parameter, never as text.</summary>
internal sealed class SqliteReader(string path) : IStoreReader
{
    private const string SessionColumns = "session_id, athlete, plan, exercise, start_unix_us, end_unix_us";

    public Task<IReadOnlyList<AthleteActivity>> ListAthletesAsync(CancellationToken cancel = default) =>
        Run<IReadOnlyList<AthleteActivity>>("listing athletes", c =>
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = "SELECT athlete, count(*), max(start_unix_us) FROM sessions GROUP BY athlete ORDER BY athlete";
            using var r = cmd.ExecuteReader();
            var list = new List<AthleteActivity>();
            while (r.Read()) list.Add(new AthleteActivity(r.GetString(0), r.GetInt32(1), SqliteDb.FromUnixUs(r.GetInt64(2))));
            return list;
        });

    public Task<IReadOnlyList<SessionInfo>> ListSessionsAsync(string? athlete = null, DateTimeOffset? fromUtc = null, DateTimeOffset? toUtc = null, CancellationToken cancel = default)
    {
        if (athlete is not null) StoreNames.CheckAthlete(athlete);
        return Run<IReadOnlyList<SessionInfo>>("listing sessions", c =>
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = $"""
                SELECT {SessionColumns} FROM sessions
                WHERE ($a IS NULL OR athlete = $a) AND start_unix_us >= $from AND start_unix_us <= $to
                ORDER BY start_unix_us DESC
                """;
            cmd.Parameters.AddWithValue("$a", SqliteDb.Db(athlete));
            cmd.Parameters.AddWithValue("$from", fromUtc is { } f ? SqliteDb.ToUnixUs(f) : long.MinValue);
            cmd.Parameters.AddWithValue("$to", toUtc is { } t ? SqliteDb.ToUnixUs(t) : long.MaxValue);
            return ReadSessions(cmd);
        });
    }

    public Task<SessionInfo?> GetSessionAsync(string sessionId, CancellationToken cancel = default)
    {
        StoreNames.CheckSessionId(sessionId);
        return Run("reading a session", c => Session(c, sessionId)?.Info);
    }

    public async Task<SessionSummary> GetSessionSummaryAsync(string sessionId, CancellationToken cancel = default)
    {
        var info = await GetSessionAsync(sessionId, cancel).ConfigureAwait(false)
            ?? throw new StorageException(StorageErrorCode.NotFound, $"no session with id '{sessionId}'");
        return SessionMath.Summarise(info, await GetRepsAsync(sessionId, cancel).ConfigureAwait(false),
            await GetSetsAsync(sessionId, cancel).ConfigureAwait(false), await GetHoldsAsync(sessionId, cancel).ConfigureAwait(false),
            await GetAlertsAsync(sessionId, cancel).ConfigureAwait(false));
    }

    public Task<IReadOnlyList<StoredRep>> GetRepsAsync(string sessionId, CancellationToken cancel = default) =>
        Rows(sessionId, "reps", "exercise, set_no, rep_no, start_us, end_us, eccentric_s, bottom_pause_s, concentric_s, top_pause_s, peak_flexion_deg, flags", "start_us",
            r => new StoredRep(sessionId, r.GetString(0), new RepResult(r.GetInt32(1), r.GetInt32(2), S(r, 3), S(r, 4),
                D(r, 5), D(r, 6), D(r, 7), D(r, 8), D(r, 9), (AlertKind)r.GetInt32(10))));

    public Task<IReadOnlyList<StoredSet>> GetSetsAsync(string sessionId, CancellationToken cancel = default) =>
        Rows(sessionId, "sets", "exercise, set_no, start_us, end_us, reps", "start_us",
            r => new StoredSet(sessionId, r.GetString(0), new SetResult(r.GetInt32(1), S(r, 2), S(r, 3), r.GetInt32(4))));

    public Task<IReadOnlyList<StoredHold>> GetHoldsAsync(string sessionId, CancellationToken cancel = default) =>
        Rows(sessionId, "holds", "exercise, start_us, end_us, sway_deg", "start_us",
            r => new StoredHold(sessionId, r.GetString(0), new HoldResult(S(r, 1), S(r, 2), D(r, 3))));

    public Task<IReadOnlyList<StoredAlert>> GetAlertsAsync(string sessionId, CancellationToken cancel = default) =>
        Rows(sessionId, "alerts", "exercise, t_us, kind, value, limit_value", "t_us, kind",
            r => new StoredAlert(sessionId, r.IsDBNull(0) ? null : r.GetString(0),
                new AlertEvent(S(r, 1), (AlertKind)r.GetInt32(2), D(r, 3), D(r, 4))));

    public Task<IReadOnlyList<LinkHealth>> GetLinkHealthAsync(string sessionId, CancellationToken cancel = default) =>
        Rows(sessionId, "link_health", "t_us, battery_pct, rssi_dbm, packets_lost, packets_received", "t_us",
            r => new LinkHealth(S(r, 0), D(r, 1), D(r, 2), r.GetInt64(3), r.GetInt64(4)));

    public Task<SeriesData> GetSeriesAsync(string sessionId, SeriesKind kind, double? fromS, double? toS, int maxBuckets, CancellationToken cancel = default)
    {
        StoreNames.CheckSessionId(sessionId);
        SessionMath.CheckMaxBuckets(maxBuckets);
        SessionMath.CheckRange(fromS, toS);
        return Run("reading a series", c =>
        {
            var s = Session(c, sessionId) ?? throw new StorageException(StorageErrorCode.NotFound, $"no session with id '{sessionId}'");
            var channels = SeriesData.ChannelsOf(kind);
            string table = kind == SeriesKind.Angles ? "angles" : "samples";
            // Same window rules as InfluxDB: from = session start, to = session end (or the last sample while it runs).
            long fromUs = fromS is { } f ? SqliteDb.ToUs(f) : 0;
            long toUs = toS is { } t ? SqliteDb.ToUs(t)
                : s.Info.EndUtc is { } end ? SqliteDb.ToUnixUs(end) - SqliteDb.ToUnixUs(s.Info.StartUtc) : long.MaxValue / 4;
            if (toS is null && s.Info.EndUtc is null)
            {
                using var last = c.CreateCommand();
                last.CommandText = $"SELECT max(t_us) FROM {table} WHERE sid = $sid";
                last.Parameters.AddWithValue("$sid", s.Sid);
                toUs = last.ExecuteScalar() is long l ? l : fromUs;
            }
            // Wide windows (a bucket spans a second or more): read the per-second aggregates, 200-800× fewer rows.
            if (toUs >= fromUs && SessionMath.BucketWidthUs(fromUs, toUs, maxBuckets) >= 1_000_000 && fromUs >= 0)
                return FromSecondAggregates(c, s.Sid, kind, channels, fromUs, toUs, maxBuckets);
            bool raw;
            using (var bounds = c.CreateCommand())
            {
                bounds.CommandText = $"SELECT count(*), min(t_us), max(t_us) FROM {table} WHERE sid = $sid AND t_us BETWEEN $from AND $to";
                bounds.Parameters.AddWithValue("$sid", s.Sid);
                bounds.Parameters.AddWithValue("$from", fromUs);
                bounds.Parameters.AddWithValue("$to", toUs);
                using var b = bounds.ExecuteReader();
                b.Read();
                long count = b.GetInt64(0);
                if (count == 0) return Series(kind, channels, [], false, 0);
                raw = count <= maxBuckets;
            }
            // Few enough samples: each is its own bucket (width 1 µs), nothing merged.
            long width = raw ? 1 : SessionMath.BucketWidthUs(fromUs, toUs, maxBuckets);
            bool down = width > 1;
            var cols = new System.Text.StringBuilder();
            foreach (string ch in channels) cols.Append($", min({ch}), max({ch})");
            using var cmd = c.CreateCommand();
            // Buckets aligned to the window start, so the same request gives the same buckets on both back ends.
            cmd.CommandText = $"""
                SELECT ($from + ((t_us - $from) / $w) * $w) AS b, count(*){cols}
                FROM {table} WHERE sid = $sid AND t_us BETWEEN $from AND $to GROUP BY b ORDER BY b
                """;
            cmd.Parameters.AddWithValue("$sid", s.Sid);
            cmd.Parameters.AddWithValue("$from", fromUs);
            cmd.Parameters.AddWithValue("$to", toUs);
            cmd.Parameters.AddWithValue("$w", width);
            using var r = cmd.ExecuteReader();
            var rows = new List<(long T, int N, double[] V)>();
            while (r.Read())
            {
                var v = new double[channels.Count * 2];
                for (int i = 0; i < v.Length; i++) v[i] = D(r, 2 + i);
                rows.Add((r.GetInt64(0), r.GetInt32(1), v));
            }
            bool merged = down && rows.Exists(x => x.N > 1);
            return Series(kind, channels, rows, merged, merged ? width : 0);
        });
    }

    public async Task<IReadOnlyList<WeeklyTrend>> GetWeeklyTrendsAsync(string athlete, DateTimeOffset fromUtc, DateTimeOffset toUtc, CancellationToken cancel = default)
    {
        StoreNames.CheckAthlete(athlete);
        var sessions = await ListSessionsAsync(athlete, fromUtc, toUtc, cancel).ConfigureAwait(false);
        var reps = new List<StoredRep>();
        var sets = new List<StoredSet>();
        var alerts = new List<StoredAlert>();
        foreach (var s in sessions)
        {
            reps.AddRange(await GetRepsAsync(s.SessionId, cancel).ConfigureAwait(false));
            sets.AddRange(await GetSetsAsync(s.SessionId, cancel).ConfigureAwait(false));
            alerts.AddRange(await GetAlertsAsync(s.SessionId, cancel).ConfigureAwait(false));
        }
        return SessionMath.Weekly(athlete, sessions, reps, sets, alerts);
    }

    /// <summary>
    /// Buckets of whole seconds from the per-second aggregates: width = ceil(seconds / maxBuckets) s, aligned to the
    /// second holding the window start; the partial first and last second are included whole (under a bucket's width).
    /// </summary>
    private static SeriesData FromSecondAggregates(SqliteConnection c, long sid, SeriesKind kind, IReadOnlyList<string> channels,
        long fromUs, long toUs, int maxBuckets)
    {
        string table = (kind == SeriesKind.Angles ? "angles" : "samples") + "_1s";
        long fromSec = fromUs / 1_000_000, toSec = toUs / 1_000_000;
        EnsureSecondAggregates(c, sid, kind);
        long widthSec = Math.Max(1, (toSec - fromSec + 1 + maxBuckets - 1) / maxBuckets);
        var cols = new System.Text.StringBuilder();
        foreach (string ch in channels) cols.Append($", min({ch}_min), max({ch}_max)");
        using var cmd = c.CreateCommand();
        cmd.CommandText = $"""
            SELECT ($from + ((sec - $from) / $w) * $w) AS b, sum(n){cols}
            FROM {table} WHERE sid = $sid AND sec BETWEEN $from AND $to GROUP BY b ORDER BY b
            """;
        cmd.Parameters.AddWithValue("$sid", sid);
        cmd.Parameters.AddWithValue("$from", fromSec);
        cmd.Parameters.AddWithValue("$to", toSec);
        cmd.Parameters.AddWithValue("$w", widthSec);
        using var r = cmd.ExecuteReader();
        var rows = new List<(long T, int N, double[] V)>();
        while (r.Read())
        {
            var v = new double[channels.Count * 2];
            for (int i = 0; i < v.Length; i++) v[i] = D(r, 2 + i);
            rows.Add((r.GetInt64(0) * 1_000_000, r.GetInt32(1), v));
        }
        return Series(kind, channels, rows, true, widthSec * 1_000_000);
    }

    // Files written before the aggregate tables existed: build a session's aggregates once, on first use.
    private static void EnsureSecondAggregates(SqliteConnection c, long sid, SeriesKind kind)
    {
        string table = kind == SeriesKind.Angles ? "angles" : "samples";
        using var probe = c.CreateCommand();
        probe.CommandText = $"SELECT EXISTS(SELECT 1 FROM {table}_1s WHERE sid = $sid), EXISTS(SELECT 1 FROM {table} WHERE sid = $sid AND t_us >= 0)";
        probe.Parameters.AddWithValue("$sid", sid);
        using (var r = probe.ExecuteReader())
        {
            r.Read();
            if (r.GetInt64(0) == 1 || r.GetInt64(1) == 0) return;
        }
        SqliteDb.RefreshSecondAggregates(c, null, kind, sid, 0, long.MaxValue / 2_000_000);
    }

    /// <summary>Every raw sample of a session in time order, in chunks (export).</summary>
    internal void ReadSamples(string sessionId, int chunk, Action<ReadOnlySpan<ImuSample>> onChunk)
    {
        var buf = new ImuSample[chunk];
        ReadAll(sessionId, "SELECT t_us, acc_x_g, acc_y_g, acc_z_g, gyr_x_dps, gyr_y_dps, gyr_z_dps FROM samples WHERE sid = $sid ORDER BY t_us",
            (r, i) => buf[i] = new ImuSample(r.GetInt64(0) / 1e6, D(r, 1), D(r, 2), D(r, 3), D(r, 4), D(r, 5), D(r, 6)),
            chunk, n => onChunk(buf.AsSpan(0, n)));
    }

    /// <summary>Every angle row of a session in time order, in chunks (export).</summary>
    internal void ReadAngles(string sessionId, int chunk, Action<ReadOnlySpan<double>, ReadOnlySpan<SpineAngles>> onChunk)
    {
        var times = new double[chunk];
        var angles = new SpineAngles[chunk];
        ReadAll(sessionId, "SELECT t_us, flexion_deg, lateral_deg, rotation_deg FROM angles WHERE sid = $sid ORDER BY t_us",
            (r, i) => { times[i] = r.GetInt64(0) / 1e6; angles[i] = new SpineAngles(D(r, 1), D(r, 2), D(r, 3)); },
            chunk, n => onChunk(times.AsSpan(0, n), angles.AsSpan(0, n)));
    }

    private void ReadAll(string sessionId, string sql, Action<SqliteDataReader, int> read, int chunk, Action<int> flush)
    {
        StoreNames.CheckSessionId(sessionId);
        try
        {
            using var c = SqliteDb.Open(path);
            var s = Session(c, sessionId) ?? throw new StorageException(StorageErrorCode.NotFound, $"no session with id '{sessionId}'");
            using var cmd = c.CreateCommand();
            cmd.CommandText = sql;
            cmd.Parameters.AddWithValue("$sid", s.Sid);
            using var r = cmd.ExecuteReader();
            int n = 0;
            while (r.Read())
            {
                read(r, n++);
                if (n == chunk) { flush(n); n = 0; }
            }
            if (n > 0) flush(n);
        }
        catch (SqliteException e) { throw SqliteDb.Failed("reading a session for export", e); }
    }

    private static SeriesData Series(SeriesKind kind, IReadOnlyList<string> channels, List<(long T, int N, double[] V)> rows, bool down,
        long bucketUs)
    {
        var time = new double[rows.Count];
        var count = new int[rows.Count];
        var min = new double[channels.Count][];
        var max = new double[channels.Count][];
        for (int ch = 0; ch < channels.Count; ch++) { min[ch] = new double[rows.Count]; max[ch] = new double[rows.Count]; }
        for (int i = 0; i < rows.Count; i++)
        {
            time[i] = rows[i].T / 1e6;
            count[i] = rows[i].N;
            for (int ch = 0; ch < channels.Count; ch++) { min[ch][i] = rows[i].V[2 * ch]; max[ch][i] = rows[i].V[2 * ch + 1]; }
        }
        return new SeriesData(kind, channels, time, min, max, count, down, bucketUs / 1e6);
    }

    private Task<IReadOnlyList<T>> Rows<T>(string sessionId, string table, string columns, string order, Func<SqliteDataReader, T> map)
    {
        StoreNames.CheckSessionId(sessionId);
        return Run<IReadOnlyList<T>>("reading " + table, c =>
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = $"SELECT {columns} FROM {table} WHERE sid = (SELECT sid FROM sessions WHERE session_id = $id) ORDER BY {order}";
            cmd.Parameters.AddWithValue("$id", sessionId);
            using var r = cmd.ExecuteReader();
            var list = new List<T>();
            while (r.Read()) list.Add(map(r));
            return list;
        });
    }

    private static (long Sid, SessionInfo Info)? Session(SqliteConnection c, string sessionId)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = $"SELECT {SessionColumns}, sid FROM sessions WHERE session_id = $id";
        cmd.Parameters.AddWithValue("$id", sessionId);
        using var r = cmd.ExecuteReader();
        if (!r.Read()) return null;
        return (r.GetInt64(6), ReadSession(r));
    }

    private static List<SessionInfo> ReadSessions(SqliteCommand cmd)
    {
        using var r = cmd.ExecuteReader();
        var list = new List<SessionInfo>();
        while (r.Read()) list.Add(ReadSession(r));
        return list;
    }

    private static SessionInfo ReadSession(SqliteDataReader r) => new(r.GetString(0), r.GetString(1),
        r.IsDBNull(2) ? null : r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3),
        SqliteDb.FromUnixUs(r.GetInt64(4)), r.IsDBNull(5) ? null : SqliteDb.FromUnixUs(r.GetInt64(5)));

    // SQLite stores NaN as NULL: read it back as NaN.
    private static double D(SqliteDataReader r, int i) => r.IsDBNull(i) ? double.NaN : r.GetDouble(i);

    private static double S(SqliteDataReader r, int i) => r.GetInt64(i) / 1e6;

    private Task<T> Run<T>(string what, Func<SqliteConnection, T> body)
    {
        try
        {
            using var c = SqliteDb.Open(path);
            return Task.FromResult(body(c));
        }
        catch (SqliteException e) { throw SqliteDb.Failed(what, e); }
    }
}
