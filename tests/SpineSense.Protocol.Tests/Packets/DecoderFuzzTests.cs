using SpineSense.Protocol.Control;
using SpineSense.Protocol.Packets;
using SpineSense.Protocol.Status;

namespace SpineSense.Protocol.Tests.Packets;

/// <summary>
/// One million random and mutated inputs through every decoder: each must return true or false with a defined
/// <see cref="DecodeError"/>, never throw, and whatever it accepts must re-encode to the same length.
/// </summary>
public class DecoderFuzzTests
{
    [Fact]
    public void A_million_random_and_mutated_inputs_give_only_try_false_with_a_documented_error()
    {
        var random = new Random(0x5EED);
        byte[] buffer = new byte[300];
        Span<byte> reencoded = stackalloc byte[ImuPacketLayout.MaxPacketSize];
        var errorsSeen = new HashSet<DecodeError>();
        int acceptedPackets = 0;
        for (int k = 0; k < 1_000_000; k++)
        {
            int length = Mutate(random, buffer, k);
            ReadOnlySpan<byte> input = buffer.AsSpan(0, length);
            try
            {
                if (ImuPacketCodec.TryDecode(input, out ImuPacket packet, out DecodeError e))
                {
                    acceptedPackets++;
                    Assert.Equal(DecodeError.None, e);
                    Assert.True(ImuPacketCodec.TryEncode(packet, reencoded, out int written));
                    Assert.Equal(length, written);
                }
                else
                {
                    Assert.True(Enum.IsDefined(e) && e != DecodeError.None, $"input {k}: error {e}");
                    Assert.Equal(default, packet);
                    errorsSeen.Add(e);
                }

                int commandLength = length % 8;
                if (!ControlPointCodec.TryDecodeCommand(input[..commandLength], out _, out e))
                    Assert.True(Enum.IsDefined(e) && e != DecodeError.None);
                int responseLength = length % 14;
                if (!ControlPointCodec.TryDecodeResponse(input[..responseLength], out _, out e))
                    Assert.True(Enum.IsDefined(e) && e != DecodeError.None);
                int statusLength = length % 20;
                if (!SensorStatusCodec.TryDecode(input[..statusLength], out _, out e))
                    Assert.True(Enum.IsDefined(e) && e != DecodeError.None);
            }
            catch (Exception ex) when (ex is not Xunit.Sdk.XunitException)
            {
                Assert.Fail($"input {k} ({Convert.ToHexString(input)}) threw {ex.GetType().Name}: {ex.Message}");
            }
        }
        // The mutations must reach both the accepting path and every packet error.
        Assert.True(acceptedPackets > 10_000, $"only {acceptedPackets} accepted");
        foreach (DecodeError e in new[] { DecodeError.Truncated, DecodeError.UnknownVersion, DecodeError.LengthMismatch, DecodeError.BadSampleCount, DecodeError.BadRateCode })
            Assert.Contains(e, errorsSeen);
    }

    /// <summary>Half valid packets with bit flips, byte changes or cut/extended length; half random bytes.</summary>
    private static int Mutate(Random random, byte[] buffer, int k)
    {
        if (k % 2 == 0)
        {
            ImuPacket valid = RandomPackets.Packet(random);
            ImuPacketCodec.TryEncode(valid, buffer, out int length);
            int flips = random.Next(4);
            for (int i = 0; i < flips; i++) buffer[random.Next(length)] ^= (byte)(1 << random.Next(8));
            if (random.Next(8) == 0) buffer[random.Next(Math.Min(length, 16))] = (byte)random.Next(256);
            if (random.Next(4) == 0) length = random.Next(length + 3);
            return length;
        }
        int n = random.Next(buffer.Length);
        random.NextBytes(buffer.AsSpan(0, n));
        if (n > 0 && random.Next(2) == 0) buffer[0] = (byte)(0x10 | (buffer[0] & 0x0F)); // right version, so the deeper checks run
        return n;
    }
}
