namespace SpineSense.Motion.Alerts;

/// <summary>
/// How alerts avoid nagging without arriving late: an excursion must last <c>Dwell</c> before it is raised
/// (t_s is still the crossing moment), and must fall below limit − hysteresis before a new one can start.
/// Dwell times stay well under the contract's 0.2 s latency bound.
/// </summary>
/// <param name="AngleHysteresisDeg">Flexion/extension re-arm margin, degrees.</param>
/// <param name="RateHysteresisDps">Rotation re-arm margin, deg/s.</param>
/// <param name="ImpactHysteresisG">Impact re-arm margin, g.</param>
/// <param name="MergeS">An excursion ends after this long below the re-arm level (a dip and re-crossing within
/// it is the same excursion).</param>
/// <param name="AngleDwellS">Flexion/extension dwell, seconds.</param>
/// <param name="RateDwellS">Rotation dwell, seconds (a single noisy gyro sample is not a rotation).</param>
/// <param name="ImpactDwellS">Impact dwell, seconds (0: a landing spike lasts a few samples).</param>
public sealed record AlertSettings(
    double AngleHysteresisDeg = 2.0,
    double RateHysteresisDps = 10,
    double ImpactHysteresisG = 0.2,
    double MergeS = 0.3,
    double AngleDwellS = 0.03,
    double RateDwellS = 0.015,
    double ImpactDwellS = 0.0)
{
    internal void Validate()
    {
        if (AngleHysteresisDeg < 0 || RateHysteresisDps < 0 || ImpactHysteresisG < 0 || MergeS < 0)
            throw new ArgumentOutOfRangeException(nameof(AngleHysteresisDeg), "hysteresis cannot be negative");
        if (AngleDwellS is < 0 or > 0.2 || RateDwellS is < 0 or > 0.2 || ImpactDwellS is < 0 or > 0.2)
            throw new ArgumentOutOfRangeException(nameof(AngleDwellS), "dwell must be between 0 and 0.2 s (contract latency)");
    }
}
