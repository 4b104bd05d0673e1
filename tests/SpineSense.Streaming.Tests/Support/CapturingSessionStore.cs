using SpineSense.Motion.Results;
using SpineSense.Motion.Samples;
using SpineSense.Storage;
using SpineSense.Storage.Model;
using SpineSense.Storage.Targets;

namespace SpineSense.Streaming.Tests.Support;

/// <summary>
/// A store that keeps, in memory, what a live session hands it: the session's start and end and the times of the raw
/// samples. For claims about what a session writes; the read side is not needed and throws.
/// </summary>
internal sealed class CapturingSessionStore : ISessionStore
{
    public CapturingSessionWriter? Writer { get; private set; }

    public StoreTarget Target => StoreTarget.Sqlite("/nonexistent/capturing.db");
    public IStoreReader Reader => throw new NotSupportedException("the capturing store keeps no data to read");
    public IConfigStore Config => throw new NotSupportedException("the capturing store keeps no configuration");
    public StoreStats Stats => new(0, 0, 0, 0, 0, 0, Delivering: true, LastError: null);
    public event Action<StorageException>? Faulted { add { } remove { } }

    public Task<ISessionWriter> StartSessionAsync(SessionStart start, CancellationToken cancel = default)
    {
        Writer = new CapturingSessionWriter(new SessionInfo("captured", start.Athlete, start.Plan, start.Exercise, start.StartUtc, null));
        return Task.FromResult<ISessionWriter>(Writer);
    }

    public Task<bool> DrainAsync(TimeSpan timeout, CancellationToken cancel = default) => Task.FromResult(true);
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

internal sealed class CapturingSessionWriter(SessionInfo info) : ISessionWriter
{
    private readonly object _lock = new();
    private double _lastSampleS = double.NaN;
    private DateTimeOffset? _endUtc;

    public SessionInfo Info => info;

    /// <summary>Time of the last raw sample written, seconds since the session's start (NaN before any).</summary>
    public double LastSampleS { get { lock (_lock) return _lastSampleS; } }

    public DateTimeOffset? EndUtc { get { lock (_lock) return _endUtc; } }

    public void WriteSamples(ReadOnlySpan<ImuSample> samples)
    {
        if (samples.Length == 0) return;
        lock (_lock) _lastSampleS = samples[^1].TimeS;
    }

    public void WriteAngles(double timeS, in SpineAngles angles) { }
    public void WriteAngles(ReadOnlySpan<double> timesS, ReadOnlySpan<SpineAngles> angles) { }
    public void WriteRep(string exercise, in RepResult rep) { }
    public void WriteSet(string exercise, in SetResult set) { }
    public void WriteHold(string exercise, in HoldResult hold) { }
    public void WriteAlert(string? exercise, in AlertEvent alert) { }
    public void WriteLinkHealth(in LinkHealth health) { }
    public ValueTask FlushAsync(CancellationToken cancel = default) => ValueTask.CompletedTask;

    public ValueTask EndAsync(DateTimeOffset endUtc, CancellationToken cancel = default)
    {
        lock (_lock) _endUtc = endUtc;
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
