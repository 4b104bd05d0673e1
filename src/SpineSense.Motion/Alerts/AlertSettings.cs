namespace SpineSense.Motion.Alerts;

/// <summary>
/// How alerts avoid nagging without arriving late: an excursion must last <c>Dwell</c> before it is raised
/// (t_s is still the crossing moment), and must fall below limit − hysteresis before a new one can start.
/// Dwell times stay well under the contract's 0.2 s latency bound.
/// </summary>
/// <param name="AngleHysteresisDeg">Flexion/extension re-arm margin, degrees.</param>
/// <param name="RateHysteresisFraction">Rotation re-arm margin as a fraction of the limit.</param>
/// <param name="ImpactHysteresisFraction">Impact re-arm margin as a fraction of the limit.</param>
/// <param name="AngleDwellS">Flexion/extension dwell, seconds.</param>
/// <param name="RateDwellS">Rotation dwell, seconds (a single noisy gyro sample is not a rotation).</param>
/// <param name="ImpactDwellS">Impact dwell, seconds (0: a landing spike lasts a few samples).</param>
public sealed record AlertSettings(
    double AngleHysteresisDeg = 2.0,
    double RateHysteresisFraction = 0.1,
    double ImpactHysteresisFraction = 0.1,
    double AngleDwellS = 0.03,
    double RateDwellS = 0.015,
    double ImpactDwellS = 0.0)
{
    internal void Validate()
    {
        if (AngleHysteresisDeg < 0 || RateHysteresisFraction < 0 || ImpactHysteresisFraction < 0)
            throw new ArgumentOutOfRangeException(nameof(AngleHysteresisDeg), "hysteresis cannot be negative");
        if (AngleDwellS is < 0 or > 0.2 || RateDwellS is < 0 or > 0.2 || ImpactDwellS is < 0 or > 0.2)
            throw new ArgumentOutOfRangeException(nameof(AngleDwellS), "dwell must be between 0 and 0.2 s (contract latency)");
    }
}
