using SpineSense.Motion.Exercises;
using SpineSense.Motion.Geometry;

namespace SpineSense.Motion.Reps;

/// <summary>
/// The tilt a rep detector reads (world up in the segment frame): whichever signal shows the exercise's reps best. Most
/// work reads the fused orientation. Two kinds of tilt work read another signal, because the fused tilt is disturbed
/// by as much as their reps move:
/// <list type="bullet">
/// <item>Side-lying work (clamshell) reads the accelerometer alone, low-passed: a clamshell barely accelerates the
/// pelvis (≈ 0.002 g, 0.1°), while the fused tilt, after turning over onto the other side, settles by 5–7° over the next
/// seconds — as large as the reps themselves.</item>
/// <item>Side steps (banded walk) read world up carried by the gyro: a step pushes the hips sideways (≈ 0.13 m in each
/// 0.45 s half of a step: up to ~0.4 g each way), which the fused tilt partly takes for gravity — most of all in its fast
/// recovery after a packet-loss gap, when a step reads 2–3° off. The step's tilt is a rotation, which the gyro sees
/// undisturbed; pulled toward the fused tilt over a time longer than a step, the gyro's drift goes and the step's
/// shape stays.</item>
/// <item>Alternating floor work (bird-dog on all fours, dead bug supine) reads world up carried by the gyro and pulled
/// toward the accelerometer's (low-passed) over 1 s, started again from it after a packet-loss gap: the pelvis barely
/// accelerates in these reps (the limbs move), so gravity shows the tilt at once, while the fused tilt keeps a gap
/// bridge's error or drifts for seconds after lying down by as much as a 2–6° rep; the gyro keeps the rep's shape free
/// of the accelerometer's noise (read alone, it doubled the tempo error).</item>
/// </list>
/// One per stream; no allocation per sample.
/// </summary>
internal sealed class RepTiltSignal
{
    private enum Source { Fused, Accelerometer, GyroCarried, GyroOnAccelerometer }

    private readonly Source _source;
    private double _lastS = double.NaN;
    private Vec3 _accLpG, _gyroUp, _lastRateDps;

    private const double AccTiltTauS = 0.1;
    private const double GyroPullTauS = 1.0;
    // The attitude filter re-takes the tilt from gravity after a gap this long: the bridge across it is a guess, so the
    // gyro-carried tilt starts again from the fused one.
    private const double GyroRestartGapS = 0.5;

    public RepTiltSignal(ExerciseProfile profile) => _source = profile.Signal != PrimarySignal.TiltChange ? Source.Fused
        : profile.Posture switch
        {
            Posture.SideLying => Source.Accelerometer,
            Posture.Standing => Source.GyroCarried,
            _ => Source.GyroOnAccelerometer,
        };

    /// <summary>Feeds one raw sample and returns the tilt to read (unit vector).</summary>
    /// <param name="fusedUp">World up in the segment frame from the fused orientation.</param>
    /// <param name="accG">Specific force, segment frame, g.</param>
    /// <param name="rateDps">Angular rate, segment frame, deg/s.</param>
    public Vec3 Update(double timeS, Vec3 fusedUp, Vec3 accG, Vec3 rateDps)
    {
        double dt = timeS - _lastS;
        if (double.IsNaN(_lastS))
        {
            _accLpG = accG;
            _gyroUp = _source == Source.GyroOnAccelerometer && accG.Norm > 0.5 ? accG.Normalized() : fusedUp.Normalized();
        }
        else if (_source == Source.Accelerometer) _accLpG += (accG - _accLpG) * Math.Min(1.0, dt / (dt + AccTiltTauS));
        else if (_source == Source.GyroCarried) _gyroUp = dt > GyroRestartGapS ? fusedUp.Normalized() : GyroCarriedUp(fusedUp, rateDps, dt);
        else if (_source == Source.GyroOnAccelerometer)
        {
            _accLpG += (accG - _accLpG) * Math.Min(1.0, dt / (dt + AccTiltTauS));
            Vec3 accUp = _accLpG.Norm > 0.5 ? _accLpG.Normalized() : fusedUp.Normalized();
            _gyroUp = dt > GyroRestartGapS ? accUp : GyroCarriedUp(accUp, rateDps, dt);
        }
        _lastS = timeS;
        _lastRateDps = rateDps;
        return _source switch
        {
            Source.Accelerometer when _accLpG.Norm > 0.5 => _accLpG.Normalized(),
            Source.GyroCarried or Source.GyroOnAccelerometer => _gyroUp,
            _ => fusedUp,
        };
    }

    // World up in the segment frame turns against the segment's rotation (d up/dt = −ω × up), integrated over the
    // interval with the mean of its two rates (a gap is bridged by the straight line between them, as the attitude
    // filter does), then pulled toward the fused up.
    private Vec3 GyroCarriedUp(Vec3 fusedUp, Vec3 rateDps, double dt)
    {
        Vec3 omegaRad = (rateDps + _lastRateDps) * (0.5 * Angle.RadPerDeg);
        Vec3 up = (_gyroUp - Vec3.Cross(omegaRad, _gyroUp) * dt).Normalized();
        return (up + (fusedUp.Normalized() - up) * Math.Min(1.0, dt / GyroPullTauS)).Normalized();
    }
}
