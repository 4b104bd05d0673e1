namespace SpineSense.Protocol.Clock;

/// <summary>
/// Extends the sensor's 32-bit microsecond clock (wraps every 2^32 µs ≈ 71.6 min) to 64-bit µs. Each wire value maps
/// to the extension nearest the latest time seen, which is unambiguous while consecutive values are less than
/// 2^31 µs (35.8 min) apart — true for live packets and for backfill limited to the flash window. After a longer
/// silence (link down &gt; 35 min) use <see cref="UnwrapNear"/> with an expected time from
/// <see cref="SensorClockMapper.TryMapToSensor"/>. The first value seen is its own extension; earlier times are negative.
/// One instance per sensor stream; not thread-safe; no allocation.
/// </summary>
public sealed class SensorTimeUnwrapper
{
    /// <summary>2^32 µs: the wrap period of the sensor clock (71 min 34.967296 s).</summary>
    public const long WrapPeriodUs = 1L << 32;
    private long _latest;

    public bool HasValue { get; private set; }

    /// <summary>Latest extended time seen (µs); undefined until <see cref="HasValue"/>.</summary>
    public long LatestUs => _latest;

    public long Unwrap(uint timeUs)
    {
        if (!HasValue)
        {
            HasValue = true;
            _latest = timeUs;
            return timeUs;
        }
        long extended = UnwrapNear(timeUs, _latest);
        if (extended > _latest)
        {
            _latest = extended;
        }
        return extended;
    }

    /// <summary>Unwraps against an expected extended time instead of the history, and moves the history there
    /// (for resuming after a silence longer than half the wrap period).</summary>
    public long UnwrapWithHint(uint timeUs, long expectedUs)
    {
        long extended = UnwrapNear(timeUs, expectedUs);
        HasValue = true;
        _latest = extended;
        return extended;
    }

    /// <summary>The extension congruent to <paramref name="timeUs"/> mod 2^32 nearest <paramref name="referenceUs"/>
    /// (ties resolve forward).</summary>
    public static long UnwrapNear(uint timeUs, long referenceUs) =>
        SerialArithmetic.NearestExtension(timeUs, referenceUs, WrapPeriodUs);

    /// <summary>Forgets the history, e.g. after the sensor reports <see cref="Status.SensorErrorFlags.Rebooted"/>.</summary>
    public void Reset()
    {
        HasValue = false;
        _latest = 0;
    }
}
