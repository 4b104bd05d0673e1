using SpineSense.Motion.Exercises;
using SpineSense.Motion.Samples;
using SpineSense.Sensors.Simulated;
using SpineSense.Server.Data;
using SpineSense.Storage;
using SpineSense.Streaming.Live;
using SpineSense.Streaming.Plans;
using StreamingEvent = SpineSense.Streaming.Live.SessionEvent;

namespace SpineSense.Server.Live;

/// <summary>
/// Live sessions for the dashboard from SpineSense.Streaming: a simulated athlete on the simulated sensor link,
/// through the real pipeline, stored in the server's store with the athlete's stored limits (so what the live
/// page shows is what the review page later reads).
/// </summary>
/// <param name="simulate">The virtual athlete's samples for a plan and seed; default Streaming's <see cref="SimulatedWorkout"/>
/// (the same athlete `spinesense demo` uses: the beginner routine as one session, other plans step by step).</param>
public sealed class StreamingLiveSource(ISessionStore store, PlanLibrary plans, Func<WorkoutPlan, int, ReadOnlyMemory<ImuSample>>? simulate = null) : ILiveSessionSource
{
    private readonly Func<WorkoutPlan, int, ReadOnlyMemory<ImuSample>> _simulate = simulate ?? ((plan, seed) => SimulatedWorkout.For(plan, seed).Samples);

    public async Task<ILiveSession> CreateSimulatedAsync(string athleteId, string plan, double speed, int seed, CancellationToken cancel)
    {
        var workout = plans.Load(plan);
        // Limits are read once, before the session starts: the pipeline asks per exercise on its own thread.
        var limits = new Dictionary<string, SafetyLimits>(StringComparer.Ordinal);
        foreach (var step in workout.Steps)
        {
            if (limits.ContainsKey(step.ExerciseId)) continue;
            var l = await store.Config.GetEffectiveLimitsAsync(athleteId, step.ExerciseId, cancel);
            limits[step.ExerciseId] = new SafetyLimits(l.MaxFlexionDeg, l.MaxExtensionDeg, l.MaxRotationDps, l.MaxImpactG);
        }
        // Simulating a whole routine takes a moment of CPU: off the request thread.
        var samples = await Task.Run(() => _simulate(workout, seed), cancel);
        var link = new SimulatedSensorLink(samples, new SimulatedSensorOptions(SpeedFactor: speed, Seed: seed));
        var session = new LiveSession(link, new LiveSessionOptions(athleteId, workout, id => limits.GetValueOrDefault(id), SnapshotHz: 20), store);
        return new Adapter(athleteId, plan, session);
    }

    /// <summary>Maps Streaming's session events to the dashboard's, and starts the session on request.</summary>
    private sealed class Adapter(string athleteId, string plan, LiveSession session) : ILiveSession, IObservable<LiveEvent>
    {
        public string AthleteId => athleteId;
        public string Plan => plan;
        public IObservable<LiveEvent> Events => this;

        private readonly List<IObserver<LiveEvent>> _observers = new();

        public IDisposable Subscribe(IObserver<LiveEvent> observer)
        {
            lock (_observers) _observers.Add(observer);
            return session.Events.Subscribe(new Mapper(observer));
        }

        public void Start() => _ = StartAsync();

        private async Task StartAsync()
        {
            try { await session.StartAsync(); }
            catch (Exception e) when (e is SpineSense.Sensors.SensorLinkException or StorageException)
            {
                // The session never ran, so its event stream will not end by itself: end it for the viewers.
                session.Stop();
                IObserver<LiveEvent>[] viewers;
                lock (_observers) viewers = _observers.ToArray();
                foreach (var v in viewers) { v.OnNext(new SessionEnded("failed to start: " + e.Message, null)); v.OnCompleted(); }
            }
        }

        public void Stop() => session.Stop();

        public ValueTask DisposeAsync() => session.DisposeAsync();

        private sealed class Mapper(IObserver<LiveEvent> o) : IObserver<StreamingEvent>
        {
            public void OnCompleted() => o.OnCompleted();
            public void OnError(Exception error) => o.OnError(error);

            public void OnNext(StreamingEvent e)
            {
                switch (e)
                {
                    case AnglesSnapshot a:
                        o.OnNext(new AngleSnapshot(a.TimeS, a.Angles.FlexionDeg, a.Angles.LateralDeg, a.Angles.RotationDeg));
                        break;
                    case RepCounted r:
                        o.OnNext(new RepCompleted(new RepRow(r.ExerciseId, r.Set, r.RepInSet, r.Rep.StartS, r.Rep.EndS,
                            r.Rep.EccentricS, r.Rep.BottomPauseS, r.Rep.ConcentricS, r.Rep.TopPauseS, r.Rep.PeakFlexionDeg, AlertNames.Of(r.Rep.Flags))));
                        break;
                    case SpineSense.Streaming.Live.AlertRaised al:
                        o.OnNext(new AlertRaised(new AlertRow(al.Alert.TimeS, AlertNames.First(al.Alert.Kind), al.Alert.Value, al.Alert.Limit)));
                        break;
                    case SpineSense.Streaming.Live.SetCompleted sc:
                        o.OnNext(new SetCompleted(new SetRow(sc.Summary.ExerciseId, sc.Summary.Set, sc.Summary.StartS, sc.Summary.EndS, sc.Summary.Reps, sc.Summary.RepsTarget)));
                        break;
                    case RunnerStateChanged rs:
                        var s = rs.State;
                        o.OnNext(new RunnerState(s.ExerciseId, s.Set, s.SetsTarget, s.RepsTarget is null ? s.Holds : s.Reps,
                            s.RepsTarget ?? s.HoldsTarget, PhaseName(s.Phase), s.RestRemainingS, s.FlexionLimitDeg, s.ExtensionLimitDeg));
                        break;
                    case LinkHealthChanged lh:
                        o.OnNext(new LinkHealth(lh.Health.BatteryPct, lh.Health.RssiDbm, lh.Health.LossPct, lh.Health.State));
                        break;
                    case SpineSense.Streaming.Live.SessionEnded end:
                        o.OnNext(new SessionEnded(end.Error is null ? end.Reason : $"{end.Reason}: {end.Error}", end.StoredSessionId));
                        break;
                }
            }
        }

        private static string PhaseName(SpineSense.Streaming.Runner.RunnerPhase p) => p switch
        {
            SpineSense.Streaming.Runner.RunnerPhase.Ready => "get ready",
            SpineSense.Streaming.Runner.RunnerPhase.InSet => "in set",
            SpineSense.Streaming.Runner.RunnerPhase.Resting => "rest",
            _ => "finished",
        };
    }
}
