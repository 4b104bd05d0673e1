namespace SpineSense.Motion.Orientation;

/// <summary>
/// Tuning of the gravity-corrected gyro integrator. Time constants are how fast a tilt error decays
/// while the accelerometer is trusted; the gating thresholds say when it is not.
/// </summary>
/// <param name="StillTimeConstantS">Tilt correction while the segment is still (the accelerometer is gravity).</param>
/// <param name="MovingTimeConstantS">Tilt correction while moving with |a| ≈ 1 g (slow movement; small
/// tangential accelerations of a hinge average out over this time).</param>
/// <param name="AccRejectG">Above this | |a| − 1 g | the accelerometer is ignored (jump, landing, fast hinge).</param>
/// <param name="FastRotationDps">Above this angular speed the tilt correction fades out (the accelerometer
/// carries centripetal and tangential terms).</param>
/// <param name="StillGyroDps">Below this angular speed (after bias removal) a sample counts as still.</param>
/// <param name="StillAccG">Below this deviation of |a| from its 1-s mean a sample counts as still (relative, so
/// accelerometer scale and bias errors in lying postures do not hide stillness).</param>
/// <param name="StillSettleS">How long stillness must last before bias tracking and fast correction start.</param>
/// <param name="BiasTimeConstantS">Time constant of gyro-bias tracking while still (bias drifts slowly; postural
/// sway while "still" averages out only over many seconds, and every 0.1 deg/s left in the bias is 6° of heading a minute).
/// 10 s, not 20: the calibration window's bias carries the sway of its 2–3 s, and the sooner still rests replace it the
/// less heading error turns flexion into lateral bend (accuracy suite: lateral RMSE 5.7° → 5.0°, flexion 5.3° → 4.2°);
/// 5 s let sway into the bias and cost set counts.</param>
/// <param name="TiltBiasTimeConstantS">Time constant of gyro-bias tracking about the horizontal axes while still, from
/// the gravity innovation (Mahony integral term). Postural sway turns both the gyro and gravity, so unlike the mean still
/// rate it does not leak into this estimate, and it can be faster than <paramref name="BiasTimeConstantS"/>. Learning the
/// horizontal bias this way instead of from the mean rate cut lateral RMSE 5.0° → 3.9° and rotation 10.3° → 8.9° on the
/// accuracy suite (5 s beat 10 s on 106 recordings: the bias drifts and the tilt reference is not fooled by sway).</param>
/// <param name="MaxRestNormErrorG">How far |a| at rest (corrected for the learnt offset and sensitivity error, see
/// AttitudeFilter.AccOffsetG) may read from 1 g in another posture and
/// still count as still. Zero-g offsets (up to ~0.06 g per axis on consumer parts) and sensitivity error (up to 3 %)
/// change the reading at rest by up to ~0.13 g between postures; with the former 0.1 g bound a side plank on the
/// "wrong" side was never still and had no gravity correction at all, so its tilt drifted on the gyro alone by 20°.
/// The gravity correction's own |a| gate (<paramref name="AccRejectG"/>) is then judged against the rest reading of
/// the current posture.</param>
/// <param name="GapS">A sample interval longer than this is a gap (lost packets).</param>
/// <param name="RecoveryS">After a gap the tilt correction runs at the still rate for this long.</param>
/// <param name="TiltResetGapS">After a gap longer than this the tilt is re-taken from the accelerometer instead of
/// trusting the bridged rotation: over half a second a moving segment turns tens of degrees the gyro never reported,
/// more than one accelerometer reading with |a| ≈ g and a moderate rate is off.</param>
/// <param name="TiltRetakeWindowS">How long after such a gap the filter waits for the first sample it can re-take the
/// tilt from (|a| within half of <paramref name="AccRejectG"/> of the rest reading, rate under
/// <paramref name="FastRotationDps"/>). A gap often ends mid-movement, its first samples' |a| off by the push; any rep
/// passes a moment that qualifies (its reversals) well within this time. Until then the tilt is a guess.</param>
public sealed record AttitudeSettings(
    double StillTimeConstantS = 0.5,
    double MovingTimeConstantS = 6.0,
    double AccRejectG = 0.1,
    double FastRotationDps = 90,
    double StillGyroDps = 3.0,
    double StillAccG = 0.02,
    double StillSettleS = 0.5,
    double BiasTimeConstantS = 10.0,
    double TiltBiasTimeConstantS = 5.0,
    double MaxRestNormErrorG = 0.2,
    double GapS = 0.1,
    double RecoveryS = 1.0,
    double TiltResetGapS = 0.5,
    double TiltRetakeWindowS = 2.0)
{
    internal void Validate()
    {
        if (!(StillTimeConstantS > 0) || !(MovingTimeConstantS > 0) || !(BiasTimeConstantS > 0)
            || !(TiltBiasTimeConstantS > 0) || !(TiltResetGapS > 0) || !(TiltRetakeWindowS >= 0))
            throw new ArgumentOutOfRangeException(nameof(StillTimeConstantS), "time constants must be positive");
        if (!(AccRejectG > 0) || !(MaxRestNormErrorG > 0) || !(StillGyroDps > 0) || !(StillAccG > 0) || !(GapS > 0) || !(FastRotationDps > 0))
            throw new ArgumentOutOfRangeException(nameof(AccRejectG), "thresholds must be positive");
    }
}
