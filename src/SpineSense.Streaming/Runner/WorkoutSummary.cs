namespace SpineSense.Streaming.Runner;

/// <summary>The whole session as the runner saw it.</summary>
/// <param name="Completed">True when every step of the plan was done (not stopped early).</param>
public sealed record WorkoutSummary(
    string PlanName, double StartS, double EndS,
    IReadOnlyList<SetSummary> Sets,
    int TotalReps, int TotalHolds, int TotalAlerts,
    int PlannedSets, bool Completed)
{
    public double DurationS => EndS - StartS;
}
