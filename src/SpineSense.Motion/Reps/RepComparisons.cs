using SpineSense.Motion.Geometry;

namespace SpineSense.Motion.Reps;

/// <summary>
/// How two excursions compare in size, tempo, heading and direction: the yardsticks <see cref="RepSequencer"/> and its
/// per-posture rules (<see cref="SideLyingAxisRun"/>) share, so each rule judges "like the others" the same way.
/// </summary>
internal static class RepComparisons
{
    // 25°: reps of one set scatter by about ±10–20° about their axis (the pelvis never moves exactly the same way, and
    // a 3° excursion measured through 0.2° of sensor noise points ±4° off); a fidget falls inside by chance 1 time in 7.
    public static readonly double SetAxisCos = Math.Cos(Angle.DegToRad(25));
    public static readonly double NearAxisCos = Math.Cos(Angle.DegToRad(40));

    private const double MaxHeadingChangeDeg = 30;

    public static bool Similar(in RepCandidate a, in RepCandidate b, double lowSlack)
    {
        // Each-side tilt work relaxes the lower bound by lowSlack, as in RepSequencer's ResemblesSet.
        double ampRatio = b.AmplitudeDeg / a.AmplitudeDeg, durRatio = b.DurationS / a.DurationS;
        if (ampRatio < 1) ampRatio = Math.Min(1, ampRatio * lowSlack);
        // Deeper is allowed further than shallower: a rounded rep goes 2.5× deeper, a fidget is small.
        return ampRatio > 0.4 && ampRatio < 3.0 && durRatio > 0.4 && durRatio < 2.5;
    }

    // The reps of a set are done facing one way (the mirror, the bench, the mat); reaching for a bottle or a towel
    // comes after turning toward it. The gyro heading drifts by a few degrees a minute, far less than this.
    public static bool SameHeading(in RepCandidate previous, in RepCandidate c) =>
        Math.Abs(c.HeadingDeg - previous.HeadingDeg) <= MaxHeadingChangeDeg;

    // Left and right are mirror images about the sagittal plane: folding the left (y) component onto one side puts
    // both sides' reps on one axis.
    public static Vec3 Fold(Vec3 d) => new(d.X, Math.Abs(d.Y), d.Z);

    // Before a set the athlete settles (shifts on the mat, holds the new position, comes back) and then waits to begin;
    // inside the set the reps follow one rhythm. An opening excursion both slower than the reps after it and set apart
    // from them by a pause more than twice as long as any between them (and longer than a breath) is that settling:
    // the run starts after it, and so after everything before it. Needs two reps after it to know their rhythm.
    public static int FirstInRhythm(ReadOnlySpan<RepCandidate> run)
    {
        for (int i = run.Length - 3; i >= 0; i--)
        {
            double durSumS = 0, maxGapS = 0;
            for (int k = i + 1; k < run.Length; k++)
            {
                durSumS += run[k].DurationS;
                if (k > i + 1) maxGapS = Math.Max(maxGapS, run[k].StartS - run[k - 1].EndS);
            }
            double gapS = run[i + 1].StartS - run[i].EndS;
            bool slower = run[i].DurationS > SettlingSlowerRatio * durSumS / (run.Length - i - 1);
            if (slower && gapS > SettlingApartRatio * maxGapS && gapS > BreathS) return i + 1;
        }
        return 0;
    }

    private const double SettlingSlowerRatio = 1.4;
    private const double SettlingApartRatio = 2.0;
    private const double BreathS = 2.0;

    public static double AxisAngleCos(Vec3 axis, Vec3 d)
    {
        var a = Fold(axis).Normalized();
        return Vec3.Dot(a, Fold(d).Normalized());
    }
}
