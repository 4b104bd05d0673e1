using SpineSense.Motion.Alerts;
using SpineSense.Motion.Exercises;
using SpineSense.Motion.Holds;
using SpineSense.Motion.Orientation;
using SpineSense.Motion.Reps;

namespace SpineSense.Motion.Analysis;

/// <summary>
/// Everything a <see cref="LumbarAnalyzer"/> needs, fixed for the life of a stream.
/// </summary>
/// <param name="Exercise">The exercise profile (see <see cref="ExerciseCatalog"/>).</param>
/// <param name="Limits">Per-athlete or command-line limits, merged over the profile's defaults.</param>
/// <param name="CalibrationS">Length of the quiet standing window at the start, seconds (contract default 2).</param>
public sealed record AnalyzerSettings(
    ExerciseProfile Exercise,
    SafetyLimits? Limits = null,
    double CalibrationS = 2.0,
    AttitudeSettings? Attitude = null,
    AlertSettings? Alerts = null,
    RepSettings? Reps = null,
    HoldSettings? Holds = null)
{
    /// <summary>Settings for a catalog exercise; throws <see cref="ArgumentException"/> for an unknown ID.</summary>
    public static AnalyzerSettings For(string exerciseId, SafetyLimits? limits = null, double calibrationS = 2.0) =>
        ExerciseCatalog.TryGet(exerciseId, out var profile)
            ? new AnalyzerSettings(profile, limits, calibrationS)
            : throw new ArgumentException($"unknown exercise '{exerciseId}'", nameof(exerciseId));

    /// <summary>The limits in force: these settings' limits over the profile's defaults.</summary>
    public SafetyLimits EffectiveLimits => Limits?.Over(Exercise.Limits) ?? Exercise.Limits;
}
