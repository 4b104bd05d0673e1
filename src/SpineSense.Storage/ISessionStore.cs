using SpineSense.Storage.Model;
using SpineSense.Storage.Targets;

namespace SpineSense.Storage;

/// <summary>
/// An open store: live writers, the read surface and the configuration. Open one per process with
/// <c>SpineStore.OpenAsync</c> and share it (thread-safe); dispose it at exit to flush.
/// </summary>
public interface ISessionStore : IAsyncDisposable
{
    StoreTarget Target { get; }

    /// <summary>Starts a live session (stores its start at once) and returns its writer.</summary>
    Task<ISessionWriter> StartSessionAsync(SessionStart start, CancellationToken cancel = default);

    IStoreReader Reader { get; }

    IConfigStore Config { get; }

    /// <summary>Counters of the write path (a snapshot).</summary>
    StoreStats Stats { get; }

    /// <summary>
    /// Raised (on a background thread) when writing runs into an error a user must hear about: outbox full, bad
    /// credentials, missing database, rejected points. Transient outages are not faults (they go to the outbox);
    /// see <see cref="StoreStats.Delivering"/>.
    /// </summary>
    event Action<StorageException>? Faulted;

    /// <summary>Waits until everything written so far is stored (SQLite committed / InfluxDB acknowledged), or the timeout.</summary>
    /// <returns>True when all was delivered.</returns>
    Task<bool> DrainAsync(TimeSpan timeout, CancellationToken cancel = default);
}

/// <summary>
/// Write-path counters. Points: one per sample / angle row / rep / set / hold / alert / link reading / session row.
/// </summary>
/// <param name="PointsAccepted">Taken from writers.</param>
/// <param name="PointsStored">Acknowledged by the database.</param>
/// <param name="PointsPending">Accepted, not yet acknowledged (in memory or outbox).</param>
/// <param name="OutboxBytes">Bytes in the on-disk outbox (InfluxDB only).</param>
/// <param name="PointsDropped">Refused because the outbox was full: never silent, each drop also raises <see cref="ISessionStore.Faulted"/> once per episode.</param>
/// <param name="PointsRejected">Refused by the server as malformed (kept in the outbox's rejected file).</param>
/// <param name="Delivering">False while the server is unreachable or failing (points wait in the outbox).</param>
/// <param name="LastError">The last error, secrets removed; null when none.</param>
public sealed record StoreStats(
    long PointsAccepted, long PointsStored, long PointsPending, long OutboxBytes, long PointsDropped, long PointsRejected,
    bool Delivering, string? LastError);
