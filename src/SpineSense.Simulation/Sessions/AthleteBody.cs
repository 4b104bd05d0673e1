using SpineSense.Simulation.Geometry;
using SpineSense.Simulation.Kinematics;

namespace SpineSense.Simulation.Sessions;

/// <summary>Body dimensions of one virtual athlete, drawn per seed.</summary>
public sealed record AthleteBody(double HipHeightM, Vec3 SensorOffsetM)
{
    /// <summary>Hip joint 0.85–1.0 m above the floor; sensor over L3–L5 12–20 cm above it and 9–13 cm behind it.</summary>
    public static AthleteBody Draw(Random rng) =>
        new(0.85 + 0.15 * rng.NextDouble(), new Vec3(-(0.09 + 0.04 * rng.NextDouble()), 0, 0.12 + 0.08 * rng.NextDouble()));

    public Pose Standing => new() { HipZM = HipHeightM, SwayGain = 1 };
}
