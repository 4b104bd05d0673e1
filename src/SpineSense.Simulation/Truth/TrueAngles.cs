using SpineSense.Motion.Results;
using SpineSense.Simulation.Geometry;
using SpineSense.Simulation.Kinematics;

namespace SpineSense.Simulation.Truth;

/// <summary>
/// The contract's angles (section 4) of the noise-free segment: R_rel = R_neutral^T·R(t) with R_neutral the
/// designed neutral standing orientation of the calibration stand (identity: heading 0, all angles 0).
/// </summary>
public static class TrueAngles
{
    public static SpineAngles At(MotionTimeline timeline, double timeS, SwayModel.Cursor? cursor = null) =>
        Angles.ToCardan(MotionTimeline.SegmentOrientation(timeline.PoseAt(timeS, cursor)));
}
