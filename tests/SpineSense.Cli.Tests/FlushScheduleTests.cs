using SpineSense.Cli.Output;

namespace SpineSense.Cli.Tests;

public class FlushScheduleTests
{
    /// <summary>A clock that moves only when told to.</summary>
    private sealed class ManualClock : TimeProvider
    {
        public long Ticks;
        public override long TimestampFrequency => TimeSpan.TicksPerSecond;
        public override long GetTimestamp() => Ticks;
        public void Advance(double seconds) => Ticks += (long)(seconds * TimeSpan.TicksPerSecond);
    }

    [Fact]
    public void A_live_sensor_is_written_and_synced_every_second_of_data()
    {
        var clock = new ManualClock();
        var schedule = new FlushSchedule(1.0, TimeSpan.FromSeconds(0.5), clock);
        var steps = new List<(double, FlushStep)>();
        // 50 ms batches arriving in real time, with a jittery one.
        for (int i = 1; i <= 60; i++)
        {
            clock.Advance(i == 39 ? 0.01 : 0.05);
            var step = schedule.After(i * 0.05);
            if (step != FlushStep.None) steps.Add((Math.Round(i * 0.05, 2), step));
        }
        Assert.Equal([(1.0, FlushStep.WriteAndSync), (2.0, FlushStep.WriteAndSync), (3.0, FlushStep.WriteAndSync)], steps);
    }

    [Fact]
    public void A_fast_replay_is_written_every_second_of_data_but_synced_at_most_twice_a_second()
    {
        // --speed 100: a second of data every 10 ms of real time. Writes are cheap; waiting for the disk is not.
        var clock = new ManualClock();
        var schedule = new FlushSchedule(1.0, TimeSpan.FromSeconds(0.5), clock);
        int writes = 0, syncs = 0;
        for (int i = 1; i <= 1000; i++) // 100 s of data in 1 s of real time
        {
            clock.Advance(0.001);
            switch (schedule.After(i * 0.1))
            {
                case FlushStep.Write: writes++; break;
                case FlushStep.WriteAndSync: writes++; syncs++; break;
            }
        }
        Assert.InRange(writes, 99, 100);
        Assert.Equal(2, syncs);
    }
}
