using SpineSense.Motion.Results;
using SpineSense.Storage.Model;
using SpineSense.Storage.Targets;
using static SpineSense.Storage.Influx.InfluxQl;

namespace SpineSense.Storage.Influx;

/// <summary>
/// The read surface over InfluxQL. Every statement filters on the athlete tag (a literal escaped by
/// <see cref="InfluxQl.StringLiteral"/> after validation) and on a time range computed here as integers, so a crafted
/// athlete name or session id can neither break out of its literal nor widen the filter to someone else's data.
/// </summary>
internal sealed class InfluxReader(InfluxHttpClient client, StoreTarget target) : IStoreReader
{
    // Sessions without an end are read up to a week after their start (a live session, or one cut by a crash).
    private static readonly TimeSpan OpenSessionWindow = TimeSpan.FromDays(7);

    private const double LowestRateHz = 52;

    private string From(string measurement) => target.RetentionPolicy is null
        ? Identifier(measurement)
        : Identifier(client.QueryDatabase) + "." + Identifier(target.RetentionPolicy) + "." + Identifier(measurement);

    public async Task<IReadOnlyList<AthleteActivity>> ListAthletesAsync(CancellationToken cancel = default)
    {
        var r = await client.QueryAsync(
            $"SELECT count(\"session_id\") AS n, max(\"start_unix_us\") AS last FROM {From(InfluxSchema.Sessions)} GROUP BY \"athlete\"", cancel).ConfigureAwait(false);
        var list = new List<AthleteActivity>();
        foreach (var s in r.Series)
        {
            if (!s.Tags.TryGetValue("athlete", out var athlete) || s.Values.Length == 0) continue;
            list.Add(new AthleteActivity(athlete, (int)(s.GetLong(0, "n") ?? 0), FromUs(s.GetLong(0, "last") ?? 0)));
        }
        list.Sort((a, b) => string.CompareOrdinal(a.Athlete, b.Athlete));
        return list;
    }

    public async Task<IReadOnlyList<SessionInfo>> ListSessionsAsync(string? athlete = null, DateTimeOffset? fromUtc = null, DateTimeOffset? toUtc = null, CancellationToken cancel = default)
    {
        var where = new List<string>();
        if (athlete is not null) where.Add($"\"athlete\" = {StringLiteral(StoreNames.CheckAthlete(athlete))}");
        if (fromUtc is { } f) where.Add($"time >= {TimeNs(ToUs(f))}");
        if (toUtc is { } t) where.Add($"time <= {TimeNs(ToUs(t))}");
        string q = $"SELECT * FROM {From(InfluxSchema.Sessions)}" + (where.Count > 0 ? " WHERE " + string.Join(" AND ", where) : "");
        var list = ReadSessions(await client.QueryAsync(q, cancel).ConfigureAwait(false));
        list.Sort((a, b) => b.StartUtc.CompareTo(a.StartUtc));
        return list;
    }

    public async Task<SessionInfo?> GetSessionAsync(string sessionId, CancellationToken cancel = default)
    {
        string q = $"SELECT * FROM {From(InfluxSchema.Sessions)} WHERE \"session_id\" = {StringLiteral(StoreNames.CheckSessionId(sessionId))}";
        var list = ReadSessions(await client.QueryAsync(q, cancel).ConfigureAwait(false));
        return list.Count == 0 ? null : list[0];
    }

    public async Task<SessionSummary> GetSessionSummaryAsync(string sessionId, CancellationToken cancel = default)
    {
        var info = await Require(sessionId, cancel).ConfigureAwait(false);
        return SessionMath.Summarise(info, await GetRepsAsync(sessionId, cancel).ConfigureAwait(false),
            await GetSetsAsync(sessionId, cancel).ConfigureAwait(false), await GetHoldsAsync(sessionId, cancel).ConfigureAwait(false),
            await GetAlertsAsync(sessionId, cancel).ConfigureAwait(false));
    }

    public async Task<IReadOnlyList<StoredRep>> GetRepsAsync(string sessionId, CancellationToken cancel = default)
    {
        var info = await Require(sessionId, cancel).ConfigureAwait(false);
        var r = await client.QueryAsync(EventQuery(InfluxSchema.Reps, info), cancel).ConfigureAwait(false);
        return ReadReps(r, info.SessionId);
    }

    public async Task<IReadOnlyList<StoredSet>> GetSetsAsync(string sessionId, CancellationToken cancel = default)
    {
        var info = await Require(sessionId, cancel).ConfigureAwait(false);
        return ReadSets(await client.QueryAsync(EventQuery(InfluxSchema.Sets, info), cancel).ConfigureAwait(false), info.SessionId);
    }

    public async Task<IReadOnlyList<StoredHold>> GetHoldsAsync(string sessionId, CancellationToken cancel = default)
    {
        var info = await Require(sessionId, cancel).ConfigureAwait(false);
        var list = new List<StoredHold>();
        foreach (var s in (await client.QueryAsync(EventQuery(InfluxSchema.Holds, info), cancel).ConfigureAwait(false)).Series)
            for (int i = 0; i < s.Values.Length; i++)
                list.Add(new StoredHold(info.SessionId, s.GetString(i, "exercise") ?? "",
                    new HoldResult(s.GetDouble(i, "start_s"), s.GetDouble(i, "end_s"), s.GetDouble(i, "sway_deg"))));
        return list;
    }

    public async Task<IReadOnlyList<StoredAlert>> GetAlertsAsync(string sessionId, CancellationToken cancel = default)
    {
        var info = await Require(sessionId, cancel).ConfigureAwait(false);
        return ReadAlerts(await client.QueryAsync(EventQuery(InfluxSchema.Alerts, info), cancel).ConfigureAwait(false), info.SessionId);
    }

    public async Task<IReadOnlyList<LinkHealth>> GetLinkHealthAsync(string sessionId, CancellationToken cancel = default)
    {
        var info = await Require(sessionId, cancel).ConfigureAwait(false);
        var list = new List<LinkHealth>();
        foreach (var s in (await client.QueryAsync(EventQuery(InfluxSchema.Link, info), cancel).ConfigureAwait(false)).Series)
            for (int i = 0; i < s.Values.Length; i++)
                list.Add(new LinkHealth(RelS(info, s.TimeUs(i)), s.GetDouble(i, "battery_pct"), s.GetDouble(i, "rssi_dbm"),
                    s.GetLong(i, "packets_lost") ?? 0, s.GetLong(i, "packets_received") ?? 0));
        return list;
    }

    public async Task<SeriesData> GetSeriesAsync(string sessionId, SeriesKind kind, double? fromS, double? toS, int maxBuckets, CancellationToken cancel = default)
    {
        SessionMath.CheckMaxBuckets(maxBuckets);
        SessionMath.CheckRange(fromS, toS);
        var info = await Require(sessionId, cancel).ConfigureAwait(false);
        var channels = SeriesData.ChannelsOf(kind);
        string m = From(kind == SeriesKind.Angles ? InfluxSchema.Angles : InfluxSchema.Imu);
        string athlete = StringLiteral(info.Athlete);
        long startUs = ToUs(info.StartUtc);
        long fromUs = startUs + (fromS is { } f ? (long)Math.Round(f * 1e6) : 0);
        long toUs;
        if (toS is { } t) toUs = startUs + (long)Math.Round(t * 1e6);
        else if (info.EndUtc is { } end) toUs = ToUs(end);
        else
        {
            var last = await client.QueryAsync($"SELECT last({Identifier(channels[0])}) FROM {m} WHERE \"athlete\" = {athlete} AND time >= {TimeNs(fromUs)} AND time <= {TimeNs(startUs + ToUs(OpenSessionWindow))}", cancel).ConfigureAwait(false);
            toUs = last.Series.Count > 0 && last.Series[0].Values.Length > 0 ? last.Series[0].TimeUs(0) : fromUs;
        }
        // Wide windows (a bucket spans a second or more): the writer's per-second aggregates, in whole-second buckets
        // aligned to the second holding the window start (as on SQLite). Empty (data from before them): read raw.
        if (toUs >= fromUs && fromUs >= startUs && SessionMath.BucketWidthUs(fromUs, toUs, maxBuckets) >= 1_000_000)
        {
            var agg = await FromSecondAggregatesAsync(info, kind, channels, fromUs, toUs, maxBuckets, cancel).ConfigureAwait(false);
            if (agg is not null) return agg;
        }
        string where = $"WHERE \"athlete\" = {athlete} AND time >= {TimeNs(fromUs)} AND time <= {TimeNs(toUs)}";
        // A window that holds more than maxBuckets samples even at the lowest sensor rate (52 Hz, contract section 2)
        // is downsampled without counting first: the count is a second scan of every point (half the time of a 1 h view).
        bool down;
        if ((toUs - fromUs) / 1e6 * LowestRateHz > maxBuckets) down = true;
        else
        {
            var count = await client.QueryAsync($"SELECT count({Identifier(channels[0])}) FROM {m} {where}", cancel).ConfigureAwait(false);
            long n = count.Series.Count > 0 && count.Series[0].Values.Length > 0 ? count.Series[0].GetLong(0, "count") ?? 0 : 0;
            down = n > maxBuckets;
        }
        var rows = new List<(long T, int N, double[] V)>();
        long widthUs = 0;
        if (!down)
        {
            var r = await client.QueryAsync($"SELECT {string.Join(", ", channels.Select(Identifier))} FROM {m} {where}", cancel).ConfigureAwait(false);
            foreach (var s in r.Series)
                for (int i = 0; i < s.Values.Length; i++)
                {
                    var v = new double[channels.Count * 2];
                    for (int c = 0; c < channels.Count; c++) v[2 * c] = v[2 * c + 1] = s.GetDouble(i, channels[c]);
                    rows.Add((s.TimeUs(i), 1, v));
                }
        }
        else
        {
            // Buckets aligned to the window start (offset), as on SQLite; min and max per bucket and channel.
            long width = widthUs = SessionMath.BucketWidthUs(fromUs, toUs, maxBuckets);
            long offset = ((fromUs % width) + width) % width;
            var cols = new List<string> { $"count({Identifier(channels[0])}) AS n" };
            for (int c = 0; c < channels.Count; c++)
            {
                cols.Add($"min({Identifier(channels[c])}) AS {Identifier("min_" + c)}");
                cols.Add($"max({Identifier(channels[c])}) AS {Identifier("max_" + c)}");
            }
            var r = await client.QueryAsync(
                $"SELECT {string.Join(", ", cols)} FROM {m} {where} GROUP BY time({DurationUs(width)}, {DurationUs(offset)}) fill(none)", cancel).ConfigureAwait(false);
            foreach (var s in r.Series)
                for (int i = 0; i < s.Values.Length; i++)
                {
                    var v = new double[channels.Count * 2];
                    for (int c = 0; c < channels.Count; c++) { v[2 * c] = s.GetDouble(i, "min_" + c); v[2 * c + 1] = s.GetDouble(i, "max_" + c); }
                    rows.Add((s.TimeUs(i), (int)(s.GetLong(i, "n") ?? 0), v));
                }
        }
        var time = new double[rows.Count];
        var counts = new int[rows.Count];
        var min = new double[channels.Count][];
        var max = new double[channels.Count][];
        for (int c = 0; c < channels.Count; c++) { min[c] = new double[rows.Count]; max[c] = new double[rows.Count]; }
        for (int i = 0; i < rows.Count; i++)
        {
            time[i] = RelS(info, rows[i].T);
            counts[i] = rows[i].N;
            for (int c = 0; c < channels.Count; c++) { min[c][i] = rows[i].V[2 * c]; max[c][i] = rows[i].V[2 * c + 1]; }
        }
        bool merged = down && Array.Exists(counts, c => c > 1);
        return new SeriesData(kind, channels, time, min, max, counts, merged, merged ? widthUs / 1e6 : 0);
    }

    private async Task<SeriesData?> FromSecondAggregatesAsync(SessionInfo info, SeriesKind kind, IReadOnlyList<string> channels,
        long fromUs, long toUs, int maxBuckets, CancellationToken cancel)
    {
        long startUs = ToUs(info.StartUtc);
        long fromSec = (fromUs - startUs) / 1_000_000, toSec = (toUs - startUs) / 1_000_000;
        long widthSec = Math.Max(1, (toSec - fromSec + 1 + maxBuckets - 1) / maxBuckets);
        long first = startUs + fromSec * 1_000_000, last = startUs + toSec * 1_000_000;
        long widthUs = widthSec * 1_000_000;
        long offset = ((first % widthUs) + widthUs) % widthUs;
        var cols = new List<string> { "sum(\"n\") AS n" };
        for (int c = 0; c < channels.Count; c++)
        {
            cols.Add($"min({Identifier(channels[c] + "_min")}) AS {Identifier("min_" + c)}");
            cols.Add($"max({Identifier(channels[c] + "_max")}) AS {Identifier("max_" + c)}");
        }
        string m = From(kind == SeriesKind.Angles ? InfluxSchema.Angles1s : InfluxSchema.Imu1s);
        var r = await client.QueryAsync(
            $"SELECT {string.Join(", ", cols)} FROM {m} WHERE \"athlete\" = {StringLiteral(info.Athlete)} AND time >= {TimeNs(first)} AND time <= {TimeNs(last)} " +
            $"GROUP BY time({DurationUs(widthUs)}, {DurationUs(offset)}) fill(none)", cancel).ConfigureAwait(false);
        if (r.Series.Count == 0 || r.Series[0].Values.Length == 0) return null;
        var s = r.Series[0];
        int nRows = s.Values.Length;
        var time = new double[nRows];
        var counts = new int[nRows];
        var min = new double[channels.Count][];
        var max = new double[channels.Count][];
        for (int c = 0; c < channels.Count; c++) { min[c] = new double[nRows]; max[c] = new double[nRows]; }
        for (int i = 0; i < nRows; i++)
        {
            time[i] = RelS(info, s.TimeUs(i));
            counts[i] = (int)(s.GetLong(i, "n") ?? 0);
            for (int c = 0; c < channels.Count; c++) { min[c][i] = s.GetDouble(i, "min_" + c); max[c][i] = s.GetDouble(i, "max_" + c); }
        }
        return new SeriesData(kind, channels, time, min, max, counts, true, widthSec);
    }

    public async Task<IReadOnlyList<WeeklyTrend>> GetWeeklyTrendsAsync(string athlete, DateTimeOffset fromUtc, DateTimeOffset toUtc, CancellationToken cancel = default)
    {
        StoreNames.CheckAthlete(athlete);
        var sessions = await ListSessionsAsync(athlete, fromUtc, toUtc, cancel).ConfigureAwait(false);
        if (sessions.Count == 0) return [];
        // One query per measurement over the whole range (athlete tag + time), split by session here.
        long from = ToUs(fromUtc);
        long to = ToUs(toUtc > DateTimeOffset.MaxValue - OpenSessionWindow ? DateTimeOffset.MaxValue : toUtc + OpenSessionWindow);
        string where = $"WHERE \"athlete\" = {StringLiteral(athlete)} AND time >= {TimeNs(from)} AND time <= {TimeNs(to)}";
        var reps = ReadReps(await client.QueryAsync($"SELECT * FROM {From(InfluxSchema.Reps)} {where}", cancel).ConfigureAwait(false), null);
        var sets = ReadSets(await client.QueryAsync($"SELECT * FROM {From(InfluxSchema.Sets)} {where}", cancel).ConfigureAwait(false), null);
        var alerts = ReadAlerts(await client.QueryAsync($"SELECT * FROM {From(InfluxSchema.Alerts)} {where}", cancel).ConfigureAwait(false), null);
        return SessionMath.Weekly(athlete, sessions, reps, sets, alerts);
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    private async Task<SessionInfo> Require(string sessionId, CancellationToken cancel) =>
        await GetSessionAsync(sessionId, cancel).ConfigureAwait(false)
        ?? throw new StorageException(StorageErrorCode.NotFound, $"no session with id '{sessionId}'");

    private string EventQuery(string measurement, SessionInfo info)
    {
        long from = ToUs(info.StartUtc);
        long to = info.EndUtc is { } e ? Math.Max(ToUs(e), from) + 60_000_000 : from + ToUs(OpenSessionWindow);
        return $"SELECT * FROM {From(measurement)} WHERE \"athlete\" = {StringLiteral(info.Athlete)} AND time >= {TimeNs(from)} AND time <= {TimeNs(to)} AND \"session_id\" = {StringLiteral(info.SessionId)}";
    }

    private static List<StoredRep> ReadReps(InfluxQueryResult r, string? sessionId)
    {
        var list = new List<StoredRep>();
        foreach (var s in r.Series)
            for (int i = 0; i < s.Values.Length; i++)
                list.Add(new StoredRep(sessionId ?? s.GetString(i, "session_id") ?? "", s.GetString(i, "exercise") ?? "",
                    new RepResult((int)(s.GetLong(i, "set") ?? 0), (int)(s.GetLong(i, "rep") ?? 0), s.GetDouble(i, "start_s"), s.GetDouble(i, "end_s"),
                        s.GetDouble(i, "eccentric_s"), s.GetDouble(i, "bottom_pause_s"), s.GetDouble(i, "concentric_s"), s.GetDouble(i, "top_pause_s"),
                        s.GetDouble(i, "peak_flexion_deg"), (AlertKind)(s.GetLong(i, "flags_mask") ?? 0))));
        return list;
    }

    private static List<StoredSet> ReadSets(InfluxQueryResult r, string? sessionId)
    {
        var list = new List<StoredSet>();
        foreach (var s in r.Series)
            for (int i = 0; i < s.Values.Length; i++)
                list.Add(new StoredSet(sessionId ?? s.GetString(i, "session_id") ?? "", s.GetString(i, "exercise") ?? "",
                    new SetResult((int)(s.GetLong(i, "set") ?? 0), s.GetDouble(i, "start_s"), s.GetDouble(i, "end_s"), (int)(s.GetLong(i, "reps") ?? 0))));
        return list;
    }

    private static List<StoredAlert> ReadAlerts(InfluxQueryResult r, string? sessionId)
    {
        var list = new List<StoredAlert>();
        foreach (var s in r.Series)
            for (int i = 0; i < s.Values.Length; i++)
                list.Add(new StoredAlert(sessionId ?? s.GetString(i, "session_id") ?? "", s.GetString(i, "exercise"),
                    new AlertEvent(s.GetDouble(i, "t_s"), InfluxSchema.ParseKind(s.GetString(i, "kind")), s.GetDouble(i, "value"), s.GetDouble(i, "limit"))));
        return list;
    }

    private static List<SessionInfo> ReadSessions(InfluxQueryResult r)
    {
        var list = new List<SessionInfo>();
        foreach (var s in r.Series)
            for (int i = 0; i < s.Values.Length; i++)
            {
                string? id = s.GetString(i, "session_id");
                string? athlete = s.GetString(i, "athlete");
                if (id is null || athlete is null) continue;
                long? end = s.GetLong(i, "end_unix_us");
                list.Add(new SessionInfo(id, athlete, s.GetString(i, "plan"), s.GetString(i, "exercise"),
                    FromUs(s.GetLong(i, "start_unix_us") ?? s.TimeUs(i)), end is { } e ? FromUs(e) : null));
            }
        return list;
    }

    private static double RelS(SessionInfo info, long unixUs) => (unixUs - ToUs(info.StartUtc)) / 1e6;

    private static long ToUs(DateTimeOffset t) => (t.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;

    private static long ToUs(TimeSpan t) => t.Ticks / 10;

    private static DateTimeOffset FromUs(long us) => DateTimeOffset.UnixEpoch.AddTicks(us * 10);
}
