using SpineSense.Motion.Results;
using SpineSense.Simulation.Geometry;
using SpineSense.Simulation.Kinematics;

namespace SpineSense.Simulation.Truth;

/// <summary>
/// The contract's angles (section 4) of the noise-free segment: R_rel = R_neutral^T·R(t) with R_neutral the calibrated
/// neutral of <see cref="MotionTimeline.CalibrateNeutral"/> (the calibration window's mean, sway and breathing included),
/// not the designed pose: an analyzer can only see the former.
/// </summary>
public static class TrueAngles
{
    public static SpineAngles At(MotionTimeline timeline, double timeS, SwayModel.Cursor? cursor = null) =>
        Angles.ToCardan(timeline.RelativeToNeutral(timeline.PoseAt(timeS, cursor)));
}
