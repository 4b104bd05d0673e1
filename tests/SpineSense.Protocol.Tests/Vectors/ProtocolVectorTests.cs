using SpineSense.Protocol.Control;
using SpineSense.Protocol.Packets;
using SpineSense.Protocol.Status;

namespace SpineSense.Protocol.Tests.Vectors;

/// <summary>The C# codecs against every shared vector (the C reference runs the same files under CTest).</summary>
public class ProtocolVectorTests
{
    public static TheoryData<string> PacketVectors => VectorFiles.Names("packet");
    public static TheoryData<string> CommandVectors => VectorFiles.Names("command");
    public static TheoryData<string> ResponseVectors => VectorFiles.Names("response");
    public static TheoryData<string> StatusVectors => VectorFiles.Names("status");

    [Fact]
    public void Repository_holds_at_least_30_vectors_covering_every_decode_error()
    {
        Assert.True(VectorFiles.Vectors.Count >= 30, $"only {VectorFiles.Vectors.Count} vectors");
        var errors = VectorFiles.Vectors.Select(v => Enum.Parse<DecodeError>(v.Error)).ToHashSet();
        foreach (DecodeError e in Enum.GetValues<DecodeError>()) Assert.Contains(e, errors);
        Assert.Equal(VectorFiles.Vectors.Count, VectorFiles.Vectors.Select(v => v.Name).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(PacketVectors))]
    public void Packet_vector_decodes_as_specified(string name)
    {
        ProtocolVector v = VectorFiles.Get(name);
        bool ok = ImuPacketCodec.TryDecode(v.Bytes, out ImuPacket packet, out DecodeError error);
        Assert.Equal(Enum.Parse<DecodeError>(v.Error), error);
        Assert.Equal(v.IsValid, ok);
        if (!ok)
        {
            Assert.Equal(default, packet);
            return;
        }
        Assert.Equal(v.Long("version"), packet.Version);
        Assert.Equal(v.Long("flags"), (long)packet.Flags);
        Assert.Equal(v.Long("sequence"), packet.Sequence);
        Assert.Equal(v.Long("t0_us"), packet.FirstSampleTimeUs);
        Assert.Equal(v.Long("period_ns"), packet.SamplePeriodNs);
        Assert.Equal(v.Long("effective_period_ns"), packet.EffectivePeriodNs);
        Assert.Equal(v.Long("count"), packet.SampleCount);
        Assert.Equal(v.Long("odr"), (long)packet.Rate);
        Assert.Equal(v.Long("odr_hz"), packet.RateHz);
        Assert.Equal(v.Long("accel"), (long)packet.AccelRange);
        Assert.Equal(v.Long("accel_fs_g") / 32768.0, packet.AccelGPerLsb);
        Assert.Equal(v.Long("gyro"), (long)packet.GyroRange);
        Assert.Equal(v.Long("gyro_fs_dps") / 32768.0, packet.GyroDpsPerLsb);
        for (int i = 0; i < packet.SampleCount; i++)
        {
            short[] s = v.Shorts($"s{i}");
            Assert.Equal(new RawImuSample(s[0], s[1], s[2], s[3], s[4], s[5]), packet.GetSample(i));
        }

        Span<byte> buffer = stackalloc byte[ImuPacketLayout.MaxPacketSize];
        Assert.True(ImuPacketCodec.TryEncode(packet, buffer, out int written));
        Assert.Equal(v.Bytes.Length, written);
        if (v.IsCanonical)
        {
            Assert.Equal(Convert.ToHexString(v.Bytes), Convert.ToHexString(buffer[..written]));
        }
    }

    [Theory]
    [MemberData(nameof(CommandVectors))]
    public void Command_vector_decodes_as_specified(string name)
    {
        ProtocolVector v = VectorFiles.Get(name);
        bool ok = ControlPointCodec.TryDecodeCommand(v.Bytes, out ControlCommand command, out DecodeError error);
        Assert.Equal(Enum.Parse<DecodeError>(v.Error), error);
        Assert.Equal(v.IsValid, ok);
        if (!ok) return;

        Assert.Equal(v.Long("opcode"), (long)command.Opcode);
        if (v.Has("odr")) Assert.Equal(v.Long("odr"), (long)command.Rate);
        if (v.Has("accel")) Assert.Equal(v.Long("accel"), (long)command.AccelRange);
        if (v.Has("gyro")) Assert.Equal(v.Long("gyro"), (long)command.GyroRange);
        if (v.Has("mode")) Assert.Equal(v.Long("mode"), (long)command.IdentifyMode);
        if (v.Has("duration_s")) Assert.Equal(v.Long("duration_s"), command.IdentifyDurationS);
        if (v.Has("token")) Assert.Equal(v.Long("token"), command.TimeSyncToken);
        if (v.Has("sequence")) Assert.Equal(v.Long("sequence"), command.ResendFromSequence);

        Span<byte> buffer = stackalloc byte[ControlPointCodec.MaxCommandSize];
        Assert.True(ControlPointCodec.TryEncodeCommand(command, buffer, out int written));
        Assert.Equal(Convert.ToHexString(v.Bytes), Convert.ToHexString(buffer[..written]));
    }

    [Theory]
    [MemberData(nameof(ResponseVectors))]
    public void Response_vector_decodes_as_specified(string name)
    {
        ProtocolVector v = VectorFiles.Get(name);
        bool ok = ControlPointCodec.TryDecodeResponse(v.Bytes, out ControlResponse response, out DecodeError error);
        Assert.Equal(Enum.Parse<DecodeError>(v.Error), error);
        Assert.Equal(v.IsValid, ok);
        if (!ok) return;

        Assert.Equal(v.Long("request"), (long)response.RequestOpcode);
        Assert.Equal(v.Long("result"), (long)response.Result);
        Assert.Equal(v.Has("sequence") ? v.Long("sequence") : 0, response.Sequence);
        Assert.Equal(v.Has("packet_count") ? v.Long("packet_count") : 0, response.PacketCount);
        Assert.Equal(v.Has("token") ? v.Long("token") : 0, response.TimeSyncToken);
        Assert.Equal(v.Has("sensor_time_us") ? v.Long("sensor_time_us") : 0, response.SensorTimeUs);

        Span<byte> buffer = stackalloc byte[ControlPointCodec.MaxResponseSize];
        Assert.True(ControlPointCodec.TryEncodeResponse(response, buffer, out int written));
        Assert.Equal(Convert.ToHexString(v.Bytes), Convert.ToHexString(buffer[..written]));
    }

    [Theory]
    [MemberData(nameof(StatusVectors))]
    public void Status_vector_decodes_as_specified(string name)
    {
        ProtocolVector v = VectorFiles.Get(name);
        bool ok = SensorStatusCodec.TryDecode(v.Bytes, out SensorStatus status, out DecodeError error);
        Assert.Equal(Enum.Parse<DecodeError>(v.Error), error);
        Assert.Equal(v.IsValid, ok);
        if (!ok) return;

        Assert.Equal(v.Long("battery"), status.BatteryPercent);
        Assert.Equal(v.Long("power"), (long)status.Power);
        Assert.Equal(v.Long("state"), (long)status.State);
        Assert.Equal(v.Long("fw_major"), status.FirmwareMajor);
        Assert.Equal(v.Long("fw_minor"), status.FirmwareMinor);
        Assert.Equal(v.Long("fw_build"), status.FirmwareBuild);
        Assert.Equal(v.Long("errors"), (long)status.Errors);
        Assert.Equal(v.Long("buffered"), status.BufferedSamples);
        Assert.Equal(v.Long("next_sequence"), status.NextSequence);

        Span<byte> buffer = stackalloc byte[SensorStatusCodec.Size];
        Assert.True(SensorStatusCodec.TryEncode(status, buffer, out int written));
        Assert.Equal(SensorStatusCodec.Size, written);
        if (v.IsCanonical)
        {
            Assert.Equal(Convert.ToHexString(v.Bytes), Convert.ToHexString(buffer[..written]));
        }
    }
}
