using SpineSense.Motion.Results;

namespace SpineSense.Streaming.Runner;

/// <summary>
/// One finished set of one plan step: reps (or holds) against target, tempo and safety. Times are session seconds.
/// </summary>
/// <param name="Set">1-based set number within the exercise.</param>
/// <param name="MeanRepS">Mean rep duration (eccentric start to concentric end), 0 without reps.</param>
/// <param name="TempoCvPct">Coefficient of variation of rep durations in percent: how even the tempo was.</param>
/// <param name="PeakFlexionDeg">Highest per-rep peak flexion, NaN without reps.</param>
/// <param name="HoldS">Total hold time of the set, seconds (hold exercises).</param>
public sealed record SetSummary(
    int StepIndex, string ExerciseId, int Set, int SetsTarget,
    int Reps, int? RepsTarget, int Holds, int HoldsTarget,
    double StartS, double EndS,
    double MeanRepS, double TempoCvPct, double PeakFlexionDeg, double HoldS,
    int Alerts, AlertKind AlertKinds)
{
    /// <summary>Reps met the target, or every planned hold was done.</summary>
    public bool TargetMet => RepsTarget is int t ? Reps >= t : Holds >= HoldsTarget;
}
