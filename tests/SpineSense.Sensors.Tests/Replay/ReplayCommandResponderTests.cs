using SpineSense.Protocol.Control;
using SpineSense.Protocol.Packets;
using SpineSense.Sensors.Replay;

namespace SpineSense.Sensors.Tests.Replay;

public sealed class ReplayCommandResponderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("spinesense-replay-cmd-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static byte[] ImuPacketBytes(ushort sequence)
    {
        var samples = new RawImuSample[19];
        for (int i = 0; i < samples.Length; i++) samples[i] = new RawImuSample(0, 16384, 0, 1, 2, 3);
        var packet = new ImuPacket(PacketFlags.None, sequence, 123_456, OutputDataRate.Hz208, AccelRange.G8, GyroRange.Dps2000, 0, samples);
        var bytes = new byte[ImuPacketLayout.MaxPacketSize];
        Assert.True(ImuPacketCodec.TryEncode(packet, bytes, out int n));
        return bytes[..n];
    }

    private static byte[] Command(ControlCommand command)
    {
        var pdu = new byte[ControlPointCodec.MaxCommandSize];
        Assert.True(ControlPointCodec.TryEncodeCommand(command, pdu, out int n));
        return pdu[..n];
    }

    private static Protocol.Control.ControlResponse Decode(ReadOnlyMemory<byte> bytes)
    {
        Assert.True(ControlPointCodec.TryDecodeResponse(bytes.Span, out var response, out var error), error.ToString());
        return response;
    }

    [Fact]
    public async Task Start_streaming_succeeds_with_the_logs_first_imu_sequence_and_resend_is_not_supported()
    {
        string path = Path.Combine(_dir, "run.sspl");
        using (var w = PacketLogWriter.Create(path))
        {
            w.Write(new SensorNotification(SensorCharacteristic.Status, new byte[] { 1 }, 10));
            w.Write(new SensorNotification(SensorCharacteristic.ImuData, ImuPacketBytes(4242), 20));
            w.Write(new SensorNotification(SensorCharacteristic.ImuData, ImuPacketBytes(4243), 30));
        }
        await using var link = new ReplaySensorLink(path, new ReplayOptions(Speed: double.PositiveInfinity));
        await link.ConnectAsync(default);

        var start = Decode((await link.SendCommandAsync(Command(ControlCommand.StartStreaming(OutputDataRate.Hz208, AccelRange.G8, GyroRange.Dps2000)), default)).Payload);
        var resend = Decode((await link.SendCommandAsync(Command(ControlCommand.ResendFrom(4000)), default)).Payload);
        var stop = Decode((await link.SendCommandAsync(Command(ControlCommand.StopStreaming()), default)).Payload);

        Assert.Equal((ControlOpcode.StartStreaming, ControlResult.Success, (ushort)4242), (start.RequestOpcode, start.Result, start.Sequence));
        Assert.Equal((ControlOpcode.ResendFrom, ControlResult.NotSupported), (resend.RequestOpcode, resend.Result));
        Assert.True(stop.IsSuccess);
    }

    [Fact]
    public void Unknown_opcodes_and_malformed_commands_get_firmware_style_answers()
    {
        var unknown = Decode(ReplayCommandResponder.Respond([0x7E, 1, 2], 0));
        var malformed = Decode(ReplayCommandResponder.Respond([(byte)ControlOpcode.StartStreaming], 0));

        Assert.Equal(ControlResult.UnknownOpcode, unknown.Result);
        Assert.Equal((ControlOpcode.StartStreaming, ControlResult.InvalidParameter), (malformed.RequestOpcode, malformed.Result));
    }
}
