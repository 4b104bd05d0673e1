namespace SpineSense.Streaming.Plans;

/// <summary>
/// One exercise of a plan: <see cref="Sets"/> sets of either <see cref="Reps"/> reps or a hold of
/// <see cref="HoldMinS"/>..<see cref="HoldMaxS"/> seconds.
/// </summary>
/// <param name="ExerciseId">Contract exercise id (kebab-case), e.g. <c>glute-bridge</c>.</param>
/// <param name="Reps">Reps per side; null for a hold.</param>
/// <param name="EachSide">Reps: the contract counts every excursion, so a set's target is 2 × <see cref="Reps"/>.
/// Holds: one hold per side per set.</param>
/// <param name="RestS">Planned rest after each set, seconds (drives the rest timer).</param>
public sealed record PlanStep(
    PlanPart Part,
    string ExerciseId,
    int Sets,
    int? Reps,
    double? HoldMinS,
    double? HoldMaxS,
    bool EachSide,
    double RestS)
{
    public bool IsHold => Reps is null;

    /// <summary>Reps that complete one set (both sides counted), or null for a hold.</summary>
    public int? RepsPerSet => Reps is int r ? (EachSide ? 2 * r : r) : null;

    /// <summary>Holds that complete one set: one, or two when each side is held.</summary>
    public int HoldsPerSet => IsHold ? (EachSide ? 2 : 1) : 0;
}
