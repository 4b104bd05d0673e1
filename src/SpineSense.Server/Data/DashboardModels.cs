namespace SpineSense.Server.Data;

// The dashboard's JSON API shapes. The pages are written against these; an IDashboardStore adapts the
// storage back end to them. Times are seconds from session start unless named *Utc.

/// <summary>Per-athlete limits set by a physio; null = the exercise's default.</summary>
public sealed record AthleteLimits(double? MaxFlexionDeg, double? MaxExtensionDeg, double? MaxRotationDps, double? MaxImpactG);

public sealed record AthleteInfo(string Id, string DisplayName, string? Physio, string? Plan, AthleteLimits Limits);

public sealed record SessionInfo(
    string Id, string AthleteId, DateTimeOffset StartUtc, double DurationS, string? Plan,
    int Sets, int Reps, int Alerts, double PeakFlexionDeg);

/// <summary>A rep; <c>Removed</c> when a reviewer marked it as not a rep (the original stays stored).</summary>
public sealed record RepRow(
    string Exercise, int Set, int Rep, double StartS, double EndS,
    double EccentricS, double BottomPauseS, double ConcentricS, double TopPauseS,
    double PeakFlexionDeg, IReadOnlyList<string> Flags, bool Removed = false);

/// <summary>A set as counted (<c>Reps</c>) and, after review corrections, <c>CorrectedReps</c> (null = no correction).</summary>
public sealed record SetRow(string Exercise, int Set, double StartS, double EndS, int Reps, int? TargetReps, int? CorrectedReps = null);

public sealed record AlertRow(double TimeS, string Kind, double Value, double Limit);

public sealed record HoldRow(string Exercise, double StartS, double EndS, double SwayDeg);

/// <summary>Kinds of review correction (kept beside the original counts, which are never changed).</summary>
public enum CorrectionType
{
    /// <summary>The set really had <c>Value</c> reps.</summary>
    SetRepCount,
    /// <summary>Rep (<c>Set</c>, <c>Rep</c>) was not a rep.</summary>
    RemoveRep,
    /// <summary><c>Value</c> reps were missed in the set.</summary>
    AddMissedReps,
    /// <summary>The set was not a set (e.g. fidgeting counted as reps).</summary>
    RemoveSet,
}

/// <summary>A physio's correction of a miscounted rep or set; the original counts are kept alongside.</summary>
public sealed record CorrectionRow(long Id, string Exercise, int Set, int? Rep, CorrectionType Kind, int? Value, string By, string? Note, DateTimeOffset AtUtc);

public sealed record SessionDetail(
    SessionInfo Info, IReadOnlyList<SetRow> Sets, IReadOnlyList<RepRow> Reps,
    IReadOnlyList<AlertRow> Alerts, IReadOnlyList<HoldRow> Holds, IReadOnlyList<CorrectionRow> Corrections);

/// <summary>
/// Angle series reduced to at most one min/max pair per bucket (pixel column): what a chart can draw,
/// never every raw point. Arrays are parallel; <c>TimeS</c> is each bucket's start and <c>BucketS</c> the width the
/// store cut (0 when each bucket is one sample).
/// </summary>
public sealed record AngleBuckets(
    double FromS, double ToS, double BucketS,
    double[] TimeS,
    double[] FlexionMinDeg, double[] FlexionMaxDeg,
    double[] LateralMinDeg, double[] LateralMaxDeg,
    double[] RotationMinDeg, double[] RotationMaxDeg);

/// <summary>One week of an athlete's training, for trend charts.</summary>
public sealed record TrendWeek(
    DateOnly WeekStart, int Sessions, int PlannedSessions, int Reps,
    double? PeakFlexionDeg, double? TypicalFlexionDeg, double AlertsPer100Reps, double? TempoCvPct,
    IReadOnlyDictionary<string, ExerciseWeek> ByExercise);

public sealed record ExerciseWeek(int Reps, double PeakFlexionDeg, double TypicalFlexionDeg);

/// <summary>A physio's overview line: the athlete and what needs attention.</summary>
public sealed record OverviewRow(AthleteInfo Athlete, DateTimeOffset? LastSessionUtc, int SessionsLast7Days, int PlannedPerWeek, double AlertsPer100RepsLast7Days, double? TempoCvPctLast7Days, IReadOnlyList<string> Attention);
