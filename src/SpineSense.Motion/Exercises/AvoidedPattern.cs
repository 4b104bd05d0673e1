namespace SpineSense.Motion.Exercises;

/// <summary>
/// A movement the seed says people with back pain should avoid, and the alert that catches it
/// (deep spinal flexion → flexion, fast or loaded rotation → rotation, high impact → impact).
/// </summary>
public sealed record AvoidedPattern(string Id, string Name, string Why, Results.AlertKind CaughtBy);
