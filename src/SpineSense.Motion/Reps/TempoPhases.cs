namespace SpineSense.Motion.Reps;

/// <summary>
/// The contract's phase boundaries of one rep (section 5), seconds from recording start.
/// </summary>
public readonly record struct TempoPhases(
    double EccentricStartS, double EccentricEndS, double ConcentricStartS, double ConcentricEndS,
    double PeakExcursionDeg, double PeakFlexionDeg, double MinFlexionDeg)
{
    public double EccentricS => EccentricEndS - EccentricStartS;
    public double BottomPauseS => Math.Max(0, ConcentricStartS - EccentricEndS);
    public double ConcentricS => ConcentricEndS - ConcentricStartS;
}
