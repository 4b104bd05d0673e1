namespace SpineSense.Server.Auth;

/// <summary>
/// A person who can sign in. <see cref="AthleteId"/> is set for athletes (the one athlete they are);
/// <see cref="SeesAllAthletes"/> only for the implicit local user of an unauthenticated loopback server.
/// </summary>
public sealed record DashboardUser(string Name, DashboardRole Role, string? AthleteId, bool SeesAllAthletes = false)
{
    /// <summary>The single user of a loopback server without a users file: the person at this machine.</summary>
    public static DashboardUser Local { get; } = new("local", DashboardRole.Physio, null, SeesAllAthletes: true);
}
