using SpineSense.Motion.Results;
using SpineSense.Streaming.Runner;

namespace SpineSense.Streaming.Live;

/// <summary>
/// What a live session reports, in order, on a live session's event stream. <see cref="TimeS"/> is session time
/// (seconds since the session's first sample, sensor clock mapped to the host). A closed family: hosts switch on
/// the concrete type.
/// </summary>
public abstract record SessionEvent(double TimeS);

/// <summary>The segment's angles at <see cref="SessionEvent.TimeS"/>, emitted at the snapshot rate (≥ 10 Hz).</summary>
public sealed record AnglesSnapshot(double TimeS, SpineAngles Angles) : SessionEvent(TimeS);

/// <summary>A counted rep of the current exercise, with its tempo phases.</summary>
public sealed record RepCounted(double TimeS, string ExerciseId, int Set, int RepInSet, int? RepsTarget, RepResult Rep)
    : SessionEvent(TimeS);

/// <summary>A finished hold (side plank, stretch) with duration and sway.</summary>
public sealed record HoldCompleted(double TimeS, string ExerciseId, int Set, HoldResult Hold) : SessionEvent(TimeS);

/// <summary>A limit was crossed. <see cref="SessionEvent.TimeS"/> is the crossing time.</summary>
public sealed record AlertRaised(double TimeS, string ExerciseId, AlertEvent Alert) : SessionEvent(TimeS);

public sealed record SetCompleted(double TimeS, SetSummary Summary) : SessionEvent(TimeS);

/// <summary>The runner moved to a new plan step (also emitted for the first step).</summary>
public sealed record ExerciseStarted(double TimeS, int StepIndex, string ExerciseId) : SessionEvent(TimeS);

/// <summary>The runner's state changed (rep, set, phase) or the rest timer ticked.</summary>
public sealed record RunnerStateChanged(double TimeS, RunnerState State) : SessionEvent(TimeS);

/// <summary>Link and pipeline health, emitted about once a second and on every link state change.</summary>
public sealed record LinkHealthChanged(double TimeS, LiveLinkHealth Health) : SessionEvent(TimeS);

/// <summary>The last event: the plan finished, the session was stopped, or it failed (<see cref="Error"/>).</summary>
public sealed record SessionEnded(double TimeS, WorkoutSummary Summary, string Reason, string? StoredSessionId, string? Error)
    : SessionEvent(TimeS)
{
    /// <summary>What ended the session when it failed, e.g. a <c>SensorLinkException</c> whose <c>Error</c> tells a
    /// malformed replay log (the user's bad input) from a sensor that went away; null when it did not fail or only
    /// storing its end did.</summary>
    public Exception? Cause { get; init; }
}
