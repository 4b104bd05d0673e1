using SpineSense.Protocol.Clock;

namespace SpineSense.Protocol.Tests.Clock;

public class TimeSyncEstimatorTests
{
    [Fact]
    public void Recovers_the_clock_offset_within_half_the_best_round_trip()
    {
        var random = new Random(11);
        var sync = new TimeSyncEstimator();
        const long trueOffsetUs = 1_700_000_000_000_000; // host epoch µs minus sensor µs
        long hostUs = trueOffsetUs + 5_000_000;
        for (int k = 0; k < 10; k++)
        {
            // Write and indication each take a connection interval or more, asymmetric and jittered.
            long upUs = 7_500 + (long)(-Math.Log(1 - random.NextDouble()) * 15_000);
            long downUs = 7_500 + (long)(-Math.Log(1 - random.NextDouble()) * 15_000);
            long sensorUs = hostUs + upUs - trueOffsetUs;
            Assert.True(sync.Add(hostUs, hostUs + upUs + downUs, sensorUs));
            hostUs += 1_000_000;
        }
        Assert.True(sync.TryGetOffset(out long offsetUs, out long uncertaintyUs));
        Assert.InRange(offsetUs - trueOffsetUs, -uncertaintyUs, uncertaintyUs);
        Assert.InRange(uncertaintyUs, 7_500, 20_000);
    }

    [Fact]
    public void Keeps_the_tightest_of_the_last_16_exchanges_and_ignores_impossible_ones()
    {
        var sync = new TimeSyncEstimator();
        Assert.False(sync.TryGetOffset(out _, out _));
        Assert.False(sync.Add(100, 99, 0));
        sync.Add(0, 1_000, 500);            // offset 0 ± 500
        for (int i = 1; i <= 15; i++) sync.Add(i * 10_000, i * 10_000 + 40_000, i * 10_000 + 20_000 - 7); // offset 7 ± 20 ms
        Assert.True(sync.TryGetOffset(out long offsetUs, out long uncertaintyUs));
        Assert.Equal(0, offsetUs);
        Assert.Equal(500, uncertaintyUs);
        sync.Add(1_000_000, 1_040_000, 1_020_000 - 7); // pushes the tight one out of the window
        sync.TryGetOffset(out offsetUs, out uncertaintyUs);
        Assert.Equal(7, offsetUs);
        Assert.Equal(20_000, uncertaintyUs);
    }
}
