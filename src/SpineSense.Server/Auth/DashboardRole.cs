namespace SpineSense.Server.Auth;

/// <summary>What a signed-in person may see: a physio their own athletes, an athlete only themself.</summary>
public enum DashboardRole
{
    Athlete,
    Physio,
}
