using SpineSense.Motion.Geometry;

namespace SpineSense.Motion.Exercises;

/// <summary>
/// Whether the segment is in a posture, from world-up expressed in the segment frame (x anterior, y left,
/// z superior) — which gravity observes directly, whatever the heading.
/// </summary>
public static class PostureClassifier
{
    /// <summary>True when <paramref name="upBody"/> (unit) and the sagittal inclination fit <paramref name="posture"/>.</summary>
    public static bool IsIn(Posture posture, Vec3 upBody, double sagittalDeg) => IsInPrincipal(posture, upBody, Principal(sagittalDeg));

    private static bool IsInPrincipal(Posture posture, Vec3 upBody, double sagittalDeg) => posture switch
    {
        // Upright to deeply hinged; not lying on a side.
        Posture.Standing => sagittalDeg is > -35 and < 115 && Math.Abs(upBody.Y) < 0.6,
        // Anterior axis within ~60° of up; bridges (flexion −90…−135) stay inside.
        Posture.Supine => upBody.X > 0.5 && Math.Abs(upBody.Y) < 0.7,
        // Anterior axis within ~60° of down: hands and knees, cat and cow.
        Posture.AllFours => upBody.X < -0.5 && Math.Abs(upBody.Y) < 0.7,
        Posture.SideLying => Math.Abs(upBody.Y) > 0.7,
        // up·superior = sin(elevation of the superior axis): the straight body line from feet to elbow rises.
        Posture.SidePlank => Math.Abs(upBody.Y) > 0.7 && upBody.Z > 0.16,
        // Face down on a 45° bench: from the straight top (about +45°) to the bottom (about +100°).
        Posture.InclineBench => sagittalDeg is > 10 and < 135 && Math.Abs(upBody.Y) < 0.6,
        _ => false,
    };

    /// <summary>
    /// Whether a rep may start here: stricter than <see cref="IsIn"/> where the exercise moves far from its start
    /// (standing work starts upright, not hinged; back extensions start near the bench's 45°, not hanging down).
    /// </summary>
    public static bool IsStartOf(Posture posture, Vec3 upBody, double sagittalDeg)
    {
        sagittalDeg = Principal(sagittalDeg);
        return posture switch
        {
            Posture.Standing => sagittalDeg is > -30 and < 35 && Math.Abs(upBody.Y) < 0.5,
            Posture.InclineBench => sagittalDeg is > 15 and < 75 && Math.Abs(upBody.Y) < 0.5,
            _ => IsInPrincipal(posture, upBody, sagittalDeg),
        };
    }

    /// <summary>The posture that best fits, for recognition (standing wins over the incline near +20…+45°).</summary>
    public static Posture Classify(Vec3 upBody, double sagittalDeg)
    {
        sagittalDeg = Principal(sagittalDeg);
        if (Math.Abs(upBody.Y) > 0.7) return Posture.SideLying;
        if (upBody.X > 0.5) return Posture.Supine;
        if (sagittalDeg > 65) return Posture.AllFours;
        if (sagittalDeg > 30) return Posture.InclineBench;
        return Posture.Standing;
    }

    // The sagittal inclination is an angle: a full turn of it is the same inclination. Callers pass an unwrapped one
    // (continuous through ±180°), which can sit a turn away after the estimate came back around the far side (converging
    // after a long packet-loss gap); the ranges above are for the angle itself, in (−180°, 180°].
    private static double Principal(double deg) => deg - 360 * Math.Round(deg / 360);
}
