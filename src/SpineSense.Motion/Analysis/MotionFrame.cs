using SpineSense.Motion.Geometry;
using SpineSense.Motion.Results;

namespace SpineSense.Motion.Analysis;

/// <summary>
/// What the analyzer knows after one sample: the contract's angles and the quantities the alerts watch.
/// </summary>
/// <param name="TimeS">The sample's time_s (unchanged from the input).</param>
/// <param name="Angles">Flexion, lateral, rotation relative to calibrated neutral, degrees (contract section 4).</param>
/// <param name="AxialRateDps">Angular rate about the segment's superior axis, deg/s (+ = turning left).</param>
/// <param name="AccMagnitudeG">|specific force|, g.</param>
/// <param name="SagittalDeg">Heading-free sagittal inclination used for reps, degrees.</param>
/// <param name="UpBody">World up in the segment frame (x anterior, y left, z superior), unit: the posture.</param>
/// <param name="RateDps">Bias-corrected angular rate in the segment frame, deg/s.</param>
/// <param name="AccBodyG">Specific force in the segment frame, g (at rest it equals <paramref name="UpBody"/>).</param>
/// <param name="ExcursionDeg">The primary signal's excursion from the exercise's start position, degrees.</param>
/// <param name="InExcursion">A rep excursion is under way.</param>
public readonly record struct MotionFrame(
    double TimeS, SpineAngles Angles, double AxialRateDps, double AccMagnitudeG, double SagittalDeg,
    Vec3 UpBody, Vec3 RateDps, Vec3 AccBodyG, double ExcursionDeg, bool InExcursion);
