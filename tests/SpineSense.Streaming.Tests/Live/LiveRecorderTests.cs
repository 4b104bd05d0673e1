using SpineSense.Sensors.Simulated;
using SpineSense.Streaming.Live;
using SpineSense.Streaming.Tests.Support;

namespace SpineSense.Streaming.Tests.Live;

public sealed class LiveRecorderTests
{
    [Fact]
    public async Task A_recording_stopped_from_outside_keeps_the_samples_held_behind_an_unrecoverable_hole()
    {
        // Lost packets the sensor cannot resend (it keeps one packet in flash): every hole is held for the give-up
        // window (30 s of sensor time), so when the user stops after a few seconds most received samples still sit
        // behind a hole. Stopping must pass them on, not drop them.
        var samples = SyntheticAthlete.HingeSets(sets: 2, reps: 5);
        var sim = new SimulatedSensorOptions(SpeedFactor: 10, LossPct: 10, FlashCapacityPackets: 1, Seed: 5);
        await using var link = new SimulatedSensorLink(samples, sim);
        long written = 0;
        var recorder = new LiveRecorder(link, null, batch => Interlocked.Add(ref written, batch.Samples.Length));

        await recorder.StartAsync();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (recorder.Counters.PacketsReceived < 100 && DateTime.UtcNow < deadline) await Task.Delay(20);
        Assert.True(recorder.Counters.PacketsReceived >= 100, $"only {recorder.Counters.PacketsReceived} packets arrived in 60 s");
        recorder.Stop();
        await recorder.Completion.WaitAsync(TimeSpan.FromSeconds(60));

        var c = recorder.Counters;
        Assert.True(c.Lost > 0, "the scenario needs holes that are given up");
        Assert.Equal(c.Samples, Interlocked.Read(ref written));
        // Every received packet's samples are in the recording (19 per packet, no duplicates in this scenario).
        Assert.Equal((c.PacketsReceived - c.Duplicates) * 19, Interlocked.Read(ref written));
    }
}
