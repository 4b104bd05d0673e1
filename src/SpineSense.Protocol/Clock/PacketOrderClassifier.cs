namespace SpineSense.Protocol.Clock;

/// <summary>
/// Classifies packets by extended sequence (from <see cref="SequenceUnwrapper"/>) as in order, after a gap, late
/// (reordered / backfilled), duplicate or too old, and keeps loss counters. Remembers which of the last
/// <see cref="WindowPackets"/> sequences arrived in a bitmap allocated once (4 KiB); the window equals the largest
/// flash backlog the protocol allows (PROTOCOL.md 6), so any legal backfill is classified exactly.
/// One instance per sensor stream; not thread-safe; no allocation per packet.
/// </summary>
public sealed class PacketOrderClassifier
{
    /// <summary>History length in packets: half the 16-bit sequence space.</summary>
    public const int WindowPackets = 1 << 15;
    private const int WindowMask = WindowPackets - 1;

    private readonly ulong[] _seen = new ulong[WindowPackets / 64];
    private long _highest;
    private long _lowest;
    private bool _started;

    /// <summary>Packets accepted (each sequence counted once).</summary>
    public long Received { get; private set; }
    public long Duplicates { get; private set; }
    /// <summary>Accepted packets that arrived after a higher sequence (reordered or backfilled).</summary>
    public long Late { get; private set; }
    public long TooOld { get; private set; }
    /// <summary>Sequences between the lowest and highest seen that have not arrived (yet): lost unless backfilled.</summary>
    public long Missing { get; private set; }
    /// <summary>Highest extended sequence accepted; undefined before the first packet.</summary>
    public long Highest => _highest;
    /// <summary>Lowest extended sequence accepted; undefined before the first packet.</summary>
    public long Lowest => _lowest;
    public bool HasStarted => _started;

    public PacketArrival Classify(long sequence)
    {
        if (!_started)
        {
            _started = true;
            _highest = _lowest = sequence;
            Mark(sequence);
            Received = 1;
            return new PacketArrival(PacketArrivalKind.First, sequence);
        }

        if (sequence > _highest)
        {
            long skipped = sequence - _highest - 1;
            ClearRange(_highest + 1, sequence);
            _highest = sequence;
            Mark(sequence);
            Received++;
            if (skipped == 0)
            {
                return new PacketArrival(PacketArrivalKind.InOrder, sequence);
            }
            Missing += skipped;
            return new PacketArrival(PacketArrivalKind.AfterGap, sequence, skipped);
        }

        if (_highest - sequence >= WindowPackets)
        {
            TooOld++;
            return new PacketArrival(PacketArrivalKind.TooOld, sequence);
        }

        if (sequence < _lowest)
        {
            // Backfill from before the first packet we saw: the range we track grows downwards, and what lies
            // between this packet and the old lowest is missing until it arrives too. Bits there are already clear.
            Missing += _lowest - sequence - 1;
            _lowest = sequence;
        }
        else if (IsMarked(sequence))
        {
            Duplicates++;
            return new PacketArrival(PacketArrivalKind.Duplicate, sequence);
        }
        else
        {
            Missing--;
        }
        Mark(sequence);
        Received++;
        Late++;
        return new PacketArrival(PacketArrivalKind.Late, sequence);
    }

    /// <summary>Forgets everything, e.g. after the sensor rebooted.</summary>
    public void Reset()
    {
        Array.Clear(_seen);
        _started = false;
        _highest = _lowest = 0;
        Received = Duplicates = Late = TooOld = Missing = 0;
    }

    private void Mark(long sequence) => _seen[(sequence & WindowMask) >> 6] |= 1UL << (int)(sequence & 63);

    private bool IsMarked(long sequence) => (_seen[(sequence & WindowMask) >> 6] & (1UL << (int)(sequence & 63))) != 0;

    /// <summary>Clears the bits of [from, toExclusive) so slots reused by newer sequences start empty.</summary>
    private void ClearRange(long from, long toExclusive)
    {
        if (toExclusive - from >= WindowPackets)
        {
            Array.Clear(_seen);
            return;
        }
        for (long s = from; s < toExclusive; s++)
        {
            _seen[(s & WindowMask) >> 6] &= ~(1UL << (int)(s & 63));
        }
    }
}
