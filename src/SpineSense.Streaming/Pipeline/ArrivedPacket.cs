using SpineSense.Protocol.Packets;

namespace SpineSense.Streaming.Pipeline;

/// <summary>A decoded data packet with the host time it arrived.</summary>
/// <param name="HostArrivalUs">Host arrival, Unix epoch µs, as the link stamped it.</param>
/// <param name="ReceivedTimestamp">Host <see cref="System.Diagnostics.Stopwatch"/> timestamp when the pipeline took
/// the payload off the link: the start of the alert-latency measurement.</param>
public readonly record struct ArrivedPacket(ImuPacket Packet, long HostArrivalUs, long ReceivedTimestamp);
