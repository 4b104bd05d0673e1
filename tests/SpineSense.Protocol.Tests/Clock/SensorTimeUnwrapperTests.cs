using SpineSense.Protocol.Clock;

namespace SpineSense.Protocol.Tests.Clock;

public class SensorTimeUnwrapperTests
{
    [Fact]
    public void Unwraps_32_bit_microseconds_through_a_three_hour_session()
    {
        // 200 Hz, 19 samples per packet: one packet every 95 ms; the 32-bit clock wraps twice (at 71.6 and 143.2 min).
        var unwrapper = new SensorTimeUnwrapper();
        const long startUs = 4_000_000_000; // starts 4.9 min before the first wrap
        const long periodUs = 95_000;
        long packets = 3L * 3600 * 1_000_000 / periodUs;
        for (long k = 0; k < packets; k++)
        {
            long trueUs = startUs + k * periodUs;
            long e = unwrapper.Unwrap((uint)(trueUs & uint.MaxValue));
            if (e != trueUs) Assert.Fail($"packet {k}: {e} µs instead of {trueUs} µs");
        }
        Assert.True(unwrapper.LatestUs > 2 * SensorTimeUnwrapper.WrapPeriodUs);
    }

    [Fact]
    public void Keeps_reordered_packets_around_the_wrap_in_place()
    {
        var unwrapper = new SensorTimeUnwrapper();
        Assert.Equal(uint.MaxValue - 100_000L, unwrapper.Unwrap(uint.MaxValue - 100_000));
        Assert.Equal((1L << 32) + 50_000, unwrapper.Unwrap(50_000));              // after the wrap
        Assert.Equal(uint.MaxValue - 5_000L, unwrapper.Unwrap(uint.MaxValue - 5_000)); // late, from before it
        Assert.Equal((1L << 32) + 50_000, unwrapper.LatestUs);
    }

    [Fact]
    public void Backfill_up_to_35_minutes_old_maps_into_the_past()
    {
        var unwrapper = new SensorTimeUnwrapper();
        unwrapper.Unwrap(1_000_000); // 1 s after a wrap
        long thirtyMinUs = 30L * 60 * 1_000_000;
        Assert.Equal(1_000_000 - thirtyMinUs, unwrapper.Unwrap((uint)((1_000_000 - thirtyMinUs) & uint.MaxValue)));
    }

    [Fact]
    public void Hint_resolves_a_silence_longer_than_half_the_wrap_period()
    {
        var unwrapper = new SensorTimeUnwrapper();
        unwrapper.Unwrap(0);
        long fiftyMinUs = 50L * 60 * 1_000_000;
        // Without a hint 50 min ahead reads as 21.6 min behind; the host clock says 50 min passed.
        Assert.Equal(fiftyMinUs - SensorTimeUnwrapper.WrapPeriodUs, SensorTimeUnwrapper.UnwrapNear((uint)fiftyMinUs, 0));
        Assert.Equal(fiftyMinUs, unwrapper.UnwrapWithHint((uint)fiftyMinUs, expectedUs: fiftyMinUs + 40_000));
        Assert.Equal(fiftyMinUs + 95_000, unwrapper.Unwrap((uint)(fiftyMinUs + 95_000)));
    }
}
