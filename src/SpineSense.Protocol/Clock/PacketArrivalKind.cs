namespace SpineSense.Protocol.Clock;

/// <summary>How one arriving packet relates to those already received (PROTOCOL.md 7.1).</summary>
public enum PacketArrivalKind : byte
{
    /// <summary>The first packet of the stream. Accept.</summary>
    First = 0,
    /// <summary>Exactly one after the highest so far. Accept.</summary>
    InOrder = 1,
    /// <summary>Ahead of the highest by more than one: <see cref="PacketArrival.MissingBefore"/> packets are missing (lost or still in flight). Accept.</summary>
    AfterGap = 2,
    /// <summary>Older than the highest and not seen before: reordered or backfilled, it fills a hole. Accept and merge in order.</summary>
    Late = 3,
    /// <summary>Already received. Drop.</summary>
    Duplicate = 4,
    /// <summary>Further behind the highest than the history window: cannot be told from a duplicate. Drop.</summary>
    TooOld = 5,
}
