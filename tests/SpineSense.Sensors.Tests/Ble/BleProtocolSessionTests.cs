using SpineSense.Protocol.Control;
using SpineSense.Protocol.Packets;
using SpineSense.Sensors.Ble;
using SpineSense.Sensors.Tests.Fakes;
using WireResponse = SpineSense.Protocol.Control.ControlResponse;

namespace SpineSense.Sensors.Tests.Ble;

/// <summary>
/// The BLE link carrying the real wire protocol: commands encoded by SpineSense.Protocol, answered by a fake sensor
/// that decodes them, and IMU packets that survive the trip byte for byte at both MTUs the protocol supports.
/// </summary>
public class BleProtocolSessionTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    private static byte[] Encode(ControlCommand command)
    {
        var pdu = new byte[ControlPointCodec.MaxCommandSize];
        ControlPointCodec.TryEncodeCommand(command, pdu, out int n);
        return pdu[..n];
    }

    // The fake sensor's firmware side of the control point.
    private static byte[]? Firmware(byte[] command)
    {
        if (!ControlPointCodec.TryDecodeCommand(command, out var c, out _)) return null;
        var response = c.Opcode switch
        {
            ControlOpcode.StartStreaming => new WireResponse(c.Opcode, ControlResult.Success, Sequence: 65534),
            ControlOpcode.ResendFrom => new WireResponse(c.Opcode, ControlResult.Success, Sequence: c.ResendFromSequence, PacketCount: 3),
            _ => new WireResponse(c.Opcode, ControlResult.Success),
        };
        var bytes = new byte[16];
        ControlPointCodec.TryEncodeResponse(response, bytes, out int n);
        return bytes[..n];
    }

    private static byte[] Packet(ushort sequence, int samples, bool compact)
    {
        var s = new RawImuSample[samples];
        for (int i = 0; i < samples; i++) s[i] = new RawImuSample((short)(sequence + i), 16384, -3, 10, -20, (short)i);
        var packet = new ImuPacket(compact ? PacketFlags.Compact : PacketFlags.None, sequence, (uint)sequence * 91_000u,
                                   OutputDataRate.Hz208, AccelRange.G8, GyroRange.Dps2000, 0, s);
        var bytes = new byte[ImuPacketLayout.MaxPacketSize];
        ImuPacketCodec.TryEncode(packet, bytes, out int n);
        return bytes[..n];
    }

    [Theory]
    [InlineData(247, 19, false)]
    [InlineData(23, 1, true)]
    public async Task Start_then_stream_across_the_sequence_wrap_then_resend(int serverMtu, int samplesPerPacket, bool compact)
    {
        FakePeripheral? peripheral = null;
        FakeGattDatabase.Layout layout = null!;
        await using var link = new BleSensorLink("ble:fake", new BleLinkOptions(), new SensorLinkOptions(CommandTimeout: TimeSpan.FromSeconds(60)), _ =>
        {
            var (client, p) = FakePeripheral.Pair(FakeGattDatabase.SpineSense(out layout), (ushort)serverMtu);
            p.ControlPointResponder = Firmware;
            peripheral = p;
            return Task.FromResult(client);
        });
        await link.ConnectAsync(default).WaitAsync(Wait);

        var start = await link.SendCommandAsync(Encode(ControlCommand.StartStreaming(OutputDataRate.Hz208, AccelRange.G8, GyroRange.Dps2000)), default).WaitAsync(Wait);
        Assert.True(ControlPointCodec.TryDecodeResponse(start.Payload.Span, out var started, out _));
        Assert.Equal((ControlResult.Success, (ushort)65534), (started.Result, started.Sequence));

        ushort[] sent = [65534, 65535, 0, 1, 2];
        foreach (ushort seq in sent) await peripheral!.NotifyAsync(layout.ImuData, Packet(seq, samplesPerPacket, compact));

        foreach (ushort seq in sent)
        {
            var n = await link.Notifications.ReadAsync().AsTask().WaitAsync(Wait);
            Assert.True(ImuPacketCodec.TryDecode(n.Payload.Span, out var packet, out var error), error.ToString());
            Assert.Equal(seq, packet.Sequence);
            Assert.Equal(samplesPerPacket, packet.SampleCount);
            Assert.Equal(Packet(seq, samplesPerPacket, compact), n.Payload.ToArray());
        }

        var resend = await link.SendCommandAsync(Encode(ControlCommand.ResendFrom(65535)), default).WaitAsync(Wait);
        Assert.True(ControlPointCodec.TryDecodeResponse(resend.Payload.Span, out var resent, out _));
        Assert.Equal((ControlOpcode.ResendFrom, (ushort)65535, (ushort)3), (resent.RequestOpcode, resent.Sequence, resent.PacketCount));
        Assert.Equal(serverMtu, link.Mtu);
    }
}
