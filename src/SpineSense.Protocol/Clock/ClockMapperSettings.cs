namespace SpineSense.Protocol.Clock;

/// <summary>
/// Settings of <see cref="SensorClockMapper"/>. The window (BucketUs × WindowBuckets, default 2 s × 90 = 3 min) must be
/// long enough for drift to show above latency jitter: 20 ppm over 3 min is 3.6 ms.
/// </summary>
/// <param name="BucketUs">Sensor-time span whose minimum offset is kept (the lower envelope); long enough that some packet
/// in it meets the minimum link latency (several connection intervals).</param>
/// <param name="WindowBuckets">Buckets kept for the line fit (a sliding window that follows drift changes with temperature).</param>
/// <param name="MinBucketsForDrift">Below this many buckets the drift is taken as 0 and the offset as the lowest seen.</param>
/// <param name="MaxDriftPpm">Fitted drifts beyond ± this are clamped (a 20 ppm crystal or a ±1.5 % RC oscillator).</param>
/// <param name="OutlierUs">Bucket minima further above the first fit than this are dropped before the second fit
/// (a bucket whose every packet was delayed, e.g. during a connection-parameter update).</param>
public sealed record ClockMapperSettings(
    long BucketUs = 2_000_000,
    int WindowBuckets = 90,
    int MinBucketsForDrift = 5,
    double MaxDriftPpm = 20_000,
    long OutlierUs = 3_000)
{
    internal void Validate()
    {
        if (BucketUs <= 0) throw new ArgumentOutOfRangeException(nameof(BucketUs), BucketUs, "Bucket length must be positive.");
        if (WindowBuckets < 2) throw new ArgumentOutOfRangeException(nameof(WindowBuckets), WindowBuckets, "Need at least 2 buckets.");
        if (MinBucketsForDrift < 2 || MinBucketsForDrift > WindowBuckets)
            throw new ArgumentOutOfRangeException(nameof(MinBucketsForDrift), MinBucketsForDrift, "Must be in 2..WindowBuckets.");
        if (!(MaxDriftPpm > 0)) throw new ArgumentOutOfRangeException(nameof(MaxDriftPpm), MaxDriftPpm, "Must be positive.");
        if (OutlierUs <= 0) throw new ArgumentOutOfRangeException(nameof(OutlierUs), OutlierUs, "Must be positive.");
    }
}
