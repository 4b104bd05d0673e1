namespace SpineSense.Motion.Reps;

/// <summary>One complete excursion and return, before run validation decides whether it is a rep.</summary>
/// <param name="AmplitudeDeg">Peak excursion from the start position, degrees.</param>
public readonly record struct RepCandidate(TempoPhases Phases, double AmplitudeDeg)
{
    public double StartS => Phases.EccentricStartS;
    public double EndS => Phases.ConcentricEndS;
    public double DurationS => EndS - StartS;
}
