using SpineSense.Motion.Exercises;
using SpineSense.Motion.Filters;
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
/// shape stays. After a packet-loss gap, though, the fused tilt is the disturbed one, so the carried tilt is anchored
/// again to the accelerometer at the first still moment between steps (feet set, the specific force is gravity
/// alone) instead.</item>
/// <item>Alternating floor work (bird-dog on all fours, dead bug supine) reads world up carried by the gyro and pulled
/// toward the accelerometer's (low-passed) over 1 s, started again from it after a packet-loss gap: the pelvis barely
/// accelerates in these reps (the limbs move), so gravity shows the tilt at once, while the fused tilt keeps a gap
/// bridge's error or drifts for seconds after lying down by as much as a 2–6° rep; the gyro keeps the rep's shape free
/// of the accelerometer's noise (read alone, it doubled the tempo error).</item>
/// </list>
/// One per stream; no allocation per sample. Public so that its tests can feed it directly.
/// </summary>
public sealed class RepTiltSignal
{
    private enum Source { Fused, Accelerometer, GyroCarried, GyroOnAccelerometer }

    private readonly Source _source;
    private double _lastS = double.NaN;
    private Vec3 _accTiltG, _gyroUp, _lastRateDps; // _accTiltG: the 0.1 s low-passed specific force, g (side-lying and floor work)
    // Side steps: the specific force smoothed fast and slow and the rate smoothed, for telling a still moment between
    // steps; how long it has been still, and whether the gyro-carried tilt was anchored to gravity since the last
    // packet-loss gap (and when lost).
    private Vec3 _accFastG, _accSlowG, _rateLpDps;
    private double _stillS, _unanchoredS;
    private bool _anchored = true;

    private const double AccTiltTauS = 0.1;
    private const double GyroPullTauS = 1.0;
    // A gap longer than a few samples hides part of a step's rotation: the tilt carried across it is a guess until
    // gravity anchors it again.
    private const double AnchorLostGapS = 0.1;
    // Across a gap longer than a whole step (0.9–1.3 s) the straight line between the rates at its ends says nothing
    // about the steps inside it (each tilts out and back): the tilt is held instead.
    private const double MaxBridgeGapS = 1.0;
    // Still between steps: turning slower than StillRateDps, with a specific force as steady in direction over ~0.1 s
    // (a step's sideways push starts before its rotation does, and turns the specific force by degrees within tens of
    // ms; so does a foot landing), for StillForS. The specific force is then gravity alone.
    private const double StillRateDps = 2.0;
    private const double SteadyAccDeg = 1.0;
    private const double StillForS = 0.05;
    // The steadiness test compares the specific force low-passed over AccFastTauS with it over AccSlowTauS: 20 ms takes
    // out sensor noise (0.01 g, ~0.6°) but follows a push that turns it by degrees within tens of ms; 0.1 s is the
    // "over ~0.1 s" a still moment must hold steady against. The rate is low-passed over RateLpTauS, shorter than
    // StillForS, so that gyro noise (~0.3 °/s) does not hide a still moment and a step's rotation shows at once.
    private const double AccFastTauS = 0.02;
    private const double AccSlowTauS = 0.1;
    private const double RateLpTauS = 0.03;
    // Anchored, a still moment pulls the tilt toward gravity when they agree within AnchorGateDeg (farther, it is a
    // push the steadiness test missed), and re-takes it from gravity after ReanchorStillS of standing still.
    private const double AnchorTauS = 0.3;
    private const double AnchorGateDeg = 3.0;
    private const double ReanchorStillS = 0.5;
    // The attitude filter's recovery after a gap is over within this long: if no still moment came, its tilt is the
    // anchor again.
    private const double FusedTrustedAfterGapS = 3.0;
    // Floor work: the attitude filter re-takes the tilt from gravity after a gap this long; the bridge across it is a
    // guess, so the gyro-carried tilt starts again from the accelerometer's.
    private const double GyroRestartGapS = 0.5;
    // Floor work: a gyro's scale error (a few %) turns a posture change's rotation (lying down or getting onto all fours
    // turns the pelvis ~90°) into a tilt error of a few degrees, which the pull toward gravity then takes seconds to
    // remove, as large as a rep and read as one. So once the segment is still again after turning further than any rep
    // does (2–6°), the carried tilt starts again from the accelerometer, as after a gap: still, it reads gravity alone.
    // Still: the rate, low-passed over SettleRateTauS to see through gyro noise, under SettledRateDps for SettledForS —
    // sooner than the rep detector learns a start (0.3 s of rest), long enough for the 0.1 s low-passed specific force to
    // have caught up with the turn.
    private const double PostureTurnDeg = 30;
    private const double SettledRateDps = 3.0;
    private const double SettledForS = 0.2;
    private const double SettleRateTauS = 0.05;
    private double _turnedDeg, _settledS;
    private Vec3 _settleRateLpDps;

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
            _accTiltG = _accFastG = _accSlowG = accG;
            _rateLpDps = rateDps;
            _gyroUp = _source == Source.GyroOnAccelerometer && accG.Norm > 0.5 ? accG.Normalized() : fusedUp.Normalized();
        }
        else if (_source == Source.Accelerometer) OnePole.Step(ref _accTiltG, accG, dt, AccTiltTauS);
        else if (_source == Source.GyroCarried) _gyroUp = GyroCarriedUp(fusedUp, accG, rateDps, dt);
        else if (_source == Source.GyroOnAccelerometer)
        {
            // After a gap the low-pass starts again too: what it held is from before the gap.
            if (dt > GyroRestartGapS) _accTiltG = accG;
            else OnePole.Step(ref _accTiltG, accG, dt, AccTiltTauS);
            Vec3 accUp = _accTiltG.Norm > 0.5 ? _accTiltG.Normalized() : fusedUp.Normalized();
            bool restart = SettledAfterPostureChange(rateDps, dt) || dt > GyroRestartGapS;
            _gyroUp = restart ? accUp : GyroPulledToward(accUp, rateDps, dt);
        }
        _lastS = timeS;
        _lastRateDps = rateDps;
        return _source switch
        {
            Source.Accelerometer when _accTiltG.Norm > 0.5 => _accTiltG.Normalized(),
            Source.GyroCarried or Source.GyroOnAccelerometer => _gyroUp,
            _ => fusedUp,
        };
    }

    // World up in the segment frame turns against the segment's rotation (d up/dt = −ω × up), integrated over the
    // interval with the mean of its two rates (a gap is bridged by the straight line between them, as the attitude
    // filter does). Anchored, it is pulled toward the fused up; while the pelvis is still between steps, toward the
    // specific force, which is then gravity alone. After a packet-loss gap the fused up is no anchor: the attitude
    // filter's fast recovery takes the steps' sideways pushes for gravity (2–9° off for a second or two), so the
    // carried tilt waits for the next still moment and takes gravity from there.
    private Vec3 GyroCarriedUp(Vec3 fusedUp, Vec3 accG, Vec3 rateDps, double dt)
    {
        Vec3 up = dt > MaxBridgeGapS ? _gyroUp : Carried(rateDps, dt);
        if (dt > AnchorLostGapS)
        {
            _anchored = false;
            _unanchoredS = 0;
            _stillS = 0;
            _accFastG = _accSlowG = accG;
            _rateLpDps = rateDps;
            return up;
        }
        OnePole.Step(ref _accFastG, accG, dt, AccFastTauS);
        OnePole.Step(ref _accSlowG, accG, dt, AccSlowTauS);
        OnePole.Step(ref _rateLpDps, rateDps, dt, RateLpTauS);
        bool still = _rateLpDps.Norm < StillRateDps && AngleDeg(_accFastG, _accSlowG) < SteadyAccDeg;
        _stillS = still ? _stillS + dt : 0;
        if (_stillS >= StillForS)
        {
            Vec3 gravityUp = _accFastG.Normalized();
            double innovationDeg = AngleDeg(up, gravityUp);
            if (!_anchored || (innovationDeg > AnchorGateDeg && _stillS >= ReanchorStillS)) { _anchored = true; return gravityUp; }
            if (innovationDeg <= AnchorGateDeg) up = (up + (gravityUp - up) * Math.Min(1.0, dt / AnchorTauS)).Normalized();
        }
        if (!_anchored && (_unanchoredS += dt) < FusedTrustedAfterGapS) return up;
        _anchored = true;
        return (up + (fusedUp.Normalized() - up) * Math.Min(1.0, dt / GyroPullTauS)).Normalized();
    }

    // Floor work: true on the sample the segment has been still for SettledForS after turning PostureTurnDeg or more since
    // it was last still (see PostureTurnDeg).
    private bool SettledAfterPostureChange(Vec3 rateDps, double dt)
    {
        OnePole.Step(ref _settleRateLpDps, rateDps, dt, SettleRateTauS);
        _turnedDeg += rateDps.Norm * dt;
        _settledS = _settleRateLpDps.Norm < SettledRateDps ? _settledS + dt : 0;
        if (_settledS < SettledForS) return false;
        bool afterPostureChange = _turnedDeg >= PostureTurnDeg;
        _turnedDeg = 0;
        return afterPostureChange;
    }

    // Floor work: world up carried by the gyro as above, then pulled toward the accelerometer's up over GyroPullTauS.
    private Vec3 GyroPulledToward(Vec3 targetUp, Vec3 rateDps, double dt)
    {
        Vec3 up = Carried(rateDps, dt);
        return (up + (targetUp - up) * Math.Min(1.0, dt / GyroPullTauS)).Normalized();
    }

    // The carried up turned by the interval's rotation: d up/dt = −ω × up with the mean of the interval's two rates.
    private Vec3 Carried(Vec3 rateDps, double dt)
    {
        Vec3 omegaRad = (rateDps + _lastRateDps) * (0.5 * Angle.RadPerDeg);
        return (_gyroUp - Vec3.Cross(omegaRad, _gyroUp) * dt).Normalized();
    }

    private static double AngleDeg(Vec3 a, Vec3 b) =>
        Angle.RadToDeg(Math.Acos(Math.Clamp(Vec3.Dot(a.Normalized(), b.Normalized()), -1.0, 1.0)));
}
