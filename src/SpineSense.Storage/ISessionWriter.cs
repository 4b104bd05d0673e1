using SpineSense.Motion.Results;
using SpineSense.Motion.Samples;
using SpineSense.Storage.Model;

namespace SpineSense.Storage;

/// <summary>
/// Writes one live session. Every call only serialises into an in-memory batch under a short lock (no I/O,
/// no waiting on the network), so it is safe to call from the pipeline; a background flusher hands batches to
/// the store (SQLite transaction, or the InfluxDB outbox + sender). Thread-safe.
/// Times are seconds since <see cref="SessionStart.StartUtc"/>; the store keeps microsecond resolution.
/// Writing the same item twice (same series and time) stores it once.
/// Failures never throw from these calls: they are counted in <see cref="ISessionStore.Stats"/> and reported by
/// <see cref="ISessionStore.Faulted"/>; <see cref="EndAsync"/> throws if the session could not be stored.
/// </summary>
public interface ISessionWriter : IAsyncDisposable
{
    SessionInfo Info { get; }

    /// <summary>Raw samples (sensor frame, g and deg/s), <c>TimeS</c> since session start.</summary>
    void WriteSamples(ReadOnlySpan<ImuSample> samples);

    /// <summary>Angles of one sample (contract section 4), degrees.</summary>
    void WriteAngles(double timeS, in SpineAngles angles);

    /// <summary>Angles for a run of samples: <paramref name="timesS"/> and <paramref name="angles"/> have the same length.</summary>
    void WriteAngles(ReadOnlySpan<double> timesS, ReadOnlySpan<SpineAngles> angles);

    void WriteRep(string exercise, in RepResult rep);

    void WriteSet(string exercise, in SetResult set);

    void WriteHold(string exercise, in HoldResult hold);

    /// <summary><paramref name="exercise"/> null = outside an exercise (rest, transition).</summary>
    void WriteAlert(string? exercise, in AlertEvent alert);

    void WriteLinkHealth(in LinkHealth health);

    /// <summary>Hands everything written so far to the store (SQLite: committed; InfluxDB: in the outbox, written to disk).</summary>
    ValueTask FlushAsync(CancellationToken cancel = default);

    /// <summary>Marks the session ended at <paramref name="endUtc"/> and flushes. Later writes are refused.</summary>
    ValueTask EndAsync(DateTimeOffset endUtc, CancellationToken cancel = default);
}
