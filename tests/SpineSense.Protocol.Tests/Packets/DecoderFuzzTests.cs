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
        int acceptedPackets = 0, commandsAccepted = 0, responsesAccepted = 0, statusAccepted = 0;
        byte[] small = new byte[SensorStatusCodec.Size + 4];
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

                // The small messages: mutated valid encodings, so the deeper checks run too.
                int n = MutatedControlMessage(random, small, k);
                if (ControlPointCodec.TryDecodeCommand(small[..n], out ControlCommand command, out e))
                {
                    commandsAccepted++;
                    Assert.True(ControlPointCodec.TryEncodeCommand(command, reencoded, out int w) && w == n);
                }
                else Assert.True(Enum.IsDefined(e) && e != DecodeError.None);
                if (ControlPointCodec.TryDecodeResponse(small[..n], out ControlResponse response, out e))
                {
                    responsesAccepted++;
                    Assert.True(ControlPointCodec.TryEncodeResponse(response, reencoded, out int w) && w == n);
                }
                else Assert.True(Enum.IsDefined(e) && e != DecodeError.None);
                if (SensorStatusCodec.TryDecode(small[..n], out SensorStatus status, out e))
                {
                    statusAccepted++;
                    Assert.True(SensorStatusCodec.TryEncode(status, reencoded, out int w) && w == n);
                }
                else Assert.True(Enum.IsDefined(e) && e != DecodeError.None);
            }
            catch (Exception ex) when (ex is not Xunit.Sdk.XunitException)
            {
                Assert.Fail($"input {k} ({Convert.ToHexString(input)}) threw {ex.GetType().Name}: {ex.Message}");
            }
        }
        // The mutations must reach both the accepting path and every packet error.
        Assert.True(acceptedPackets > 10_000, $"only {acceptedPackets} accepted");
        Assert.True(commandsAccepted > 10_000 && responsesAccepted > 10_000 && statusAccepted > 10_000,
            $"accepted {commandsAccepted} commands, {responsesAccepted} responses, {statusAccepted} status values");
        foreach (DecodeError e in new[] { DecodeError.Truncated, DecodeError.UnknownVersion, DecodeError.LengthMismatch, DecodeError.BadSampleCount, DecodeError.BadRateCode })
            Assert.Contains(e, errorsSeen);
    }

    /// <summary>A valid command, result indication or status (in turn), with a bit flipped or the length changed half the time.</summary>
    private static int MutatedControlMessage(Random random, byte[] buffer, int k)
    {
        int length;
        switch (k % 3)
        {
            case 0:
                var command = new ControlCommand((ControlOpcode)random.Next(1, 6), (OutputDataRate)random.Next(1, 9),
                    (AccelRange)random.Next(4), (GyroRange)random.Next(4), (IdentifyMode)random.Next(1, 4), (byte)random.Next(1, 61),
                    (uint)random.Next(), (ushort)random.Next(65536));
                ControlPointCodec.TryEncodeCommand(command, buffer, out length);
                break;
            case 1:
                var response = new ControlResponse((ControlOpcode)random.Next(1, 6), (ControlResult)random.Next(9),
                    (ushort)random.Next(65536), (ushort)random.Next(65536), (uint)random.Next(), (uint)random.Next());
                ControlPointCodec.TryEncodeResponse(response, buffer, out length);
                break;
            default:
                var status = new SensorStatus((byte)random.Next(101), (PowerFlags)random.Next(4), (StreamingState)random.Next(4),
                    1, 2, 3, (SensorErrorFlags)random.Next(128), (uint)random.Next(), (ushort)random.Next(65536));
                SensorStatusCodec.TryEncode(status, buffer, out length);
                break;
        }
        if (random.Next(2) == 0) buffer[random.Next(length)] ^= (byte)(1 << random.Next(8));
        if (random.Next(4) == 0) length = random.Next(Math.Min(buffer.Length, length + 3));
        return length;
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
