using SpineSense.Server.Data;

namespace SpineSense.Server.Review;

/// <summary>
/// Weekly trends and "needs attention" from stored sessions. Pure: sessions in, numbers out.
/// Typical flexion is the median of per-rep peaks (robust to one bad rep); tempo consistency is the
/// coefficient of variation of rep durations within each set, averaged over sets (lower = steadier).
/// </summary>
public static class TrendCalculator
{
    /// <summary>Sessions a plan asks for per week unless the plan says otherwise; the seed advises short, frequent sessions.</summary>
    public const int DefaultPlannedPerWeek = 3;
    public const double AlertRateAttentionPer100Reps = 10;
    public const double TempoCvAttentionPct = 25;

    public static IReadOnlyList<TrendWeek> Weekly(IReadOnlyList<SessionDetail> sessions, int weeks, DateTimeOffset nowUtc, int plannedPerWeek = DefaultPlannedPerWeek)
    {
        var thisWeek = WeekStart(nowUtc);
        var result = new List<TrendWeek>(weeks);
        for (int w = weeks - 1; w >= 0; w--)
        {
            var start = thisWeek.AddDays(-7 * w);
            var inWeek = sessions.Where(s => WeekStart(s.Info.StartUtc) == start).ToList();
            result.Add(Summarise(start, inWeek, plannedPerWeek));
        }
        return result;
    }

    public static DateOnly WeekStart(DateTimeOffset t)
    {
        var d = DateOnly.FromDateTime(t.UtcDateTime);
        int sinceMonday = ((int)d.DayOfWeek + 6) % 7;
        return d.AddDays(-sinceMonday);
    }

    private static TrendWeek Summarise(DateOnly start, IReadOnlyList<SessionDetail> sessions, int planned)
    {
        var reps = sessions.SelectMany(s => s.Reps).ToList();
        int alerts = sessions.Sum(s => s.Alerts.Count);
        var byExercise = reps.GroupBy(r => r.Exercise).ToDictionary(
            g => g.Key,
            g => new ExerciseWeek(g.Count(), Round(g.Max(r => r.PeakFlexionDeg)), Round(Median(g.Select(r => r.PeakFlexionDeg)))));
        return new TrendWeek(
            start, sessions.Count, planned, reps.Count,
            reps.Count == 0 ? null : Round(reps.Max(r => r.PeakFlexionDeg)),
            reps.Count == 0 ? null : Round(Median(reps.Select(r => r.PeakFlexionDeg))),
            reps.Count == 0 ? 0 : Round(100.0 * alerts / reps.Count),
            Nullable(Round(TempoCvPct(sessions))),
            byExercise);
    }

    /// <summary>Mean over sets (with ≥ 3 reps) of the CV of rep duration, in %; NaN when no such set.</summary>
    public static double TempoCvPct(IEnumerable<SessionDetail> sessions)
    {
        var cvs = new List<double>();
        foreach (var s in sessions)
            foreach (var set in s.Reps.GroupBy(r => (r.Exercise, r.Set)))
            {
                var durations = set.Select(r => r.EndS - r.StartS).ToList();
                if (durations.Count < 3) continue;
                double mean = durations.Average();
                if (mean <= 0) continue;
                double sd = Math.Sqrt(durations.Sum(d => (d - mean) * (d - mean)) / (durations.Count - 1));
                cvs.Add(100 * sd / mean);
            }
        return cvs.Count == 0 ? double.NaN : cvs.Average();
    }

    /// <summary>What a physio should look at for one athlete, from the last 7 days.</summary>
    public static OverviewRow Overview(AthleteInfo athlete, IReadOnlyList<SessionDetail> sessions, DateTimeOffset nowUtc, int plannedPerWeek = DefaultPlannedPerWeek)
    {
        var recent = sessions.Where(s => s.Info.StartUtc > nowUtc.AddDays(-7)).ToList();
        int reps = recent.Sum(s => s.Reps.Count);
        int alerts = recent.Sum(s => s.Alerts.Count);
        double alertRate = reps == 0 ? 0 : Round(100.0 * alerts / reps);
        double cv = TempoCvPct(recent);
        var attention = new List<string>();
        if (recent.Count == 0) attention.Add("no session in the last 7 days");
        else if (recent.Count < plannedPerWeek) attention.Add($"behind plan: {recent.Count} of {plannedPerWeek} sessions in the last 7 days");
        if (alertRate > AlertRateAttentionPer100Reps) attention.Add($"frequent alerts: {alertRate:0.#} per 100 reps");
        if (cv > TempoCvAttentionPct) attention.Add($"uneven tempo: rep durations vary {cv:0}%");
        DateTimeOffset? last = sessions.Count == 0 ? null : sessions.Max(s => s.Info.StartUtc);
        return new OverviewRow(athlete, last, recent.Count, plannedPerWeek, alertRate, Nullable(Round(cv)), attention);
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.OrderBy(v => v).ToList();
        if (sorted.Count == 0) return double.NaN;
        int mid = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private static double? Nullable(double v) => double.IsFinite(v) ? v : null;

    private static double Round(double v) => double.IsFinite(v) ? Math.Round(v, 2) : v;
}
