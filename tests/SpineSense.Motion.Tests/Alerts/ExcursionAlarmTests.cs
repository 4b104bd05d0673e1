using SpineSense.Motion.Alerts;
using SpineSense.Motion.Results;
using Xunit;

namespace SpineSense.Motion.Tests.Alerts;

public class ExcursionAlarmTests
{
    private const double Limit = 150, Hysteresis = 10, MergeS = 0.3;

    /// <summary>Feeds (time, value) pairs; returns every finished alert (ended or flushed) and the raised count.</summary>
    private static (List<AlertEvent> Alerts, int Raised) Run(ExcursionAlarm alarm, IEnumerable<(double T, double V)> samples)
    {
        var alerts = new List<AlertEvent>();
        int raised = 0;
        foreach (var (t, v) in samples)
        {
            var step = alarm.Update(t, v, out var a);
            if (step == AlarmStep.Ended) alerts.Add(a);
            else if (step == AlarmStep.Raised) raised++;
        }
        if (alarm.TryFlush(out var last)) alerts.Add(last);
        return (alerts, raised);
    }

    private static IEnumerable<(double T, double V)> Sampled(double rateHz, double endS, Func<double, double> f)
    {
        for (int i = 0; i * (1 / rateHz) <= endS; i++) yield return (i / rateHz, f(i / rateHz));
    }

    // Two peaks above the limit. Sampled at 100 Hz it falls below the re-arm level (140) at ≈ 0.381 s (between the
    // 0.38 and 0.39 samples) and crosses the limit again at ≈ 0.689 s: 0.308 s below, longer than the merge window,
    // though the first sample below (0.39) and the last one not above the limit (0.68) are only 0.29 s apart.
    private static double TwoPeaks(double t) =>
        t < 0.2 ? 1000 * t : t < 0.4 ? 200 - 300 * (t - 0.2) - (t > 0.385 ? 100 : 0) : t < 0.675 ? 0 : t < 0.685 ? 145 : 200;

    [Fact]
    public void Update_DipLongerThanMergeWindowBetweenSamples_RaisesTwoAlertsWithInterpolatedCrossings()
    {
        var (alerts, _) = Run(new ExcursionAlarm(AlertKind.Rotation, Limit, Hysteresis, 0.015, MergeS), Sampled(100, 1.0, TwoPeaks));

        Assert.Equal(2, alerts.Count);
        Assert.Equal(0.15, alerts[0].TimeS, 3);
        Assert.InRange(alerts[1].TimeS, 0.68, 0.69);
    }

    [Fact]
    public void Update_DipShorterThanMergeWindow_IsOneExcursionWithTheWorstValue()
    {
        // Below 140 only from 0.40 s to 0.60 s.
        static double F(double t) => t < 0.4 ? 170 : t < 0.6 ? 100 : t < 0.8 ? 230 : 0;
        var (alerts, _) = Run(new ExcursionAlarm(AlertKind.Rotation, Limit, Hysteresis, 0.015, MergeS),
            [(0.0, 0.0), .. Sampled(100, 1.5, F)]);

        var alert = Assert.Single(alerts);
        Assert.Equal(230, alert.Value, 6);
    }

    [Fact]
    public void Update_SignedRateReversingAcrossAGap_EndsTheTurnAtTheZeroPassage()
    {
        // −230 dps turning one way, a 0.39 s packet-loss gap, then +120 and rising the other way. Interpolating the
        // magnitudes (230 → 120) would keep it above the re-arm level until late in the gap and merge both turns.
        (double, double)[] samples = [(0.00, 0), (0.01, -100), (0.02, -200), (0.03, -230), (0.42, 120), (0.43, 140), (0.44, 160), (0.45, 200), (0.46, 100), (0.80, 0)];

        var signed = Run(new ExcursionAlarm(AlertKind.Rotation, Limit, Hysteresis, 0.015, MergeS, magnitudeOfSigned: true), samples);
        var magnitudes = Run(new ExcursionAlarm(AlertKind.Rotation, Limit, Hysteresis, 0.015, MergeS),
            samples.Select(s => (s.Item1, Math.Abs(s.Item2))));

        Assert.Equal(2, signed.Alerts.Count);
        Assert.Equal(230, signed.Alerts[0].Value, 6);
        Assert.Equal(0.015, signed.Alerts[0].TimeS, 3);
        Assert.Equal(0.435, signed.Alerts[1].TimeS, 3);
        Assert.Single(magnitudes.Alerts);
    }

    [Fact]
    public void Update_SignedRateJumpingThroughZeroBetweenSamples_InterpolatesTheCrossingOnTheSignedLine()
    {
        // From −100 to +200 in 10 ms: |ω| passes 0 and reaches +150 at 5/6 of the interval.
        var (alerts, _) = Run(new ExcursionAlarm(AlertKind.Rotation, Limit, Hysteresis, 0, MergeS, magnitudeOfSigned: true),
            [(0.00, -100), (0.01, 200), (0.02, 0), (0.50, 0)]);

        var alert = Assert.Single(alerts);
        Assert.Equal(0.01 * 5 / 6, alert.TimeS, 4);
    }

    [Fact]
    public void Update_NewExcursionWithoutDwellRightAfterOneEnds_IsStillRaisedAndReported()
    {
        // Impact-style alarm (dwell 0): the second spike lasts one sample, and is the sample that ends the first.
        var (alerts, raised) = Run(new ExcursionAlarm(AlertKind.Impact, 3, 0.2, 0, MergeS),
            [(0.00, 1), (0.01, 5), (0.02, 1), (0.345, 1), (0.35, 4), (0.36, 1), (0.37, 1)]);

        Assert.Equal(2, alerts.Count);
        Assert.Equal(2, raised);
        Assert.Equal(4, alerts[1].Value, 6);
    }
}
