using SpineSense.Motion.Exercises;
using SpineSense.Motion.Results;
using SpineSense.Simulation.Sensor;

namespace SpineSense.Simulation.Truth;

/// <summary>
/// True alerts (contract section 6) from the noise-free 1 kHz signals: one per excursion beyond a limit,
/// <c>t_s</c> = the moment the limit was crossed (interpolated), <c>value</c> = the worst value in the excursion.
/// An excursion ends when the signal falls below the limit minus a hysteresis (2° for angles, 10 dps, 0.2 g);
/// a new crossing within 0.3 s of that still belongs to the same excursion. These are documented in
/// docs/SIMULATOR.md; an analyzer with its own hysteresis and dwell will match them on every clear excursion.
/// </summary>
public static class AlertTruth
{
    public const double AngleHysteresisDeg = 2, RotationHysteresisDps = 10, ImpactHysteresisG = 0.2, MergeWithinS = 0.3;

    public static List<AlertEvent> Compute(TruthSignals signals, SafetyLimits limits)
    {
        var alerts = new List<AlertEvent>();
        if (limits.MaxFlexionDeg is { } flex)
            Scan(signals.FlexionDeg, 1, flex, AngleHysteresisDeg, AlertKind.Flexion, alerts);
        if (limits.MaxExtensionDeg is { } ext)
            Scan(signals.FlexionDeg, -1, ext, AngleHysteresisDeg, AlertKind.Extension, alerts);
        if (limits.MaxRotationDps is { } rot)
            Scan(signals.AxialSpeedDps, 1, rot, RotationHysteresisDps, AlertKind.Rotation, alerts);
        if (limits.MaxImpactG is { } impact)
            Scan(signals.ImpactG, 1, impact, ImpactHysteresisG, AlertKind.Impact, alerts);
        alerts.Sort((a, b) => a.TimeS.CompareTo(b.TimeS));
        return alerts;
    }

    private static void Scan(float[] signal, int sign, double limit, double hysteresis, AlertKind kind, List<AlertEvent> into)
    {
        bool inside = false;
        double crossing = 0, worst = 0, belowSince = double.NaN;
        for (int i = 1; i < signal.Length; i++)
        {
            double y = sign * signal[i], prev = sign * signal[i - 1];
            double t = TruthSignals.TimeOf(i);
            if (!inside)
            {
                if (y > limit && prev <= limit)
                {
                    inside = true;
                    crossing = TruthSignals.TimeOf(i - 1) + (limit - prev) / (y - prev) / TruthSignals.RateHz;
                    worst = y;
                    belowSince = double.NaN;
                }
                continue;
            }
            if (y > worst) worst = y;
            if (y < limit - hysteresis)
            {
                if (double.IsNaN(belowSince)) belowSince = t;
            }
            else if (y > limit) belowSince = double.NaN;
            if (!double.IsNaN(belowSince) && t - belowSince >= MergeWithinS)
            {
                into.Add(new AlertEvent(crossing, kind, worst, limit));
                inside = false;
            }
        }
        if (inside) into.Add(new AlertEvent(crossing, kind, worst, limit));
    }
}
