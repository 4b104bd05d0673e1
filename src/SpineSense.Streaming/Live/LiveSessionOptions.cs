using System.Reactive.Concurrency;
using SpineSense.Motion.Exercises;
using SpineSense.Streaming.Link;
using SpineSense.Streaming.Pipeline;
using SpineSense.Streaming.Plans;

namespace SpineSense.Streaming.Live;

/// <summary>
/// What a <see cref="LiveSession"/> needs besides its link and store.
/// </summary>
/// <param name="Athlete">Athlete name (stored with the session).</param>
/// <param name="Plan">The plan the runner follows.</param>
/// <param name="AthleteLimits">Per-athlete limits for an exercise id (a physio's), merged over the exercise defaults; null = defaults.</param>
/// <param name="Stream">What StartStreaming asks the sensor for (must match a simulated or replayed sensor's rate).</param>
/// <param name="SnapshotHz">Angle snapshots per second of session time on <see cref="LiveSession.Events"/> (≥ 10 for the dashboard).</param>
/// <param name="HealthIntervalS">Session seconds between link-health reports (also stored).</param>
/// <param name="EventBufferCapacity">Events queued per subscriber of <see cref="LiveSession.Events"/> before the oldest is dropped (counted).</param>
/// <param name="Scheduler">Clock for reconnect backoff and for delivering <see cref="LiveSession.Events"/>; default TaskPool.</param>
/// <param name="StoreSamples">Store raw samples and per-sample angles (reps, sets, holds, alerts and health are always stored).</param>
/// <param name="StepStartsS">Session times at which the athlete presses "next" to reach each plan step (index = step),
/// e.g. a simulated athlete following the plan; a press never moves the runner back.</param>
public sealed record LiveSessionOptions(
    string Athlete,
    WorkoutPlan Plan,
    Func<string, SafetyLimits?>? AthleteLimits = null,
    SensorStreamConfig? Stream = null,
    GapPolicy? Gaps = null,
    ReconnectPolicy? Reconnect = null,
    double SnapshotHz = 10,
    double HealthIntervalS = 1,
    int EventBufferCapacity = 65536,
    IScheduler? Scheduler = null,
    double CalibrationS = 2,
    bool StoreSamples = true,
    IReadOnlyList<double>? StepStartsS = null)
{
    public LiveSessionOptions Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(Athlete);
        ArgumentNullException.ThrowIfNull(Plan);
        if (!(SnapshotHz > 0)) throw new ArgumentOutOfRangeException(nameof(SnapshotHz), SnapshotHz, "must be positive");
        if (!(HealthIntervalS > 0)) throw new ArgumentOutOfRangeException(nameof(HealthIntervalS), HealthIntervalS, "must be positive");
        ArgumentOutOfRangeException.ThrowIfLessThan(EventBufferCapacity, 16);
        foreach (var step in Plan.Steps)
            if (!ExerciseProfiles.TryGet(step.ExerciseId, out _))
                throw new PlanException($"plan '{Plan.Name}': unknown exercise '{step.ExerciseId}'");
        return this;
    }
}
