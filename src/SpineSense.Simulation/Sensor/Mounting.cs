using SpineSense.Simulation.Geometry;

namespace SpineSense.Simulation.Sensor;

/// <summary>
/// How the sensor sits on the back (contract section 1). Nominal: sensor +x = right (−y anatomical),
/// +y = up (+z anatomical), +z = posterior (−x anatomical). The lumbar curve tilts it about its own x axis
/// (up to ±20°) and the strap rotates it in the plane of the back, about its own z axis (up to ±25°).
/// </summary>
/// <param name="OffMidlineYawDeg">Turn about the vertical from sitting off the spine's midline; not in the contract's
/// model (0 by default) but present on real backs, for robustness scenarios.</param>
public readonly record struct Mounting(double StrapRotationDeg, double TiltDeg, double OffMidlineYawDeg = 0)
{
    public static Mounting Nominal => default;

    /// <summary>Sensor frame → anatomical frame for the nominal mounting: columns are the sensor axes in anatomical coordinates.</summary>
    public static Quat NominalToAnatomical { get; } = new(0.5, 0.5, -0.5, -0.5);

    /// <summary>Sensor frame → anatomical frame including tilt, strap rotation and off-midline yaw.</summary>
    public Quat SensorToAnatomical =>
        Quat.AboutZ(Angles.DegToRad(OffMidlineYawDeg)) * NominalToAnatomical
        * Quat.AboutX(Angles.DegToRad(TiltDeg)) * Quat.AboutZ(Angles.DegToRad(StrapRotationDeg));

    /// <summary>Random mounting within the contract's limits (uniform strap ±25°, tilt ±20°).</summary>
    public static Mounting Random(Random rng) =>
        new((2 * rng.NextDouble() - 1) * 25, (2 * rng.NextDouble() - 1) * 20);
}
