using SpineSense.Protocol.Control;
using SpineSense.Protocol.Packets;

namespace SpineSense.Protocol.Tests.Control;

public class ControlPointCodecTests
{
    [Fact]
    public void Round_trips_random_commands_of_every_opcode()
    {
        var random = new Random(77);
        Span<byte> buffer = stackalloc byte[ControlPointCodec.MaxCommandSize];
        for (int k = 0; k < 10_000; k++)
        {
            ControlCommand command = (k % 5) switch
            {
                0 => ControlCommand.StartStreaming((OutputDataRate)random.Next(1, 9), (AccelRange)random.Next(4), (GyroRange)random.Next(4)),
                1 => ControlCommand.StopStreaming(),
                2 => ControlCommand.Identify((IdentifyMode)random.Next(1, 4), (byte)random.Next(1, 61)),
                3 => ControlCommand.TimeSync((uint)random.NextInt64(uint.MaxValue + 1L)),
                _ => ControlCommand.ResendFrom((ushort)random.Next(65536)),
            };
            Assert.True(ControlPointCodec.TryEncodeCommand(command, buffer, out int written));
            Assert.Equal(ControlPointCodec.CommandLength(command.Opcode), written);
            Assert.True(ControlPointCodec.TryDecodeCommand(buffer[..written], out ControlCommand decoded, out DecodeError error), error.ToString());
            Assert.Equal(command, decoded);
        }
    }

    [Fact]
    public void Round_trips_random_responses_of_every_opcode_and_result()
    {
        var random = new Random(78);
        Span<byte> buffer = stackalloc byte[ControlPointCodec.MaxResponseSize];
        for (int k = 0; k < 10_000; k++)
        {
            var request = (ControlOpcode)random.Next(1, 6);
            var result = (ControlResult)random.Next(0, 9);
            ControlResponse response = result == ControlResult.UnknownOpcode
                ? new ControlResponse((ControlOpcode)random.Next(256), result)
                : request switch
                {
                    ControlOpcode.StartStreaming => new ControlResponse(request, result, Sequence: (ushort)random.Next(65536)),
                    ControlOpcode.TimeSync => new ControlResponse(request, result, TimeSyncToken: (uint)random.Next(), SensorTimeUs: (uint)random.Next()),
                    ControlOpcode.ResendFrom => new ControlResponse(request, result, Sequence: (ushort)random.Next(65536), PacketCount: (ushort)random.Next(32768)),
                    _ => new ControlResponse(request, result),
                };
            Assert.True(ControlPointCodec.TryEncodeResponse(response, buffer, out int written));
            Assert.True(ControlPointCodec.TryDecodeResponse(buffer[..written], out ControlResponse decoded, out DecodeError error), error.ToString());
            Assert.Equal(response, decoded);
        }
    }

    [Fact]
    public void Start_command_bytes_match_the_spec_example()
    {
        Span<byte> buffer = stackalloc byte[8];
        Assert.True(ControlPointCodec.TryEncodeCommand(
            ControlCommand.StartStreaming(OutputDataRate.Hz833, AccelRange.G16, GyroRange.Dps2000), buffer, out int written));
        Assert.Equal("01080303", Convert.ToHexString(buffer[..written]));
        Assert.True(ControlPointCodec.TryDecodeResponse([0x80, 0x01, 0x00, 0x2a, 0x00], out ControlResponse r, out _));
        Assert.True(r.IsSuccess);
        Assert.Equal(42, r.Sequence);
    }

    [Fact]
    public void Encoder_refuses_invalid_commands_and_short_buffers()
    {
        Span<byte> buffer = stackalloc byte[8];
        Assert.False(ControlPointCodec.TryEncodeCommand(ControlCommand.Identify(IdentifyMode.None, 5), buffer, out _));
        Assert.False(ControlPointCodec.TryEncodeCommand(ControlCommand.Identify(IdentifyMode.Blink, 61), buffer, out _));
        Assert.False(ControlPointCodec.TryEncodeCommand(ControlCommand.StartStreaming((OutputDataRate)0, AccelRange.G2, GyroRange.Dps250), buffer, out _));
        Assert.False(ControlPointCodec.TryEncodeCommand(new ControlCommand((ControlOpcode)0x42), buffer, out _));
        Assert.False(ControlPointCodec.TryEncodeCommand(ControlCommand.TimeSync(1), buffer[..4], out _));
        Assert.False(ControlPointCodec.TryEncodeResponse(new ControlResponse(ControlOpcode.Identify, (ControlResult)9), buffer, out _));
        Assert.False(ControlPointCodec.TryEncodeResponse(new ControlResponse((ControlOpcode)0x42, ControlResult.Success), buffer, out _));
    }
}
