namespace SpineSense.Storage.Model;

/// <summary>An athlete as a physio manages them. <paramref name="Physio"/> owns the athlete (dashboard roles).</summary>
public sealed record Athlete(string Name, string? Physio, string? Plan, DateTimeOffset CreatedUtc);

/// <summary>
/// Per-athlete limits a physio sets; null = the exercise default. <paramref name="Exercise"/> null = all exercises
/// (an exercise-specific row wins over the all-exercises row).
/// </summary>
public sealed record AthleteLimits(
    string Athlete, string? Exercise,
    double? MaxFlexionDeg = null, double? MaxExtensionDeg = null, double? MaxRotationDps = null, double? MaxImpactG = null);

/// <summary>What a reviewer corrects.</summary>
public enum CorrectionKind
{
    /// <summary>The counted rep (Set, Rep) was not a rep.</summary>
    RemoveRep,
    /// <summary>A rep was missed in set (Set); <c>CorrectedValue</c> = how many were missed.</summary>
    AddMissedReps,
    /// <summary>Set (Set) really had <c>CorrectedValue</c> reps.</summary>
    SetRepCount,
    /// <summary>The counted set (Set) was not a set (e.g. fidgeting).</summary>
    RemoveSet,
}

/// <summary>
/// A review correction. The stored reps and sets are never changed; corrections are kept beside them
/// (original + correction, with who and when), and readers apply them on top.
/// </summary>
/// <param name="Id">Assigned by the store (0 when adding).</param>
public sealed record ReviewCorrection(
    long Id, string SessionId, string Exercise, int Set, int? Rep, CorrectionKind Kind, int? CorrectedValue,
    string? Note, string Author, DateTimeOffset AtUtc);
