using SpineSense.Motion.Exercises;
using SpineSense.Motion.Results;
using SpineSense.Simulation.Sensor;
using SpineSense.Simulation.Truth;

namespace SpineSense.Simulation.Tests.Truth;

public class AlertTruthTests
{
    private static TruthSignals Flexion(Func<double, double> f, double seconds)
    {
        var s = new TruthSignals((int)(seconds * 1000));
        for (int i = 0; i < s.Length; i++) s.FlexionDeg[i] = (float)f(i / 1000.0);
        return s;
    }

    [Fact]
    public void Raises_once_per_excursion_at_the_crossing_with_the_worst_value()
    {
        // Two bumps to 80° peaking at 2 s and 12 s, limit 70: crossing where 80·bump = 70.
        static double Bump(double t, double c) => 80 * Math.Exp(-(t - c) * (t - c) / 0.5);
        var alerts = AlertTruth.Compute(Flexion(t => Bump(t, 2) + Bump(t, 12), 15), new SafetyLimits(MaxFlexionDeg: 70));
        Assert.Equal(2, alerts.Count);
        double crossing = 2 - Math.Sqrt(-0.5 * Math.Log(70.0 / 80));
        Assert.Equal(crossing, alerts[0].TimeS, 0.001);
        Assert.Equal(80, alerts[0].Value, 0.01);
        Assert.Equal(AlertKind.Flexion, alerts[0].Kind);
        Assert.Equal(70, alerts[0].Limit);
    }

    [Fact]
    public void Wobble_around_the_limit_is_one_excursion()
    {
        // 71° ± 1.5° at 4 Hz for 2 s: dips below 70 but never below limit − hysteresis for long.
        var alerts = AlertTruth.Compute(Flexion(t => t is > 1 and < 3 ? 71 + 1.5 * Math.Sin(2 * Math.PI * 4 * t) : 0, 5),
            new SafetyLimits(MaxFlexionDeg: 70));
        Assert.Single(alerts);
    }

    [Fact]
    public void Extension_is_minus_flexion_beyond_its_limit()
    {
        var alerts = AlertTruth.Compute(Flexion(t => t is > 1 and < 2 ? -30 : 0, 3), new SafetyLimits(MaxExtensionDeg: 20));
        var a = Assert.Single(alerts);
        Assert.Equal(AlertKind.Extension, a.Kind);
        Assert.Equal(30, a.Value, 1e-6);
    }
}
