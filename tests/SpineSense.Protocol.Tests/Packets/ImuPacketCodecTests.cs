using SpineSense.Protocol.Packets;

namespace SpineSense.Protocol.Tests.Packets;

public class ImuPacketCodecTests
{
    [Fact]
    public void Round_trips_20000_random_packets_both_ways()
    {
        var random = new Random(20261124);
        Span<byte> buffer = stackalloc byte[ImuPacketLayout.MaxPacketSize];
        // Outside the loop: a stackalloc inside it is not freed per iteration, 20,000 × 244 B would overflow the
        // stack of a test thread smaller than 5 MB.
        Span<byte> again = stackalloc byte[ImuPacketLayout.MaxPacketSize];
        for (int k = 0; k < 20_000; k++)
        {
            ImuPacket packet = RandomPackets.Packet(random);
            Assert.True(ImuPacketCodec.TryEncode(packet, buffer, out int written));
            Assert.True(ImuPacketCodec.TryDecode(buffer[..written], out ImuPacket decoded, out DecodeError error), $"packet {k}: {error}");
            Assert.Equal(packet, decoded);
            again.Clear();
            Assert.True(ImuPacketCodec.TryEncode(decoded, again, out int written2));
            Assert.True(buffer[..written].SequenceEqual(again[..written2]), $"packet {k} re-encodes differently");
        }
    }

    [Fact]
    public void Full_packet_of_19_samples_is_exactly_the_244_byte_notification_of_mtu_247()
    {
        var samples = new RawImuSample[19];
        var packet = new ImuPacket(PacketFlags.None, 1, 2, OutputDataRate.Hz833, AccelRange.G8, GyroRange.Dps1000, 0, samples);
        Assert.Equal(244, ImuPacketCodec.EncodedLength(packet));
        Assert.Equal(247 - 3, ImuPacketLayout.MaxPacketSize);
        Assert.Equal(19, ImuPacketLayout.MaxSamplesForMtu(247));
        Assert.Equal(13, ImuPacketLayout.MaxSamplesForMtu(185));
        Assert.Equal(1, ImuPacketLayout.MaxSamplesForMtu(31));
        Assert.Equal(0, ImuPacketLayout.MaxSamplesForMtu(23));
        Assert.Equal(20, ImuPacketLayout.CompactPacketSize); // the default MTU's 20-byte payload
    }

    [Fact]
    public void Scales_raw_counts_to_g_and_dps_from_the_range_codes()
    {
        ImuPacket packet = new(PacketFlags.None, 0, 0, OutputDataRate.Hz200, AccelRange.G2, GyroRange.Dps2000, 0,
            [new RawImuSample(-16384, 16384, 8192, 16384, -32768, 1)]);
        ScaledImuSample s = packet.GetScaledSample(0);
        Assert.Equal(-1.0, s.AccXG, 12);
        Assert.Equal(1.0, s.AccYG, 12);
        Assert.Equal(0.5, s.AccZG, 12);
        Assert.Equal(1000.0, s.GyrXDps, 9);
        Assert.Equal(-2000.0, s.GyrYDps, 9);
        Assert.Equal(2000.0 / 32768, s.GyrZDps, 12);
        Assert.Equal(16.0 / 32768, SensorCodes.AccelGPerLsb(AccelRange.G16), 15);
        Assert.Equal(250.0 / 32768, SensorCodes.GyroDpsPerLsb(GyroRange.Dps250), 15);
    }

    [Fact]
    public void Sample_times_use_the_measured_period_or_else_the_nominal_one()
    {
        var samples = new RawImuSample[19];
        var nominal = new ImuPacket(PacketFlags.None, 0, 0, OutputDataRate.Hz833, AccelRange.G2, GyroRange.Dps250, 0, samples);
        Assert.Equal(1_200_480u, nominal.EffectivePeriodNs);
        Assert.Equal(21_608, nominal.SampleOffsetUs(18)); // 18 × 1.20048 ms
        var measured = new ImuPacket(PacketFlags.None, 0, 0, OutputDataRate.Hz52, AccelRange.G2, GyroRange.Dps250, 19_500_000, samples);
        Assert.Equal(351_000, measured.SampleOffsetUs(18));
        foreach (OutputDataRate rate in Enum.GetValues<OutputDataRate>())
        {
            Assert.Equal(1e9 / SensorCodes.RateHz(rate), SensorCodes.NominalPeriodNs(rate), 0.5);
            Assert.True(SensorCodes.TryFromHz(SensorCodes.RateHz(rate), out OutputDataRate back));
            Assert.Equal(rate, back);
        }
        Assert.False(SensorCodes.TryFromHz(50, out _));
    }

    [Fact]
    public void Exposes_samples_as_a_span_without_copying_the_packet_bytes()
    {
        var random = new Random(5);
        ImuPacket packet = RandomPackets.Packet(random);
        byte[] bytes = RandomPackets.Encode(packet);
        Assert.True(ImuPacketCodec.TryDecode(bytes, out ImuPacket decoded, out _));
        Array.Clear(bytes); // the packet owns its samples: the receive buffer can be reused at once
        ReadOnlySpan<RawImuSample> samples = decoded.Samples;
        Assert.Equal(packet.SampleCount, samples.Length);
        for (int i = 0; i < samples.Length; i++) Assert.Equal(packet.GetSample(i), samples[i]);
        Assert.Throws<ArgumentOutOfRangeException>(() => decoded.GetSample(decoded.SampleCount));
    }

    [Fact]
    public void Decoding_allocates_nothing()
    {
        byte[] bytes = RandomPackets.Encode(new ImuPacket(PacketFlags.None, 9, 9, OutputDataRate.Hz208, AccelRange.G8,
            GyroRange.Dps1000, 0, new RawImuSample[19]));
        ImuPacketCodec.TryDecode(bytes, out _, out _); // JIT warm-up
        long before = GC.GetAllocatedBytesForCurrentThread();
        int total = 0;
        for (int i = 0; i < 10_000; i++)
        {
            ImuPacketCodec.TryDecode(bytes, out ImuPacket p, out _);
            total += p.SampleCount;
        }
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(190_000, total);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Encoder_refuses_a_short_destination_and_the_default_packet()
    {
        ImuPacket packet = RandomPackets.Packet(new Random(1));
        int length = ImuPacketCodec.EncodedLength(packet);
        Span<byte> small = stackalloc byte[length - 1];
        Assert.False(ImuPacketCodec.TryEncode(packet, small, out int written));
        Assert.Equal(0, written);
        Span<byte> big = stackalloc byte[ImuPacketLayout.MaxPacketSize];
        Assert.False(ImuPacketCodec.TryEncode(default, big, out _));
    }

    [Fact]
    public void Constructor_rejects_what_the_wire_cannot_carry()
    {
        RawImuSample[] one = [default];
        Assert.Throws<ArgumentException>(() => new ImuPacket(PacketFlags.None, 0, 0, (OutputDataRate)9, AccelRange.G2, GyroRange.Dps250, 0, one));
        Assert.Throws<ArgumentException>(() => new ImuPacket(PacketFlags.None, 0, 0, OutputDataRate.Hz52, (AccelRange)4, GyroRange.Dps250, 0, one));
        Assert.Throws<ArgumentException>(() => new ImuPacket(PacketFlags.None, 0, 0, OutputDataRate.Hz52, AccelRange.G2, GyroRange.Dps250, 0, new RawImuSample[20]));
        Assert.Throws<ArgumentException>(() => new ImuPacket(PacketFlags.None, 0, 0, OutputDataRate.Hz52, AccelRange.G2, GyroRange.Dps250, 0, []));
        Assert.Throws<ArgumentException>(() => new ImuPacket(PacketFlags.Compact, 0, 0, OutputDataRate.Hz52, AccelRange.G2, GyroRange.Dps250, 0, new RawImuSample[2]));
        Assert.Throws<ArgumentException>(() => new ImuPacket(PacketFlags.Compact, 0, 0, OutputDataRate.Hz52, AccelRange.G2, GyroRange.Dps250, 5, one));
        Assert.Throws<ArgumentException>(() => new ImuPacket((PacketFlags)0x10, 0, 0, OutputDataRate.Hz52, AccelRange.G2, GyroRange.Dps250, 0, one));
    }

    [Fact]
    public void Packets_differing_in_one_sample_are_not_equal()
    {
        RawImuSample[] a = [new(1, 2, 3, 4, 5, 6), new(7, 8, 9, 10, 11, 12)];
        RawImuSample[] b = [new(1, 2, 3, 4, 5, 6), new(7, 8, 9, 10, 11, 13)];
        var pa = new ImuPacket(PacketFlags.None, 1, 1, OutputDataRate.Hz52, AccelRange.G2, GyroRange.Dps250, 0, a);
        var pb = new ImuPacket(PacketFlags.None, 1, 1, OutputDataRate.Hz52, AccelRange.G2, GyroRange.Dps250, 0, b);
        Assert.NotEqual(pa, pb);
        Assert.Equal(pa, new ImuPacket(PacketFlags.None, 1, 1, OutputDataRate.Hz52, AccelRange.G2, GyroRange.Dps250, 0, a));
    }
}
