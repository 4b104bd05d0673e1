namespace SpineSense.Motion.Exercises;

/// <summary>
/// Safety limits (contract section 6). A null member means "not set here": a physio's per-athlete limits
/// are merged over the exercise profile's defaults with <see cref="Over"/>, and CLI flags over both.
/// </summary>
/// <param name="MaxFlexionDeg">Alert when flexion_deg exceeds this, degrees.</param>
/// <param name="MaxExtensionDeg">Alert when −flexion_deg exceeds this, degrees (may be negative: on an
/// incline bench "over-arching" is still positive flexion).</param>
/// <param name="MaxRotationDps">Alert when the axial angular speed |ω_superior| exceeds this, deg/s.</param>
/// <param name="MaxImpactG">Alert when the acceleration magnitude exceeds this, g.</param>
public sealed record SafetyLimits(
    double? MaxFlexionDeg = null,
    double? MaxExtensionDeg = null,
    double? MaxRotationDps = null,
    double? MaxImpactG = null)
{
    /// <summary>These limits where set, <paramref name="defaults"/> elsewhere.</summary>
    public SafetyLimits Over(SafetyLimits defaults) => new(
        MaxFlexionDeg ?? defaults.MaxFlexionDeg,
        MaxExtensionDeg ?? defaults.MaxExtensionDeg,
        MaxRotationDps ?? defaults.MaxRotationDps,
        MaxImpactG ?? defaults.MaxImpactG);

    /// <summary>Limits used when nothing else says otherwise (standing work).</summary>
    public static SafetyLimits General { get; } = new(MaxFlexionDeg: 70, MaxExtensionDeg: 25, MaxRotationDps: 150, MaxImpactG: 2.5);
}
