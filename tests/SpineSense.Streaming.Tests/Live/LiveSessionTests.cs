using System.Collections.Concurrent;
using System.Reactive.Linq;
using SpineSense.Motion.Samples;
using SpineSense.Sensors;
using SpineSense.Sensors.Simulated;
using SpineSense.Storage;
using SpineSense.Storage.Targets;
using SpineSense.Streaming.Live;
using SpineSense.Streaming.Pipeline;
using SpineSense.Streaming.Plans;
using SpineSense.Streaming.Tests.Support;

namespace SpineSense.Streaming.Tests.Live;

public sealed class LiveSessionTests
{
    private static readonly WorkoutPlan RdlPlan = new("rdl", "RDL",
        [new PlanStep(PlanPart.Main, "romanian-deadlift", Sets: 2, Reps: 5, null, null, EachSide: false, RestS: 20)]);

    // A resend's answer gets up to 30 s of host time before its hole may be given up (the default is 1 s): the
    // simulated sensor runs 25-100× faster than real time, so a loaded machine pausing this process for a second
    // would otherwise turn into "lost" samples by chance. Sensor-time give-up (GiveUpS) is unchanged.
    internal static readonly GapPolicy PatientGaps = new(MinWaitAfterRequest: TimeSpan.FromSeconds(30));

    internal static async Task<(List<SessionEvent> Events, LiveSession Session)> Run(ImuSample[] samples, SimulatedSensorOptions sim,
        WorkoutPlan plan, GapPolicy? gaps = null)
    {
        var link = new SimulatedSensorLink(samples, sim);
        var session = new LiveSession(link, new LiveSessionOptions("tester", plan, Gaps: gaps));
        var events = new ConcurrentQueue<SessionEvent>();
        using var sub = session.EventsOnPipelineThread.Subscribe(events.Enqueue);
        await session.StartAsync();
        await session.Completion.WaitAsync(TimeSpan.FromSeconds(60));
        await link.DisposeAsync();
        return (events.ToList(), session);
    }

    [Fact]
    public async Task A_sensor_that_cannot_be_reached_fails_the_start_without_announcing_an_exercise()
    {
        var session = new LiveSession(new UnreachableLink(), new LiveSessionOptions("tester", RdlPlan));
        var events = new ConcurrentQueue<SessionEvent>();
        using var sub = session.EventsOnPipelineThread.Subscribe(events.Enqueue);

        var e = await Assert.ThrowsAsync<SensorLinkException>(() => session.StartAsync());

        Assert.Equal(SensorLinkError.NoBluetooth, e.Error);
        Assert.Empty(events.OfType<ExerciseStarted>()); // the user sees the one error, not "exercise 1/1" before it
    }

    [Fact]
    public async Task A_sensor_that_cannot_be_reached_stores_no_session()
    {
        // `spinesense session --sensor ble:…` on a machine without Bluetooth stored an empty 0 s session (and with it a
        // new athlete): the overview then counted a session that never happened toward the athlete's plan.
        string dir = Directory.CreateTempSubdirectory("spinesense-live-").FullName;
        try
        {
            await using var store = await SpineStore.OpenAsync(StoreTarget.Sqlite(Path.Combine(dir, "s.db")));
            var session = new LiveSession(new UnreachableLink(), new LiveSessionOptions("tester", RdlPlan), store);

            await Assert.ThrowsAsync<SensorLinkException>(() => session.StartAsync());

            Assert.Null(session.SessionId);
            Assert.Empty(await store.Reader.ListSessionsAsync());
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [Fact]
    public async Task The_first_exercise_is_announced_once_the_sensor_is_connected()
    {
        var samples = SyntheticAthlete.HingeSets(sets: 1, reps: 2);
        var link = new SimulatedSensorLink(samples, new SimulatedSensorOptions(SpeedFactor: 200));
        var session = new LiveSession(link, new LiveSessionOptions("tester", RdlPlan));
        var linkStateAtStart = new ConcurrentQueue<SensorLinkState>();
        using var sub = session.EventsOnPipelineThread.OfType<ExerciseStarted>().Subscribe(_ => linkStateAtStart.Enqueue(link.State));

        await session.StartAsync();
        await session.DisposeAsync();
        await link.DisposeAsync();

        Assert.Equal(SensorLinkState.Connected, Assert.Single(linkStateAtStart));
    }

    /// <summary>A link on a machine without Bluetooth: every connect fails the way BlueZ-less Linux does.</summary>
    private sealed class UnreachableLink : ISensorLink
    {
        public string Name => "ble:C0:11:22:33:44:55";
        public SensorLinkState State => SensorLinkState.Idle;
        public System.Threading.Channels.ChannelReader<SensorNotification> Notifications { get; } =
            System.Threading.Channels.Channel.CreateUnbounded<SensorNotification>().Reader;
        public long DroppedNotifications => 0;
        public double? RssiDbm => null;
        public event EventHandler<SensorLinkLostEventArgs>? LinkLost { add { } remove { } }

        public Task ConnectAsync(CancellationToken cancel) =>
            Task.FromException(SensorLinkException.NoBluetooth("address family not supported (no Bluetooth in this kernel)"));

        public Task<ControlResponse> SendCommandAsync(ReadOnlyMemory<byte> commandPdu, CancellationToken cancel) =>
            throw new SensorLinkException(SensorLinkError.NotConnected, "not connected");

        public Task<ReadOnlyMemory<byte>> ReadAsync(SensorCharacteristic characteristic, CancellationToken cancel) =>
            throw new SensorLinkException(SensorLinkError.NotConnected, "not connected");

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
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
        // While connected, health events carry the link's signal strength.
        var connected = events.OfType<LinkHealthChanged>().Where(e => e.Health.State == "connected").ToList();
        Assert.NotEmpty(connected);
        Assert.All(connected, e => Assert.InRange(Assert.IsType<double>(e.Health.RssiDbm), -70.0, -50.0));
    }

    [Fact]
    public async Task A_dropout_mid_set_loses_no_samples_and_counts_no_rep_twice()
    {
        var samples = SyntheticAthlete.HingeSets(sets: 2, reps: 5);
        // Set 1 runs from 4 s to 24 s; the link drops at 11 s (mid rep 2) for 3 s.
        var sim = new SimulatedSensorOptions(SpeedFactor: 100, Outages: [new SimulatedOutage(11, 3)]);
        var (events, session) = await Run(samples, sim, RdlPlan, PatientGaps);
        Assert.Equal([5, 5], events.OfType<SetCompleted>().Select(e => e.Summary.Reps));
        var reps = events.OfType<RepCounted>().Select(e => e.Rep.StartS).ToList();
        Assert.Equal(reps.Distinct().Count(), reps.Count);
        Assert.Equal(0, session.Counters.Lost);
        Assert.True(session.Counters.Backfilled > 20, $"backfilled {session.Counters.Backfilled}");
        Assert.Equal(1, session.Health.Reconnects);
        Assert.Equal(0, session.Counters.ArrivedAfterGiveUp);
        Assert.Contains(events.OfType<LinkHealthChanged>(), e => e.Health.State == "reconnecting");
    }

    [Fact]
    public async Task Lost_duplicated_and_reordered_packets_are_recovered_in_order()
    {
        var samples = SyntheticAthlete.HingeSets(sets: 2, reps: 5);
        // Speed 25: a resend round trip (a few ms of host time) stays well inside the 3 s give-up window of sensor time.
        var sim = new SimulatedSensorOptions(SpeedFactor: 25, LossPct: 5, DuplicatePct: 5, ReorderPct: 5, Seed: 3);
        var (events, session) = await Run(samples, sim, RdlPlan, PatientGaps);
        Assert.Equal([5, 5], events.OfType<SetCompleted>().Select(e => e.Summary.Reps));
        Assert.Equal(0, session.Counters.Lost);
        Assert.Equal(0, session.Counters.ArrivedAfterGiveUp);
        Assert.True(session.Counters.Duplicates > 5);
        Assert.True(session.Counters.Recovered > 10);
        Assert.True(session.Counters.ResendRequests > 5);
    }

    [Fact]
    public async Task Emits_angle_snapshots_at_ten_per_second_of_session_time()
    {
        var samples = SyntheticAthlete.HingeSets(sets: 1, reps: 2, tailS: 5);
        var plan = RdlPlan with { Steps = [RdlPlan.Steps[0] with { Sets = 1, Reps = 10 }] };
        var (events, _) = await Run(samples, new SimulatedSensorOptions(SpeedFactor: 200, EndGraceS: 0.5), plan);
        var snaps = events.OfType<AnglesSnapshot>().ToList();
        double spanS = snaps[^1].TimeS - snaps[0].TimeS;
        Assert.InRange(snaps.Count / spanS, 9.0, 11.0);
        Assert.InRange(snaps.Max(s => s.Angles.FlexionDeg), 55.0, 65.0);
        var end = Assert.IsType<SessionEnded>(events[^1]);
        Assert.Equal("sensor stream ended", end.Reason);
        Assert.False(end.Summary.Completed);
    }

    [Fact]
    public async Task Next_skips_to_the_following_exercise_and_Stop_ends_the_session_early_with_what_was_done()
    {
        var plan = new WorkoutPlan("two", "two",
        [
            new PlanStep(PlanPart.Main, "glute-bridge", 3, 12, null, null, false, 60),
            new PlanStep(PlanPart.Main, "romanian-deadlift", 2, 5, null, null, false, 20),
        ]);
        var samples = SyntheticAthlete.HingeSets(sets: 2, reps: 5);
        var link = new SimulatedSensorLink(samples, new SimulatedSensorOptions(SpeedFactor: 5));
        var session = new LiveSession(link, new LiveSessionOptions("tester", plan));
        var events = new ConcurrentQueue<SessionEvent>();
        using var sub = session.EventsOnPipelineThread.Subscribe(e =>
        {
            events.Enqueue(e);
            if (e is SetCompleted) session.Stop(); // the athlete stops after the first set
        });
        // Pressed before the first packet (it takes effect at the next one): pressed after StartAsync returned, a
        // loaded machine could let the glute-bridge analyzer eat the first RDL rep before the press lands.
        session.Next(); // the athlete skips the glute bridges
        await session.StartAsync();
        var summary = await session.Completion.WaitAsync(TimeSpan.FromSeconds(60));
        await link.DisposeAsync();
        Assert.Equal(["glute-bridge", "romanian-deadlift"], events.OfType<ExerciseStarted>().Select(e => e.ExerciseId));
        var set = Assert.Single(summary.Sets);
        Assert.Equal(("romanian-deadlift", 5), (set.ExerciseId, set.Reps));
        Assert.False(summary.Completed);
        Assert.Equal("stopped", Assert.IsType<SessionEnded>(events.Last()).Reason);
    }

    [Fact]
    public async Task An_accelerated_session_is_stored_with_its_duration_in_session_time_not_wall_clock()
    {
        // 2 sets of 5 reps ≈ 78 s of session time, played at 200× (≈ 0.4 s of wall clock).
        var samples = SyntheticAthlete.HingeSets(sets: 2, reps: 5);
        string dir = Directory.CreateTempSubdirectory("spinesense-live-").FullName;
        try
        {
            await using (var store = await SpineStore.OpenAsync(StoreTarget.Sqlite(Path.Combine(dir, "s.db"))))
            {
                var link = new SimulatedSensorLink(samples, new SimulatedSensorOptions(SpeedFactor: 200));
                var session = new LiveSession(link, new LiveSessionOptions("tester", RdlPlan), store);
                double lastS = 0;
                using var sub = session.EventsOnPipelineThread.Subscribe(e => lastS = Math.Max(lastS, e.TimeS));
                await session.StartAsync();
                await session.Completion.WaitAsync(TimeSpan.FromSeconds(60));
                await link.DisposeAsync();
                Assert.True(await store.DrainAsync(TimeSpan.FromSeconds(30)));

                var info = Assert.Single(await store.Reader.ListSessionsAsync("tester"));
                double storedS = (info.EndUtc!.Value - info.StartUtc).TotalSeconds;
                Assert.True(lastS > 60, $"the plan ends after the second set, at {lastS:F1} s");
                Assert.InRange(storedS, lastS - 0.1, lastS + 0.1);

                // The link's signal strength reaches the stored link health (the simulated sensor sits near −60 dBm).
                var health = await store.Reader.GetLinkHealthAsync(info.SessionId);
                var measured = health.Where(h => !double.IsNaN(h.RssiDbm)).ToList();
                Assert.True(measured.Count >= health.Count / 2 && measured.Count > 3, $"{measured.Count} of {health.Count} rows have a signal");
                Assert.All(measured, h => Assert.InRange(h.RssiDbm, -70.0, -50.0));
            }
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [Fact]
    public async Task The_stored_end_is_the_last_sample_time_rounded_to_the_microsecond_like_sample_times()
    {
        // Stores keep sample times as whole µs, rounded; an end truncated to the 100 ns tick (TimeSpan.FromSeconds)
        // could fall 1 µs before the last stored sample. Several lengths, so several last-sample times' binary
        // fractions are tried (a time like 12.345678 s is a little below or above its decimal value).
        var all = SyntheticAthlete.HingeSets(sets: 1, reps: 1, tailS: 2);
        for (int cut = 0; cut < 8; cut++)
        {
            var store = new CapturingSessionStore();
            var link = new SimulatedSensorLink(all[..^(cut * 7 + 1)], new SimulatedSensorOptions(SpeedFactor: 200));
            var session = new LiveSession(link, new LiveSessionOptions("tester", RdlPlan, Gaps: PatientGaps), store);
            await session.StartAsync();
            await session.Completion.WaitAsync(TimeSpan.FromSeconds(60));
            await link.DisposeAsync();

            var writer = Assert.IsType<CapturingSessionWriter>(store.Writer);
            double lastS = writer.LastSampleS;
            Assert.True(lastS > 5, $"cut {cut}: the session stored samples up to {lastS} s");
            long endTicks = (writer.EndUtc!.Value - writer.Info.StartUtc).Ticks;
            Assert.True(Math.Round(lastS * 1e6) * 10 == endTicks,
                $"cut {cut}: last sample at {lastS:R} s = {Math.Round(lastS * 1e6)} µs, session end {endTicks / 10.0} µs after the start");
        }
    }
}
