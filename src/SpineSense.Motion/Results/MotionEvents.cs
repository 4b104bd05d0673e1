namespace SpineSense.Motion.Results;

/// <summary>The lumbar segment's angles relative to calibrated neutral standing (contract section 4), degrees.</summary>
public readonly record struct SpineAngles(double FlexionDeg, double LateralDeg, double RotationDeg);

/// <summary>One completed rep with its tempo phases (contract section 5). Times in seconds from recording start.</summary>
public readonly record struct RepResult(
    int Set, int Rep,
    double StartS, double EndS,
    double EccentricS, double BottomPauseS, double ConcentricS, double TopPauseS,
    double PeakFlexionDeg,
    AlertKind Flags);

/// <summary>A run of reps; a gap of 15 s or more without reps ends it.</summary>
public readonly record struct SetResult(int Set, double StartS, double EndS, int Reps);

/// <summary>An isometric hold: settle-in to leave, with RMS orientation sway about its mean.</summary>
public readonly record struct HoldResult(double StartS, double EndS, double SwayDeg)
{
    public double DurationS => EndS - StartS;
}

/// <summary>
/// One excursion beyond a limit. <paramref name="TimeS"/> is the crossing moment; <paramref name="Value"/>
/// the worst value in the excursion (deg, deg/s or g by <paramref name="Kind"/>).
/// </summary>
public readonly record struct AlertEvent(double TimeS, AlertKind Kind, double Value, double Limit);
