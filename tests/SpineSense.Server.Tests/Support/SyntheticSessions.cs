using SpineSense.Motion.Results;
using SpineSense.Motion.Samples;
using SpineSense.Storage;
using SpineSense.Storage.Model;

namespace SpineSense.Server.Tests.Support;

/// <summary>
/// Writes sessions with a known answer through the real storage writer: goblet squats as a raised-cosine
/// flexion of known peaks, reps and one flexion alert, so tests can compare what the dashboard shows.
/// </summary>
public static class SyntheticSessions
{
    public sealed record Written(string SessionId, string Athlete, double DurationS, IReadOnlyList<RepResult> Reps, IReadOnlyList<AlertEvent> Alerts);

    public const string Exercise = "goblet-squat";
    public const double RateHz = 200;

    /// <summary>
    /// One set of <paramref name="reps"/> squats (3 s each, 1 s apart) after 5 s standing; rep k peaks at
    /// 40 + 5k degrees; the deepest rep crosses <paramref name="limitDeg"/> and raises one alert.
    /// </summary>
    public static async Task<Written> WriteAsync(ISessionStore store, string athlete, DateTimeOffset startUtc, int reps = 6, double limitDeg = 60, double tailS = 5, bool withRaw = true,
        IReadOnlyList<HoldResult>? sidePlankHolds = null, string plan = "beginner")
    {
        var writer = await store.StartSessionAsync(new SessionStart(athlete, startUtc, Plan: plan));
        const double leadS = 5, repS = 3, gapS = 1;
        double durationS = leadS + reps * (repS + gapS) + tailS;
        int n = (int)(durationS * RateHz);
        var samples = new ImuSample[n];
        var times = new double[n];
        var angles = new SpineAngles[n];
        for (int i = 0; i < n; i++)
        {
            double t = i / RateHz;
            times[i] = t;
            angles[i] = new SpineAngles(FlexionAt(t, reps), 2 * Math.Sin(t), 3 * Math.Cos(t / 2));
            samples[i] = new ImuSample(t, 0.01, 0.99, 0.02, 0.1, -0.1, 0.2);
        }
        if (withRaw) writer.WriteSamples(samples);
        writer.WriteAngles(times, angles);
        var repList = new List<RepResult>();
        var alertList = new List<AlertEvent>();
        for (int k = 0; k < reps; k++)
        {
            double start = leadS + k * (repS + gapS);
            double peak = PeakOf(k);
            var flags = peak > limitDeg ? AlertKind.Flexion : AlertKind.None;
            var rep = new RepResult(1, k + 1, start, start + repS, 1.4, 0.2, 1.4, k == reps - 1 ? 0 : gapS, peak, flags);
            repList.Add(rep);
            writer.WriteRep(Exercise, rep);
            if (flags != AlertKind.None)
            {
                var alert = new AlertEvent(start + 1.2, AlertKind.Flexion, peak, limitDeg);
                alertList.Add(alert);
                writer.WriteAlert(Exercise, alert);
            }
        }
        writer.WriteSet(Exercise, new SetResult(1, leadS, leadS + reps * (repS + gapS) - gapS, reps));
        foreach (var hold in sidePlankHolds ?? []) writer.WriteHold("side-plank", hold);
        writer.WriteLinkHealth(new LinkHealth(1, 87, -61, 0, 100));
        await writer.EndAsync(startUtc.AddSeconds(durationS));
        await writer.DisposeAsync();
        if (!await store.DrainAsync(TimeSpan.FromSeconds(30))) throw new InvalidOperationException("store did not drain");
        return new Written(writer.Info.SessionId, athlete, durationS, repList, alertList);
    }

    public static double PeakOf(int k) => 40 + 5 * k;

    /// <summary>Raised cosine per rep: 0 at start/end, the rep's peak in the middle.</summary>
    public static double FlexionAt(double t, int reps)
    {
        const double leadS = 5, repS = 3, gapS = 1;
        if (t < leadS) return 0;
        int k = (int)((t - leadS) / (repS + gapS));
        if (k >= reps) return 0;
        double u = t - leadS - k * (repS + gapS);
        if (u > repS) return 0;
        return PeakOf(k) * 0.5 * (1 - Math.Cos(2 * Math.PI * u / repS));
    }
}
