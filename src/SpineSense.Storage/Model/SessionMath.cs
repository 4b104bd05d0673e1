using System.Globalization;

namespace SpineSense.Storage.Model;

/// <summary>Summaries and trends computed the same way from either back end's rows.</summary>
internal static class SessionMath
{
    public static SessionSummary Summarise(SessionInfo info, IReadOnlyList<StoredRep> reps, IReadOnlyList<StoredSet> sets,
        IReadOnlyList<StoredHold> holds, IReadOnlyList<StoredAlert> alerts)
    {
        double duration = info.EndUtc is { } end ? (end - info.StartUtc).TotalSeconds : 0;
        if (info.EndUtc is null)
        {
            foreach (var r in reps) duration = Math.Max(duration, r.Rep.EndS);
            foreach (var s in sets) duration = Math.Max(duration, s.Set.EndS);
            foreach (var h in holds) duration = Math.Max(duration, h.Hold.EndS);
            foreach (var a in alerts) duration = Math.Max(duration, a.Alert.TimeS);
        }
        double peak = double.NaN;
        var exercises = new List<string>();
        if (info.Exercise is not null) exercises.Add(info.Exercise);
        foreach (var r in reps)
        {
            if (double.IsNaN(peak) || r.Rep.PeakFlexionDeg > peak) peak = r.Rep.PeakFlexionDeg;
            if (!exercises.Contains(r.Exercise)) exercises.Add(r.Exercise);
        }
        foreach (var s in sets) if (!exercises.Contains(s.Exercise)) exercises.Add(s.Exercise);
        foreach (var h in holds) if (!exercises.Contains(h.Exercise)) exercises.Add(h.Exercise);
        return new SessionSummary(info, duration, sets.Count, reps.Count, holds.Count, alerts.Count, peak, exercises);
    }

    /// <summary>Monday 00:00 UTC of the ISO week containing <paramref name="t"/>.</summary>
    public static DateOnly WeekStart(DateTimeOffset t)
    {
        var d = DateOnly.FromDateTime(t.UtcDateTime);
        int back = ((int)d.DayOfWeek + 6) % 7;
        return d.AddDays(-back);
    }

    public static IReadOnlyList<WeeklyTrend> Weekly(string athlete, IReadOnlyList<SessionInfo> sessions,
        IReadOnlyList<StoredRep> reps, IReadOnlyList<StoredSet> sets, IReadOnlyList<StoredAlert> alerts)
    {
        var byId = sessions.ToDictionary(s => s.SessionId, StringComparer.Ordinal);
        var keys = new SortedDictionary<(DateOnly Week, string Exercise), Acc>();
        Acc Get(string sessionId, string exercise)
        {
            var week = WeekStart(byId[sessionId].StartUtc);
            if (!keys.TryGetValue((week, exercise), out var acc)) keys[(week, exercise)] = acc = new Acc();
            acc.Sessions.Add(sessionId);
            return acc;
        }
        foreach (var r in reps)
        {
            if (!byId.ContainsKey(r.SessionId)) continue;
            var a = Get(r.SessionId, r.Exercise);
            a.Peaks.Add(r.Rep.PeakFlexionDeg);
            a.Durations.Add(r.Rep.EndS - r.Rep.StartS);
        }
        foreach (var s in sets) if (byId.ContainsKey(s.SessionId)) Get(s.SessionId, s.Exercise).Sets++;
        foreach (var al in alerts)
            if (al.Exercise is not null && byId.ContainsKey(al.SessionId)) Get(al.SessionId, al.Exercise).Alerts++;
        var result = new List<WeeklyTrend>(keys.Count);
        foreach (var ((week, exercise), a) in keys)
        {
            a.Peaks.Sort();
            double median = a.Peaks.Count == 0 ? double.NaN
                : a.Peaks.Count % 2 == 1 ? a.Peaks[a.Peaks.Count / 2]
                : 0.5 * (a.Peaks[a.Peaks.Count / 2 - 1] + a.Peaks[a.Peaks.Count / 2]);
            result.Add(new WeeklyTrend(athlete, week, exercise, a.Sessions.Count, a.Sets, a.Peaks.Count,
                a.Peaks.Count == 0 ? double.NaN : a.Peaks[^1], median, a.Alerts, CvPct(a.Durations)));
        }
        return result;
    }

    private static double CvPct(List<double> xs)
    {
        if (xs.Count < 2) return double.NaN;
        double mean = 0;
        foreach (double x in xs) mean += x;
        mean /= xs.Count;
        double ss = 0;
        foreach (double x in xs) ss += (x - mean) * (x - mean);
        double sd = Math.Sqrt(ss / (xs.Count - 1));
        return mean > 0 ? 100 * sd / mean : double.NaN;
    }

    /// <summary>Bucket width (µs) so that [from, to] splits into at most <paramref name="maxBuckets"/> buckets.</summary>
    public static long BucketWidthUs(long fromUs, long toUs, int maxBuckets)
    {
        long span = toUs - fromUs + 1;
        return Math.Max(1, (span + maxBuckets - 1) / maxBuckets);
    }

    public static void CheckMaxBuckets(int maxBuckets)
    {
        if (maxBuckets is < 1 or > 100_000)
            throw new StorageException(StorageErrorCode.InvalidInput,
                $"max points must be between 1 and 100000, got {maxBuckets.ToString(CultureInfo.InvariantCulture)}");
    }

    public static void CheckRange(double? fromS, double? toS)
    {
        if (fromS is { } f && (!double.IsFinite(f) || f < -1e9 || f > 1e9) || toS is { } t && (!double.IsFinite(t) || t < -1e9 || t > 1e9))
            throw new StorageException(StorageErrorCode.InvalidInput, "the time range must be finite seconds since session start");
        if (fromS is { } a && toS is { } b && b < a)
            throw new StorageException(StorageErrorCode.InvalidInput, "the time range ends before it starts");
    }

    private sealed class Acc
    {
        public readonly HashSet<string> Sessions = new(StringComparer.Ordinal);
        public readonly List<double> Peaks = [];
        public readonly List<double> Durations = [];
        public int Sets;
        public int Alerts;
    }
}
