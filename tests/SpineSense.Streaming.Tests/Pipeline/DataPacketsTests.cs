using System.Reactive.Concurrency;
using SpineSense.Protocol.Packets;
using SpineSense.Sensors;
using SpineSense.Streaming.Pipeline;
using SpineSense.Streaming.Tests.Support;

namespace SpineSense.Streaming.Tests.Pipeline;

public sealed class DataPacketsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static byte[] Payload(ushort sequence)
    {
        Span<RawImuSample> samples = stackalloc RawImuSample[19];
        var p = new ImuPacket(PacketFlags.None, sequence, 1000, OutputDataRate.Hz200, AccelRange.G8, GyroRange.Dps1000, 0, samples);
        var bytes = new byte[ImuPacketCodec.EncodedLength(p)];
        ImuPacketCodec.TryEncode(p, bytes, out _);
        return bytes;
    }

    [Fact]
    public void Decodes_data_packets_counts_malformed_ones_and_ignores_other_characteristics()
    {
        var clock = new HistoricalScheduler(T0);
        var source = new TrackedSubject<SensorNotification>(clock);
        var observer = new RecordingObserver<ArrivedPacket>(clock);
        var counters = new PipelineCounters();
        var sub = source.DataPackets(counters).Subscribe(observer);
        source.OnNext(new SensorNotification(SensorCharacteristic.ImuData, Payload(7), 123));
        var truncated = Payload(8)[..40];
        source.OnNext(new SensorNotification(SensorCharacteristic.ImuData, truncated, 124));
        source.OnNext(new SensorNotification(SensorCharacteristic.Status, new byte[16], 125));
        clock.AdvanceBy(TimeSpan.FromSeconds(2));
        source.OnCompleted();
        var packet = Assert.Single(observer.Values);
        Assert.Equal((7, 123L), (packet.Packet.Sequence, packet.HostArrivalUs));
        Assert.True(packet.ReceivedTimestamp > 0);
        Assert.Equal((1L, 1L), (counters.PacketsReceived, counters.Malformed));
        Assert.True(observer.Completed);
        Assert.Equal((T0.UtcTicks, (long?)T0.AddSeconds(2).UtcTicks), source.Subscriptions.Single());
        sub.Dispose();
    }
}
