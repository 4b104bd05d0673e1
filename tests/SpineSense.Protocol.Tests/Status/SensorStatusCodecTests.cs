using SpineSense.Protocol.Status;

namespace SpineSense.Protocol.Tests.Status;

public class SensorStatusCodecTests
{
    [Fact]
    public void Round_trips_random_status_values()
    {
        var random = new Random(99);
        Span<byte> buffer = stackalloc byte[SensorStatusCodec.Size];
        for (int k = 0; k < 10_000; k++)
        {
            int battery = random.Next(102);
            var status = new SensorStatus(
                battery == 101 ? SensorStatus.UnknownBattery : (byte)battery,
                (PowerFlags)random.Next(4), (StreamingState)random.Next(4),
                (byte)random.Next(256), (byte)random.Next(256), (ushort)random.Next(65536),
                (SensorErrorFlags)random.Next(128), (uint)random.NextInt64(uint.MaxValue + 1L), (ushort)random.Next(65536));
            Assert.True(SensorStatusCodec.TryEncode(status, buffer, out int written));
            Assert.Equal(16, written);
            Assert.True(SensorStatusCodec.TryDecode(buffer, out SensorStatus decoded, out _));
            Assert.Equal(status, decoded);
        }
    }

    [Fact]
    public void Fits_a_notification_at_the_default_mtu_and_reads_firmware_version()
    {
        Assert.True(SensorStatusCodec.Size <= 23 - 3);
        var status = new SensorStatus(57, PowerFlags.Charging, StreamingState.Streaming, 1, 2, 345, SensorErrorFlags.None, 19000, 1234);
        Assert.Equal("1.2.345", status.FirmwareVersion);
        Assert.True(status.IsCharging);
        Assert.True(status.IsBatteryKnown);
    }

    [Fact]
    public void Encoder_refuses_out_of_domain_fields()
    {
        Span<byte> buffer = stackalloc byte[SensorStatusCodec.Size];
        Assert.False(SensorStatusCodec.TryEncode(new SensorStatus(101, 0, 0, 0, 0, 0, 0, 0, 0), buffer, out _));
        Assert.False(SensorStatusCodec.TryEncode(new SensorStatus(50, 0, (StreamingState)4, 0, 0, 0, 0, 0, 0), buffer, out _));
        Assert.False(SensorStatusCodec.TryEncode(new SensorStatus(50, 0, 0, 0, 0, 0, 0, 0, 0), buffer[..15], out _));
    }
}
