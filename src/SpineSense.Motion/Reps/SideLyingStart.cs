using SpineSense.Motion.Geometry;

namespace SpineSense.Motion.Reps;

/// <summary>
/// Side-lying tilt work (clamshell): whether the start position <see cref="ExcursionDetector"/> last re-learned is
/// proven yet. The upper knee opening rolls the pelvis back, toward lying supine (world up moves toward the anterior
/// axis, X), on either side; the first rest after turning over can be a rep's open-knee pause, so until a rep rolls back
/// from it, a roll forward to a rest soon after means the start was learnt with the knee open. Kept apart because it is
/// the one start rule only side-lying work has. One per stream; no allocation per sample.
/// </summary>
internal sealed class SideLyingStart
{
    // A start learnt with the knee open (the first rest after turning over can be a rep's open pause, 0.4–1.5 s) is
    // followed by the knee closing within this long (closing takes 0.7–2 s); a forward roll later is a fidget on the mat.
    private const double OpenKneeRelearnWindowS = 4.0;

    private bool _unproven = true;   // no rep measured from the start since it was last re-learned at a new position
    private double _relearntS;       // when it was

    /// <summary>The start was re-learned at <paramref name="timeS"/> (seconds): no rep has shown it yet.</summary>
    public void Relearnt(double timeS)
    {
        _unproven = true;
        _relearntS = timeS;
    }

    /// <summary>
    /// A rep was measured from <paramref name="baseUp"/> (unit) to <paramref name="peakUp"/>: one that rolled back proves
    /// the start; one that rolled forward was measured from the open knee.
    /// </summary>
    public void Measured(Vec3 baseUp, Vec3 peakUp)
    {
        if (RollsBack(baseUp, peakUp)) _unproven = false;
    }

    /// <summary>
    /// At <paramref name="timeS"/> (seconds), resting at <paramref name="upBody"/> after rolling forward from a start that
    /// no rep has proven and was learnt moments ago: the start was the open knee, and the rest here is the closed one.
    /// Later, a forward roll is a fidget on the mat, and the start it left is still the start.
    /// </summary>
    public bool LearntWithKneeOpen(double timeS, Vec3 baseUp, Vec3 upBody) =>
        _unproven && timeS - _relearntS <= OpenKneeRelearnWindowS && RollsForward(baseUp, upBody);

    /// <summary>
    /// The excursion from <paramref name="baseUp"/> (unit) to <paramref name="upBody"/> rolls the pelvis back (world up
    /// moves toward the anterior axis): the way a clamshell's opening knee takes it.
    /// </summary>
    public static bool RollsBack(Vec3 baseUp, Vec3 upBody) => (upBody.Normalized() - baseUp).X > 0;

    // The excursion so far rolls the pelvis forward (world up moves away from the anterior axis, X) more than any
    // other way: within 60° of straight forward.
    private static bool RollsForward(Vec3 baseUp, Vec3 upBody)
    {
        Vec3 d = upBody.Normalized() - baseUp;
        return d.X < -0.5 * d.Norm;
    }
}
