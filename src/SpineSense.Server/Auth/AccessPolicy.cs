using SpineSense.Server.Data;

namespace SpineSense.Server.Auth;

/// <summary>
/// Who may see and change which athlete. Every endpoint that touches athlete data resolves the athlete
/// first and asks here; nothing else decides access.
/// </summary>
public static class AccessPolicy
{
    /// <summary>Athletes see only themself; physios their own athletes (those whose physio is them).</summary>
    public static bool CanRead(DashboardUser user, AthleteInfo athlete) => user.Role switch
    {
        DashboardRole.Athlete => string.Equals(user.AthleteId, athlete.Id, StringComparison.Ordinal),
        DashboardRole.Physio => user.SeesAllAthletes || string.Equals(athlete.Physio, user.Name, StringComparison.Ordinal),
        _ => false,
    };

    /// <summary>Limits, plans, corrections and athlete records are a physio's job.</summary>
    public static bool CanManage(DashboardUser user, AthleteInfo athlete) =>
        user.Role == DashboardRole.Physio && CanRead(user, athlete);

    /// <summary>Starting a (simulated) live session: the athlete themself or their physio.</summary>
    public static bool CanStartSession(DashboardUser user, AthleteInfo athlete) => CanRead(user, athlete);

    public static bool CanCreateAthletes(DashboardUser user) => user.Role == DashboardRole.Physio;
}
