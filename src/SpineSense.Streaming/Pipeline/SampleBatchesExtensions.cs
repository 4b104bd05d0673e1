using System.Reactive.Linq;
using SpineSense.Motion.Samples;

namespace SpineSense.Streaming.Pipeline;

public static class SampleBatchesExtensions
{
    /// <summary>
    /// Emits each ordered packet's samples scaled to g and deg/s (the packet's range codes) and stamped with session
    /// time from <paramref name="clock"/> (sample i at t0 + i × period on the sensor clock, drift-corrected).
    /// One array per packet; nothing per sample is allocated.
    /// </summary>
    public static IObservable<SampleBatch> SampleBatches(this IObservable<OrderedPacket> source, SessionClock clock,
        PipelineCounters counters)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(clock);
        return source.Select(p =>
        {
            var batch = ToSampleBatch(p, clock);
            counters.AddSamples(batch.Samples.Length);
            return batch;
        });
    }

    /// <summary>One ordered packet as a batch: samples in g and deg/s, stamped with session time. No allocation per sample.</summary>
    public static SampleBatch ToSampleBatch(in OrderedPacket p, SessionClock clock)
    {
        var packet = p.Packet;
        int n = packet.SampleCount;
        var samples = new ImuSample[n];
        double g = packet.AccelGPerLsb, dps = packet.GyroDpsPerLsb;
        var raw = packet.Samples;
        for (int i = 0; i < n; i++)
        {
            ref readonly var r = ref raw[i];
            double t = clock.ToSessionS(p.FirstSampleUs + packet.SampleOffsetUs(i));
            samples[i] = new ImuSample(t, r.AccX * g, r.AccY * g, r.AccZ * g, r.GyrX * dps, r.GyrY * dps, r.GyrZ * dps);
        }
        return new SampleBatch(samples, p.Sequence, p.LostBefore, packet.IsBackfill, p.ReceivedTimestamp, p.HostArrivalUs);
    }
}
