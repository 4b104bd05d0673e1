namespace SpineSense.Motion.Reps;

/// <summary>One complete excursion and return, before run validation decides whether it is a rep.</summary>
/// <param name="AmplitudeDeg">Peak excursion from the start position, degrees.</param>
/// <param name="Direction">Unit direction of the tilt change at the deepest point, segment frame (world-up moved
/// this way): tells left from right in each-side work.</param>
/// <param name="HeadingDeg">Gyro-integrated heading (rotation about world up) when the excursion began, degrees; only
/// differences between nearby candidates are meaningful (it drifts a few degrees a minute).</param>
/// <param name="StartUp">World-up in the segment frame at the start position the excursion was measured from (which side
/// the athlete lies on).</param>
public readonly record struct RepCandidate(TempoPhases Phases, double AmplitudeDeg, Geometry.Vec3 Direction = default,
    double HeadingDeg = 0, Geometry.Vec3 StartUp = default)
{
    public double StartS => Phases.EccentricStartS;
    public double EndS => Phases.ConcentricEndS;
    public double DurationS => EndS - StartS;
}
