using SpineSense.Protocol.Packets;

namespace SpineSense.Protocol.Tests.Packets;

/// <summary>Seeded generators of valid packets for property-based tests (same seed → same packets).</summary>
public static class RandomPackets
{
    public static RawImuSample Sample(Random random) => new(
        (short)random.Next(short.MinValue, short.MaxValue + 1), (short)random.Next(short.MinValue, short.MaxValue + 1),
        (short)random.Next(short.MinValue, short.MaxValue + 1), (short)random.Next(short.MinValue, short.MaxValue + 1),
        (short)random.Next(short.MinValue, short.MaxValue + 1), (short)random.Next(short.MinValue, short.MaxValue + 1));

    public static ImuPacket Packet(Random random)
    {
        bool compact = random.Next(4) == 0;
        var flags = (PacketFlags)random.Next(8);
        if (compact) flags |= PacketFlags.Compact;
        int count = compact ? 1 : random.Next(1, ImuPacketLayout.MaxSamples + 1);
        Span<RawImuSample> samples = stackalloc RawImuSample[count];
        for (int i = 0; i < count; i++) samples[i] = Sample(random);
        return new ImuPacket(
            flags,
            (ushort)random.Next(65536),
            (uint)random.NextInt64(uint.MaxValue + 1L),
            (OutputDataRate)random.Next(1, 9),
            (AccelRange)random.Next(4),
            (GyroRange)random.Next(4),
            compact || random.Next(2) == 0 ? 0u : (uint)random.NextInt64(uint.MaxValue + 1L),
            samples);
    }

    public static byte[] Encode(in ImuPacket packet)
    {
        var bytes = new byte[ImuPacketCodec.EncodedLength(packet)];
        if (!ImuPacketCodec.TryEncode(packet, bytes, out int written) || written != bytes.Length)
        {
            throw new InvalidOperationException("encoder refused a valid packet");
        }
        return bytes;
    }
}
