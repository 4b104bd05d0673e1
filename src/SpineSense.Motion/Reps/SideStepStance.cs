using SpineSense.Motion.Geometry;

namespace SpineSense.Motion.Reps;

/// <summary>
/// Side steps (banded walk): the walking stance a set of steps is measured from. Kept apart from
/// <see cref="ExcursionDetector"/> because it is a second idea: a step is a frontal-plane tilt over the stance leg, while
/// the trunk's inclination (how deep the athlete squats into the stance) stays put step after step — so a change of
/// inclination is the stance itself changing (squatting into it, standing up from it), never a step, and the detector's
/// start must follow it rather than measure it. One per stream; no allocation per sample.
/// </summary>
internal sealed class SideStepStance
{
    // Side steps keep the trunk's inclination: a change of this much is a new stance, not a step.
    private const double StanceChangeDeg = 6;
    // The new stance is taken once the inclination has been still (slower than 3 °/s) this long.
    private const double StillRateDps = 3.0;
    private const double SettledAfterS = 0.3;

    /// <summary>
    /// A side step's tilt comes back only part of the way before the next step begins: the trail foot re-sets the
    /// stance (its width and the weight on each leg differ from step to step) and lands with the next step's push
    /// already under way. Back below this fraction of the peak, the step is returning (the next tilt away then starts
    /// a new one).
    /// </summary>
    public const double ReturnFraction = 0.6;

    /// <summary>
    /// The pause with both feet set between steps (0.2–0.5 s) is still for at least this long, seconds.
    /// </summary>
    public const double SetStillS = 0.1;

    private bool _changing;
    private double _stillS, _lastS = double.NaN;

    /// <summary>What the stance did on the last sample.</summary>
    public enum Change
    {
        /// <summary>The inclination is within the stance: the sample is a step's (or a rest's).</summary>
        None,
        /// <summary>The inclination left the stance on this sample: any step under way is not one.</summary>
        Began,
        /// <summary>The stance is still changing: the start follows it and no step can start.</summary>
        Changing,
        /// <summary>The new stance has just settled: the start is taken here, and steps are measured from it again.</summary>
        Settled,
    }

    /// <summary>Feeds one sample's inclination change from the start's, degrees (time in seconds).</summary>
    public Change Update(double timeS, double inclinationChangeDeg)
    {
        double dt = double.IsNaN(_lastS) ? 0 : timeS - _lastS;
        _lastS = timeS;
        double changeDeg = Math.Abs(inclinationChangeDeg);
        if (!_changing)
        {
            if (changeDeg <= StanceChangeDeg) return Change.None;
            _changing = true;
            _stillS = 0;
            return Change.Began;
        }
        // While changing, the start follows the inclination sample by sample: the change since the last sample is
        // the inclination's rate.
        _stillS = dt > 0 && changeDeg < StillRateDps * dt ? _stillS + dt : 0;
        if (_stillS < SettledAfterS) return Change.Changing;
        _changing = false;
        return Change.Settled;
    }

    /// <summary>
    /// Whether a still moment away from the start is the stance itself rather than a step's peak: a step tilts the
    /// pelvis over the stance leg, the same side step after step, so a pelvis resting tilted the other way from the start
    /// is standing with both feet set — the start was learnt part-way into a step (after a packet-loss gap, or by a rest
    /// mid-return) and belongs here. Walking back tilts that way too, but by a whole step: only a rest nearer the start
    /// than <see cref="ReturnFraction"/> of the last step is taken for the stance.
    /// </summary>
    /// <param name="leftChange">Change of world up's left component from the start's (segment frame, unit vectors).</param>
    /// <param name="lastStepSide">The side the last step tilted to (sign of its left component change), ±1.</param>
    /// <param name="lastStepDeg">The last step's size, degrees.</param>
    public static bool IsStanceNotStep(double leftChange, int lastStepSide, double lastStepDeg) =>
        Math.Sign(leftChange) == -lastStepSide
        && Angle.RadToDeg(Math.Abs(leftChange)) < ReturnFraction * lastStepDeg;

    /// <summary>
    /// A side step's excursion from the start, degrees: the frontal-plane tilt only (over the stance leg). The depth of
    /// the walking stance drifts in the sagittal plane as the athlete settles, and the heading turns, neither of which
    /// is a step. Both world-up vectors are in the segment frame, unit length.
    /// </summary>
    public static double ExcursionDeg(Vec3 upBody, Vec3 startUp)
    {
        double lateral = Math.Asin(Math.Clamp(upBody.Y, -1.0, 1.0)) - Math.Asin(Math.Clamp(startUp.Y, -1.0, 1.0));
        return Math.Abs(Angle.RadToDeg(lateral));
    }
}
