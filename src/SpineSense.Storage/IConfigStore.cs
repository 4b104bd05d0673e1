using SpineSense.Storage.Model;

namespace SpineSense.Storage;

/// <summary>
/// Configuration a physio manages: athletes, per-athlete limits, the assigned plan, and review corrections.
/// Always kept in SQLite (the store target's file, or the default SQLite file when time series go to InfluxDB):
/// it is small, relational, edited in place, and must be readable with the server down. Thread-safe.
/// </summary>
public interface IConfigStore
{
    /// <summary>Creates or updates (physio, plan) an athlete; the creation time is kept.</summary>
    Task<Athlete> UpsertAthleteAsync(string name, string? physio, string? plan, CancellationToken cancel = default);

    Task<Athlete?> GetAthleteAsync(string name, CancellationToken cancel = default);

    /// <summary>All athletes, or those of one physio, by name.</summary>
    Task<IReadOnlyList<Athlete>> ListAthletesAsync(string? physio = null, CancellationToken cancel = default);

    /// <summary>Assigns a plan (null = none). Throws NotFound for an unknown athlete.</summary>
    Task AssignPlanAsync(string athlete, string? plan, CancellationToken cancel = default);

    /// <summary>Sets (replaces) the limits of an athlete for one exercise or, with Exercise null, for all.</summary>
    Task SetLimitsAsync(AthleteLimits limits, CancellationToken cancel = default);

    /// <summary>Every limits row of an athlete (the all-exercises row first).</summary>
    Task<IReadOnlyList<AthleteLimits>> GetLimitsAsync(string athlete, CancellationToken cancel = default);

    /// <summary>
    /// The limits in force for one exercise: the exercise row's values, falling back field by field to the
    /// all-exercises row, then null (= exercise default).
    /// </summary>
    Task<AthleteLimits> GetEffectiveLimitsAsync(string athlete, string exercise, CancellationToken cancel = default);

    /// <summary>Stores a correction (the original reps/sets stay untouched); returns it with its id.</summary>
    Task<ReviewCorrection> AddCorrectionAsync(ReviewCorrection correction, CancellationToken cancel = default);

    /// <summary>Corrections of a session in the order they were made.</summary>
    Task<IReadOnlyList<ReviewCorrection>> GetCorrectionsAsync(string sessionId, CancellationToken cancel = default);
}
