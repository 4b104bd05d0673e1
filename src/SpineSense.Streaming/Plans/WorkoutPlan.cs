namespace SpineSense.Streaming.Plans;

/// <summary>A named, ordered list of exercises. Built-ins come from <see cref="PlanCatalog"/>, others from JSON files.</summary>
public sealed record WorkoutPlan(string Name, string Title, IReadOnlyList<PlanStep> Steps)
{
    public int TotalSets
    {
        get
        {
            int n = 0;
            foreach (var s in Steps) n += s.Sets;
            return n;
        }
    }
}
