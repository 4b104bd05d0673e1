namespace SpineSense.Streaming.Pipeline;

/// <summary>
/// Counters of one session's pipeline, written by the pipeline thread and read by anyone (health reports).
/// Together they account for every packet: received = released + duplicates + lost-late + still pending.
/// </summary>
public sealed class PipelineCounters
{
    private long _received, _malformed, _duplicates, _late, _lost, _lateAfterGiveUp, _resendRequests, _samples, _backfilled;

    /// <summary>Data payloads decoded successfully (duplicates and backfill included).</summary>
    public long PacketsReceived => Volatile.Read(ref _received);
    public long Malformed => Volatile.Read(ref _malformed);
    public long Duplicates => Volatile.Read(ref _duplicates);
    /// <summary>Packets that arrived after a higher sequence and were merged in order (reordered or backfilled).</summary>
    public long Recovered => Volatile.Read(ref _late);
    /// <summary>Packets given up as lost (never arrived in time, not in the sensor's flash).</summary>
    public long Lost => Volatile.Read(ref _lost);
    /// <summary>Packets that arrived after their gap was given up; their samples were not analysed (counted, not silent).</summary>
    public long ArrivedAfterGiveUp => Volatile.Read(ref _lateAfterGiveUp);
    public long ResendRequests => Volatile.Read(ref _resendRequests);
    public long Backfilled => Volatile.Read(ref _backfilled);
    /// <summary>Samples released to the analyzer, in order.</summary>
    public long Samples => Volatile.Read(ref _samples);

    internal void AddReceived() => Interlocked.Increment(ref _received);
    internal void AddMalformed() => Interlocked.Increment(ref _malformed);
    internal void AddDuplicate() => Interlocked.Increment(ref _duplicates);
    internal void AddRecovered() => Interlocked.Increment(ref _late);
    internal void AddLost(long n) => Interlocked.Add(ref _lost, n);
    internal void AddArrivedAfterGiveUp() => Interlocked.Increment(ref _lateAfterGiveUp);
    internal void AddResendRequest() => Interlocked.Increment(ref _resendRequests);
    internal void AddBackfilled() => Interlocked.Increment(ref _backfilled);
    internal void AddSamples(int n) => Interlocked.Add(ref _samples, n);
}
