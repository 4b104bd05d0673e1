using SpineSense.Protocol.Clock;

namespace SpineSense.Protocol.Tests.Clock;

public class SequenceUnwrapperTests
{
    [Fact]
    public void Unwraps_sequence_across_65535()
    {
        var unwrapper = new SequenceUnwrapper();
        long[] extended = new long[12];
        for (int i = 0; i < 12; i++) extended[i] = unwrapper.Unwrap((ushort)(65530 + i));
        Assert.Equal(Enumerable.Range(0, 12).Select(i => 65530L + i), extended);
        Assert.Equal(65541, unwrapper.Highest);
    }

    [Fact]
    public void Counts_monotonically_through_many_wraps()
    {
        var unwrapper = new SequenceUnwrapper();
        for (long i = 0; i < 5 * 65536 + 17; i++)
        {
            long e = unwrapper.Unwrap((ushort)i);
            if (e != i) Assert.Fail($"packet {i} unwrapped to {e}");
        }
    }

    [Fact]
    public void Places_a_late_packet_from_before_the_wrap_behind_the_highest()
    {
        var unwrapper = new SequenceUnwrapper();
        unwrapper.Unwrap(65533);
        for (ushort s = 0; s < 10; s++) unwrapper.Unwrap(s); // 65533 → 65536..65545, with 65534, 65535 lost so far
        Assert.Equal(65534, unwrapper.Unwrap(65534));
        Assert.Equal(65545, unwrapper.Highest);
    }

    [Fact]
    public void Places_a_run_of_up_to_32768_lost_packets_forward()
    {
        var unwrapper = new SequenceUnwrapper();
        unwrapper.Unwrap(60000);
        Assert.Equal(60000 + 32768, unwrapper.Unwrap(unchecked((ushort)(60000 + 32768))));
        Assert.Equal(60000 + 32768 + 32767, unwrapper.Unwrap(unchecked((ushort)(60000 + 32768 + 32767))));
    }

    [Fact]
    public void Gives_negative_numbers_to_backfill_older_than_the_first_packet()
    {
        var unwrapper = new SequenceUnwrapper();
        unwrapper.Unwrap(3);
        Assert.Equal(-2, unwrapper.Unwrap(65534));
        Assert.Equal(65534, (ushort)unwrapper.Unwrap(65534));
    }

    [Fact]
    public void Hint_from_elapsed_sensor_time_places_a_packet_after_a_long_outage()
    {
        // 833 Hz, 19 samples per packet: 43.8 packets/s; a 15-min outage skips 39,000 packets (> 32768).
        long truth = 1000 + 39_000;
        Assert.Equal(truth - 65536, SequenceUnwrapper.UnwrapNear((ushort)truth, 1000)); // history alone misplaces it
        var unwrapper = new SequenceUnwrapper();
        unwrapper.Unwrap(1000);
        long expected = 1000 + (long)(15 * 60 * 833.0 / 19); // 39,457: within 32768 of the truth
        Assert.Equal(truth, unwrapper.UnwrapWithHint((ushort)truth, expected));
        Assert.Equal(truth + 1, unwrapper.Unwrap((ushort)(truth + 1)));
    }

    [Fact]
    public void Reset_starts_over_after_a_sensor_reboot()
    {
        var unwrapper = new SequenceUnwrapper();
        unwrapper.Unwrap(30000);
        unwrapper.Unwrap(40000);
        unwrapper.Reset();
        Assert.False(unwrapper.HasValue);
        Assert.Equal(0, unwrapper.Unwrap(0));
    }
}
