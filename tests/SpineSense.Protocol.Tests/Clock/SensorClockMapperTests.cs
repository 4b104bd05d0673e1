using SpineSense.Protocol.Clock;

namespace SpineSense.Protocol.Tests.Clock;

public class SensorClockMapperTests
{
    /// <summary>
    /// A link like BLE: the host receives a packet after a latency of at least one connection interval plus
    /// exponential jitter, with rare long stalls; the sensor clock runs at (1 − drift) of the host's.
    /// </summary>
    private static void Feed(SensorClockMapper mapper, Random random, double driftPpm, long offsetUs, long floorUs,
        long startSensorUs, double durationS, long packetUs = 95_000, Func<long, long>? extraLatencyUs = null)
    {
        for (long s = startSensorUs; s < startSensorUs + (long)(durationS * 1e6); s += packetUs)
        {
            double jitterUs = -Math.Log(1 - random.NextDouble()) * 12_000;
            if (random.NextDouble() < 0.02) jitterUs += 150_000;
            long latencyUs = floorUs + (long)jitterUs + (extraLatencyUs?.Invoke(s) ?? 0);
            mapper.AddObservation(s, TrueHostUs(s, driftPpm, offsetUs) + latencyUs);
        }
    }

    private static long TrueHostUs(long sensorUs, double driftPpm, long offsetUs) =>
        offsetUs + sensorUs + (long)Math.Round(sensorUs * driftPpm * 1e-6);

    [Theory]
    [InlineData(0.0)]
    [InlineData(40.0)]
    [InlineData(-35.0)]
    [InlineData(5000.0)] // an RC oscillator 0.5 % off
    public void Recovers_offset_and_drift_under_jittered_latency(double driftPpm)
    {
        var random = new Random(42);
        var mapper = new SensorClockMapper();
        const long offsetUs = 1_234_567_890, floorUs = 7_500;
        Feed(mapper, random, driftPpm, offsetUs, floorUs, startSensorUs: 10_000_000, durationS: 600);

        Assert.InRange(mapper.DriftPpm, driftPpm - 2, driftPpm + 2);
        long endSensorUs = 10_000_000 + 600_000_000;
        for (long s = endSensorUs - 60_000_000; s <= endSensorUs; s += 5_000_000)
        {
            Assert.True(mapper.TryMapToHost(s, out long hostUs));
            long expected = TrueHostUs(s, driftPpm, offsetUs) + floorUs; // mapped = arrival at minimum latency
            Assert.InRange(hostUs - expected, -300, 300);
        }
    }

    [Fact]
    public void Ignores_a_stretch_where_every_packet_was_delayed()
    {
        var random = new Random(7);
        var mapper = new SensorClockMapper();
        // 20 s in the middle with +80 ms on every packet (e.g. a connection-parameter update).
        Feed(mapper, random, 25, 0, 7_500, 0, 300,
            extraLatencyUs: s => s > 200_000_000 && s < 220_000_000 ? 80_000 : 0);
        Assert.InRange(mapper.DriftPpm, 23, 27);
        Assert.True(mapper.TryMapToHost(299_000_000, out long hostUs));
        Assert.InRange(hostUs - (TrueHostUs(299_000_000, 25, 0) + 7_500), -1_000, 1_000);
    }

    [Fact]
    public void Follows_a_drift_change_through_its_sliding_window()
    {
        var random = new Random(9);
        var mapper = new SensorClockMapper();
        Feed(mapper, random, 0, 0, 7_500, 0, 300);
        // The sensor warms up: from 300 s on its clock drifts 30 ppm. Continue the host timeline without a jump.
        long baseHost = TrueHostUs(300_000_000, 0, 0);
        for (long s = 300_000_000; s < 900_000_000; s += 95_000)
        {
            long host = baseHost + (s - 300_000_000) + (long)((s - 300_000_000) * 30e-6);
            mapper.AddObservation(s, host + 7_500 + (long)(-Math.Log(1 - random.NextDouble()) * 12_000));
        }
        Assert.InRange(mapper.DriftPpm, 27, 33); // ±3 ppm over the 3-min window is ±0.5 ms of offset
    }

    [Fact]
    public void Maps_nothing_before_the_first_observation_and_offset_only_at_first()
    {
        var mapper = new SensorClockMapper();
        Assert.False(mapper.IsReady);
        Assert.False(mapper.TryMapToHost(0, out _));
        mapper.AddObservation(1_000, 51_000);
        mapper.AddObservation(96_000, 136_000); // smaller latency: offset 40 ms
        Assert.True(mapper.TryMapToHost(500_000, out long hostUs));
        Assert.Equal(540_000, hostUs);
        Assert.False(mapper.HasDrift);
        Assert.Equal(0, mapper.DriftPpm);
    }

    [Fact]
    public void Maps_host_time_back_to_sensor_time()
    {
        var random = new Random(3);
        var mapper = new SensorClockMapper();
        Feed(mapper, random, 300, 5_000_000, 7_500, 0, 200);
        foreach (long s in new long[] { 0, 123_456_789, 5_000_000_000 })
        {
            Assert.True(mapper.TryMapToHost(s, out long h));
            Assert.True(mapper.TryMapToSensor(h, out long back));
            Assert.InRange(back - s, -1, 1);
        }
    }

    [Fact]
    public void Rejects_invalid_settings_when_built()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SensorClockMapper(new ClockMapperSettings(BucketUs: 0)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SensorClockMapper(new ClockMapperSettings(WindowBuckets: 1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SensorClockMapper(new ClockMapperSettings(MinBucketsForDrift: 200)));
    }
}
