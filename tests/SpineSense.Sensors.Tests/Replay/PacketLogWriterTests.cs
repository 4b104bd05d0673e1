using SpineSense.Sensors.Replay;

namespace SpineSense.Sensors.Tests.Replay;

public class PacketLogWriterTests
{
    [Fact]
    public void Writes_magic_metadata_header_and_one_line_per_notification()
    {
        var text = new StringWriter();
        using (var w = new PacketLogWriter(text, "ble:C0:11:22:33:44:55", leaveOpen: true))
        {
            w.Write(new SensorNotification(SensorCharacteristic.ImuData, new byte[] { 0x01, 0xAB, 0x00 }, 1_764_000_000_123_456));
            w.Write(new SensorNotification(SensorCharacteristic.BatteryLevel, new byte[] { 87 }, 1_764_000_000_200_000));
            w.Write(new SensorNotification(SensorCharacteristic.Status, ReadOnlyMemory<byte>.Empty, 1_764_000_000_200_001));
            Assert.Equal(3, w.RecordsWritten);
        }

        Assert.Equal(
            "#spinesense-packet-log v1\n# link=ble:C0:11:22:33:44:55\nhost_arrival_us,characteristic,length,payload_hex\n" +
            "1764000000123456,imu,3,01ab00\n1764000000200000,battery,1,57\n1764000000200001,status,0,\n",
            text.ToString());
    }

    [Fact]
    public void Every_record_round_trips_through_the_parser()
    {
        var rng = new Random(7);
        var text = new StringWriter();
        var written = new List<SensorNotification>();
        using (var w = new PacketLogWriter(text, leaveOpen: true))
        {
            long us = 1_000;
            foreach (SensorCharacteristic c in Enum.GetValues<SensorCharacteristic>())
            {
                for (int i = 0; i < 20; i++)
                {
                    var payload = new byte[rng.Next(0, 513)];
                    rng.NextBytes(payload);
                    var n = new SensorNotification(c, payload, us += rng.Next(0, 10_000));
                    w.Write(n);
                    written.Add(n);
                }
            }
        }
        var lines = text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(2).ToArray();

        Assert.Equal(written.Count, lines.Length);
        for (int i = 0; i < lines.Length; i++)
        {
            Assert.True(PacketLogFormat.TryParseRecord(lines[i], out long us, out var c, out var payload, out string error), error);
            Assert.Equal(written[i].HostArrivalUs, us);
            Assert.Equal(written[i].Characteristic, c);
            Assert.Equal(written[i].Payload.ToArray(), payload);
        }
    }

    [Theory]
    [InlineData("1,imu,2,0102,x", "expected 4 comma-separated fields, found 5")]
    [InlineData("-5,imu,1,01", "host_arrival_us '-5'")]
    [InlineData("5,gyro,1,01", "unknown characteristic 'gyro'")]
    [InlineData("5,imu,513,", "length '513'")]
    [InlineData("5,imu,2,010", "payload has 3 hex digits, length 2 needs 4")]
    [InlineData("5,imu,2,01zz", "not a hex digit")]
    public void Rejects_malformed_records_naming_the_field(string line, string expected)
    {
        Assert.False(PacketLogFormat.TryParseRecord(line, out _, out _, out _, out string error));
        Assert.Contains(expected, error);
    }
}
