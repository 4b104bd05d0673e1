using SpineSense.Motion.Results;

namespace SpineSense.Storage.Model;

/// <summary>
/// What a live session starts with. <paramref name="SessionId"/> is generated when null
/// (<see cref="StoreNames.NewSessionId"/>). Times inside the session (sample <c>TimeS</c>, rep <c>StartS</c> ...)
/// are seconds since <paramref name="StartUtc"/>.
/// </summary>
/// <param name="Athlete">Athlete name, checked by <see cref="StoreNames.IsValidAthlete"/>.</param>
/// <param name="Exercise">The exercise when the session is a single exercise (e.g. <c>analyze</c>); null for a plan.</param>
public sealed record SessionStart(
    string Athlete, DateTimeOffset StartUtc, string? Plan = null, string? Exercise = null, string? SessionId = null);

/// <summary>A stored session. <paramref name="EndUtc"/> is null while it runs (or when it never ended: crash).</summary>
public sealed record SessionInfo(
    string SessionId, string Athlete, string? Plan, string? Exercise, DateTimeOffset StartUtc, DateTimeOffset? EndUtc)
{
    /// <summary>Absolute time of a session-relative time, rounded to the microsecond like stored times (the store's resolution).</summary>
    public DateTimeOffset At(double timeS) => StartUtc.AddTicks((long)Math.Round(timeS * 1e6) * TimeSpan.TicksPerMicrosecond);
}

/// <summary>A rep as stored: the exercise it belongs to plus the motion core's result.</summary>
public sealed record StoredRep(string SessionId, string Exercise, RepResult Rep);

public sealed record StoredSet(string SessionId, string Exercise, SetResult Set);

public sealed record StoredHold(string SessionId, string Exercise, HoldResult Hold);

/// <summary>An alert; <paramref name="Exercise"/> is null when it happened outside an exercise (rest, transition).</summary>
public sealed record StoredAlert(string SessionId, string? Exercise, AlertEvent Alert);

/// <summary>
/// Link health at one moment of a session.
/// </summary>
/// <param name="TimeS">Seconds since session start.</param>
/// <param name="BatteryPct">Sensor battery, 0..100 %.</param>
/// <param name="RssiDbm">Received signal strength, dBm (typically −40 good … −95 unusable).</param>
/// <param name="PacketsLost">Packets lost since session start (cumulative, after backfill).</param>
/// <param name="PacketsReceived">Packets received since session start (cumulative).</param>
public readonly record struct LinkHealth(double TimeS, double BatteryPct, double RssiDbm, long PacketsLost, long PacketsReceived);

/// <summary>Totals of one session for lists, reports and the dashboard.</summary>
/// <param name="DurationS">End − start; for a session that never ended, the last stored event's time.</param>
/// <param name="PeakFlexionDeg">Largest rep peak flexion in the session, NaN without reps.</param>
public sealed record SessionSummary(
    SessionInfo Info, double DurationS, int Sets, int Reps, int Holds, int Alerts, double PeakFlexionDeg,
    IReadOnlyList<string> Exercises);

/// <summary>An athlete that has stored sessions.</summary>
public sealed record AthleteActivity(string Athlete, int Sessions, DateTimeOffset LastSessionUtc);

/// <summary>
/// One athlete's work on one exercise in one ISO week (Monday 00:00 UTC), for recovery trends.
/// </summary>
/// <param name="TypicalFlexionDeg">Median of the reps' peak flexion.</param>
/// <param name="TempoCvPct">Coefficient of variation of rep duration (end − start), % — lower is steadier; NaN below 2 reps.</param>
public sealed record WeeklyTrend(
    string Athlete, DateOnly WeekStartUtc, string Exercise, int Sessions, int Sets, int Reps,
    double PeakFlexionDeg, double TypicalFlexionDeg, int Alerts, double TempoCvPct);
