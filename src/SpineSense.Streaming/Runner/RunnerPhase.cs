namespace SpineSense.Streaming.Runner;

/// <summary>What the athlete is doing according to the runner.</summary>
public enum RunnerPhase
{
    /// <summary>An exercise is due and its first set has not started yet (getting into position).</summary>
    Ready,
    /// <summary>A set is under way: reps are arriving or a hold is on.</summary>
    InSet,
    /// <summary>Between sets of the same exercise; the rest timer runs.</summary>
    Resting,
    /// <summary>Every step of the plan is done (or the session was stopped).</summary>
    Finished,
}
