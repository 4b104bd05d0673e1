using SpineSense.Storage.Model;

namespace SpineSense.Storage;

/// <summary>
/// The read surface for reports, the dashboard and export; the same on SQLite and InfluxDB.
/// Every user-supplied value is validated (<see cref="StoreNames"/>) and escaped before it reaches a query;
/// invalid input throws <see cref="StorageException"/> with <see cref="StorageErrorCode.InvalidInput"/>.
/// Lists are ordered by time. Reps, sets and holds are the originals: apply <see cref="IConfigStore.GetCorrectionsAsync"/>
/// on top for the reviewed view.
/// </summary>
public interface IStoreReader
{
    /// <summary>Athletes with at least one stored session.</summary>
    Task<IReadOnlyList<AthleteActivity>> ListAthletesAsync(CancellationToken cancel = default);

    /// <summary>Sessions, newest first; <paramref name="athlete"/> null = all athletes. Times inclusive.</summary>
    Task<IReadOnlyList<SessionInfo>> ListSessionsAsync(string? athlete = null, DateTimeOffset? fromUtc = null, DateTimeOffset? toUtc = null, CancellationToken cancel = default);

    /// <summary>The session, or null when there is none with that id.</summary>
    Task<SessionInfo?> GetSessionAsync(string sessionId, CancellationToken cancel = default);

    /// <summary>Totals; throws NotFound for an unknown id.</summary>
    Task<SessionSummary> GetSessionSummaryAsync(string sessionId, CancellationToken cancel = default);

    Task<IReadOnlyList<StoredRep>> GetRepsAsync(string sessionId, CancellationToken cancel = default);
    Task<IReadOnlyList<StoredSet>> GetSetsAsync(string sessionId, CancellationToken cancel = default);
    Task<IReadOnlyList<StoredHold>> GetHoldsAsync(string sessionId, CancellationToken cancel = default);
    Task<IReadOnlyList<StoredAlert>> GetAlertsAsync(string sessionId, CancellationToken cancel = default);
    Task<IReadOnlyList<LinkHealth>> GetLinkHealthAsync(string sessionId, CancellationToken cancel = default);

    /// <summary>
    /// A series of the session between <paramref name="fromS"/> and <paramref name="toS"/> (seconds since start,
    /// inclusive; null = whole session), downsampled in the store to at most <paramref name="maxBuckets"/> min/max buckets
    /// (1..100,000).
    /// </summary>
    Task<SeriesData> GetSeriesAsync(string sessionId, SeriesKind kind, double? fromS, double? toS, int maxBuckets, CancellationToken cancel = default);

    /// <summary>Per-week, per-exercise trend of one athlete between two instants.</summary>
    Task<IReadOnlyList<WeeklyTrend>> GetWeeklyTrendsAsync(string athlete, DateTimeOffset fromUtc, DateTimeOffset toUtc, CancellationToken cancel = default);
}
