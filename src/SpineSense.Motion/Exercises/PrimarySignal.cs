namespace SpineSense.Motion.Exercises;

/// <summary>
/// Which angle a rep is an excursion of. All are measured against gravity (from the AHRS orientation), so
/// they do not depend on heading: an athlete who turned around between sets still hinges forward.
/// </summary>
public enum PrimarySignal
{
    /// <summary>Sagittal inclination atan2(−up_x, up_z) (equals flexion_deg when lateral and rotation are 0).</summary>
    Sagittal,
    /// <summary>Angle between the current and the start tilt, whatever its direction (each-side work).</summary>
    TiltChange,
    /// <summary>None: the exercise is a hold.</summary>
    None,
}
