namespace SpineSense.Streaming.Plans;

/// <summary>Where in a session a step sits (the seed's warm-up / main workout / cool down).</summary>
public enum PlanPart
{
    WarmUp,
    Main,
    CoolDown,
}
