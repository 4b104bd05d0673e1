namespace SpineSense.Server.Data;

/// <summary>
/// What the dashboard reads and writes, in its own API shapes. The implementation adapts the storage
/// back end (embedded SQLite or InfluxDB); access control happens before any call reaches it.
/// Implementations are thread-safe.
/// </summary>
public interface IDashboardStore
{
    Task<IReadOnlyList<AthleteInfo>> ListAthletesAsync(CancellationToken cancel);
    Task<AthleteInfo?> GetAthleteAsync(string athleteId, CancellationToken cancel);
    Task<AthleteInfo> CreateAthleteAsync(string athleteId, string? physio, CancellationToken cancel);
    /// <summary>Makes <paramref name="physio"/> the physio of an existing athlete, keeping their plan and limits.</summary>
    Task<AthleteInfo> AssignPhysioAsync(string athleteId, string physio, CancellationToken cancel);
    Task SetLimitsAsync(string athleteId, AthleteLimits limits, CancellationToken cancel);
    Task SetPlanAsync(string athleteId, string plan, CancellationToken cancel);
    IReadOnlyList<string> PlanNames { get; }

    Task<IReadOnlyList<SessionInfo>> ListSessionsAsync(string athleteId, CancellationToken cancel);
    Task<SessionDetail?> GetSessionAsync(string sessionId, CancellationToken cancel);

    /// <summary>True when the id has a shape the store accepts (checked before any lookup).</summary>
    bool IsValidAthleteId(string athleteId);
    bool IsValidSessionId(string sessionId);

    /// <summary>Angle series of [fromS, toS) reduced on the store side to at most <paramref name="buckets"/> min/max pairs.</summary>
    Task<AngleBuckets> GetAngleBucketsAsync(string sessionId, double fromS, double toS, int buckets, CancellationToken cancel);

    /// <summary>Stores a correction (Id and AtUtc are assigned); the original counts stay stored too.</summary>
    Task CorrectAsync(string sessionId, CorrectionRow correction, CancellationToken cancel);

    /// <summary>Writes the session's raw samples as CSV rows (contract recording columns) to <paramref name="output"/>.</summary>
    Task WriteRawCsvAsync(string sessionId, TextWriter output, CancellationToken cancel);

    /// <summary>Writes the session's angle series as CSV (time_s,flexion_deg,lateral_deg,rotation_deg).</summary>
    Task WriteAnglesCsvAsync(string sessionId, TextWriter output, CancellationToken cancel);
}
