using System.Collections.Concurrent;
using System.Reactive.Linq;
using SpineSense.Motion.Samples;
using SpineSense.Sensors.Simulated;
using SpineSense.Streaming.Live;
using SpineSense.Streaming.Plans;
using SpineSense.Streaming.Tests.Support;

namespace SpineSense.Streaming.Tests.Live;

public sealed class LiveSessionTests
{
    private static readonly WorkoutPlan RdlPlan = new("rdl", "RDL",
        [new PlanStep(PlanPart.Main, "romanian-deadlift", Sets: 2, Reps: 5, null, null, EachSide: false, RestS: 20)]);

    internal static async Task<(List<SessionEvent> Events, LiveSession Session)> Run(ImuSample[] samples, SimulatedSensorOptions sim,
        WorkoutPlan plan)
    {
        var link = new SimulatedSensorLink(samples, sim);
        var session = new LiveSession(link, new LiveSessionOptions("tester", plan));
        var events = new ConcurrentQueue<SessionEvent>();
        using var sub = session.EventsOnPipelineThread.Subscribe(events.Enqueue);
        await session.StartAsync();
        await session.Completion.WaitAsync(TimeSpan.FromSeconds(60));
        await link.DisposeAsync();
        return (events.ToList(), session);
    }

    [Fact]
    public async Task Counts_the_reps_and_sets_of_a_plan_from_a_simulated_sensor_and_ends_by_itself()
    {
        var samples = SyntheticAthlete.HingeSets(sets: 2, reps: 5);
        var (events, session) = await Run(samples, new SimulatedSensorOptions(SpeedFactor: 200), RdlPlan);
        var sets = events.OfType<SetCompleted>().Select(e => e.Summary).ToList();
        Assert.Equal([5, 5], sets.Select(s => s.Reps));
        Assert.Equal(10, events.OfType<RepCounted>().Count());
        var end = Assert.IsType<SessionEnded>(events[^1]);
        Assert.Equal("plan finished", end.Reason);
        Assert.True(end.Summary.Completed);
        Assert.Null(end.Error);
        Assert.Equal(0, session.Counters.Lost);
    }
}
