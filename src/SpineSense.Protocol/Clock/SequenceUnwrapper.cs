namespace SpineSense.Protocol.Clock;

/// <summary>
/// Extends the 16-bit packet sequence (wraps 65535 → 0) to a 64-bit count. Each wire value maps to the extended
/// value nearest the highest one seen so far (serial-number arithmetic, RFC 1982), so packets up to 32767 behind
/// (late, reordered, backfilled) or ahead (lost run) are placed correctly. The first value seen is its own extension;
/// packets older than it get negative values. <c>(ushort)extended</c> is always the wire value.
/// One instance per sensor stream; not thread-safe; no allocation.
/// </summary>
public sealed class SequenceUnwrapper
{
    private const long Modulus = 1L << 16;
    private long _highest;

    public bool HasValue { get; private set; }

    /// <summary>Highest extended sequence seen; undefined until <see cref="HasValue"/>.</summary>
    public long Highest => _highest;

    public long Unwrap(ushort sequence)
    {
        if (!HasValue)
        {
            HasValue = true;
            _highest = sequence;
            return sequence;
        }
        long extended = UnwrapNear(sequence, _highest);
        if (extended > _highest)
        {
            _highest = extended;
        }
        return extended;
    }

    /// <summary>
    /// Unwraps against an expected extended sequence instead of the history and moves the history there. For the
    /// first packet after a link loss longer than 32768 packets (12.5 min at 833 Hz, 50 min at 208 Hz with 19
    /// samples per packet): expected = last sequence + elapsed sensor time / packet duration (PROTOCOL.md 7.1).
    /// </summary>
    public long UnwrapWithHint(ushort sequence, long expected)
    {
        long extended = UnwrapNear(sequence, expected);
        HasValue = true;
        _highest = extended;
        return extended;
    }

    /// <summary>The extended value congruent to <paramref name="sequence"/> mod 65536 nearest <paramref name="reference"/>
    /// (ties, exactly 32768 apart, resolve forward).</summary>
    public static long UnwrapNear(ushort sequence, long reference) =>
        SerialArithmetic.NearestExtension(sequence, reference, Modulus);

    /// <summary>Forgets the history, e.g. after the sensor reports <see cref="Status.SensorErrorFlags.Rebooted"/>.</summary>
    public void Reset()
    {
        HasValue = false;
        _highest = 0;
    }
}
