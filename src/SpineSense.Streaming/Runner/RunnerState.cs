namespace SpineSense.Streaming.Runner;

/// <summary>
/// Where the runner is in the plan. Set numbers are 1-based within the exercise; <see cref="RepsTarget"/> counts
/// both sides for each-side exercises (the contract counts every excursion as a rep).
/// </summary>
/// <param name="StepIndex">0-based index into the plan's steps.</param>
/// <param name="RestRemainingS">Planned rest left, seconds (negative when the athlete rests longer than planned),
/// only while <see cref="Phase"/> is Resting.</param>
/// <param name="FlexionLimitDeg">The flexion limit in force for this exercise (athlete override or default), if known.</param>
public sealed record RunnerState(
    int StepIndex, int StepCount, string ExerciseId,
    int Set, int SetsTarget,
    int Reps, int? RepsTarget,
    int Holds, int HoldsTarget,
    RunnerPhase Phase,
    double? RestRemainingS,
    double? FlexionLimitDeg,
    double? ExtensionLimitDeg);
