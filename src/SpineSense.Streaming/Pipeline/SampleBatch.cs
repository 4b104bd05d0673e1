using SpineSense.Motion.Samples;

namespace SpineSense.Streaming.Pipeline;

/// <summary>
/// The samples of one packet in physical units and session time — the unit pushed through Rx (one per packet, not
/// per sample). <see cref="Samples"/> is owned by the batch and never reused, so sinks may keep it.
/// </summary>
/// <param name="Samples">Sensor frame, g and deg/s; <c>TimeS</c> = session seconds (sensor clock, drift-corrected).</param>
/// <param name="Sequence">Extended packet sequence.</param>
/// <param name="LostBefore">Packets lost immediately before this one: the analyzer sees a time gap.</param>
/// <param name="ReceivedTimestamp">Stopwatch timestamp when the packet came off the link (latency measurement).</param>
public sealed record SampleBatch(ImuSample[] Samples, long Sequence, long LostBefore, bool IsBackfill, long ReceivedTimestamp,
    long HostArrivalUs = 0)
{
    public double StartS => Samples[0].TimeS;
    public double EndS => Samples[^1].TimeS;
}
