using SpineSense.Protocol.Packets;

namespace SpineSense.Streaming.Pipeline;

/// <summary>A packet released in sequence order.</summary>
/// <param name="Sequence">Extended (unwrapped) sequence.</param>
/// <param name="FirstSampleUs">Extended (unwrapped) sensor time of sample 0, µs.</param>
/// <param name="HostArrivalUs">When the link received the packet, Unix epoch µs (the link's stamp).</param>
/// <param name="LostBefore">Packets given up as lost immediately before this one (a gap in the samples).</param>
public readonly record struct OrderedPacket(ImuPacket Packet, long Sequence, long FirstSampleUs, long LostBefore, long ReceivedTimestamp,
    long HostArrivalUs);
