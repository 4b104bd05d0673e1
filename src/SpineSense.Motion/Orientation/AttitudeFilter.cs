using SpineSense.Motion.Calibration;
using SpineSense.Motion.Geometry;

namespace SpineSense.Motion.Orientation;

/// <summary>
/// Orientation of the lumbar segment: gyro integration corrected toward gravity (Mahony-style proportional
/// correction), in the anatomical frame, relative to calibrated neutral standing. The world frame is the
/// neutral anatomical frame, so <see cref="Orientation"/> is R_rel of the contract directly.
/// One instance per stream; not thread-safe; no allocation per sample.
/// </summary>
/// <remarks>
/// Why this shape: with one lumbar IMU, flexion must stay right through fast hinges and jump landings, where
/// the accelerometer measures linear acceleration as well as gravity. So the gyro carries the motion and the
/// accelerometer only pulls slowly on tilt: fast while still, slowly while moving, not at all when |a| is far
/// from 1 g or the segment rotates fast. Bias is re-estimated only while still, so squats do not leak into it:
/// about the horizontal axes from the gravity innovation (integral term), about the vertical from the mean rate.
/// </remarks>
public sealed class AttitudeFilter
{
    private readonly AttitudeSettings _settings;
    private Mat3 _mount;                  // sensor ← anatomical (re-taken as the accelerometer offset is learnt)
    // Accelerometer zero-g offset (sensor frame, g) and per-axis sensitivity error (reading = (1 + error)·true + offset)
    // estimates: the most likely pair under the datasheet spreads below that makes every still posture seen so far read
    // 1 g (see constructor and LearnAccError). _accInvGain is 1 / (1 + sensitivity error) per axis.
    private Vec3 _accOffsetSensorG, _accScaleError, _accInvGain = new(1, 1, 1);
    // Spreads of consumer accelerometers' zero-g offset and sensitivity error (datasheets: offsets ±20–60 mg, sensitivity
    // ±1–3 %: at 1 g an offset is about twice the scale error). In one posture both change |a| alike, so what a posture
    // shows is shared between them in proportion to their variances; where postures separate them (an axis seen pointing
    // up and down, or at angles between) the fit follows the postures.
    private const double AccOffsetSpreadG = 0.04, AccScaleSpread = 0.02;
    // A sensitivity error beyond this is a stillness that was not, as MaxAccOffsetG is for the offset.
    private const double MaxAccScaleError = 0.05;
    // Mean specific force of the calibration window, sensor frame, g: the neutral's up is this minus the offset.
    private readonly Vec3 _calibrationAccSensorG;
    // Time constant of the offset's learning while still: long against single samples' noise, short against a rest.
    private const double AccOffsetTimeConstantS = 0.25;
    // Datasheet zero-g offsets of consumer accelerometers reach ~0.1 g; a larger estimate is a stillness that was not.
    private const double MaxAccOffsetG = 0.1;
    // The neutral frame's target is re-taken once the offset has moved its up by this much (sine).
    private const double NeutralRetakeSin = 0.0035; // 0.2°
    // The re-take turns the frame only while the segment turns faster than this (a posture change, a large rep) ...
    private const double MinNeutralTurnMaskDps = 20;
    // ... and by at most this share of the segment's own turn.
    private const double NeutralTurnShareOfMotion = 0.1;
    // Up of the neutral frame the offset implies, sensor frame, and the turn (anatomical frame, rad) still to apply to
    // the frame in use to reach it.
    private Vec3 _targetUpSensor, _pendingNeutralTurnRad;
    // The largest residual bias the integral is meant to find, after calibration removed the zero-rate offset.
    private const double MaxResidualBiasDps = 1.5;
    private readonly double _kStill, _kMoving, _kTiltBias, _tiltBiasSettleS, _cosMaxBiasTiltError;
    private Vec3 _biasSensorDps;
    private Quat _q = Quat.Identity;
    private Vec3 _prevRateRad;            // bias-corrected anatomical rate of the previous sample
    private double _prevTimeS = double.NaN;
    private double _settledForS;
    private double _stillForS, _recoveryLeftS, _accNormMean = double.NaN;
    // Time left, after a long gap, to wait for a sample whose accelerometer can be trusted as gravity (see step 4);
    // while it runs the tilt is the bridge's guess.
    private double _tiltGuessLeftS;
    // Unit axis (anatomical frame) the segment was turning about at the edges of the last long gap, or zero when it was
    // not turning clearly: the gap lost how far it turned, not about which axis (see step 4).
    private Vec3 _gapAxis;
    // Below this edge rate the turning axis of a gap is noise and sway, not a movement's.
    private const double MinGapAxisRateDps = 10;
    // The turn about the gap's axis is taken from gravity only where gravity can see it: the up direction must lie at
    // least this far (sine of the angle) from the axis, both as bridged and as measured (about a vertical axis the turn
    // is heading, which gravity cannot see, and near it one degree of tilt noise would be many degrees of turn).
    private const double MinUpOffGapAxisSin = 0.34; // 20°
    // What |a| reads at rest in the current posture. Accelerometer bias and scale error make it depend on which sensor
    // axis is up (a 0.05 g bias on the axis that is vertical when lying on one side reads 1.05 g there and 0.95 g on the
    // other), so "|a| is near g" is judged against the last still reading, not against the standing calibration.
    private double _restNormG;
    // Time constant of the rest reading while still: long against single samples' noise, short against a hold.
    private const double RestNormTimeConstantS = 1.0;

    public AttitudeFilter(in NeutralCalibration calibration, AttitudeSettings? settings = null)
    {
        _settings = settings ?? new AttitudeSettings();
        _settings.Validate();
        _mount = calibration.SensorFromAnatomical;
        _biasSensorDps = calibration.GyroBiasDps;
        _kStill = 1.0 / _settings.StillTimeConstantS;
        _kMoving = 1.0 / _settings.MovingTimeConstantS;
        // Integral gain of the still loop: with s² + k·s + kI, kI = k / T puts its slow pole at about 1/T.
        _kTiltBias = _kStill / _settings.TiltBiasTimeConstantS;
        _tiltBiasSettleS = 3 * _settings.StillTimeConstantS;
        // Under the slow moving-gain loop a bias b holds a tilt error of b·τ_moving (1.5 deg/s × 6 s = 9°): anything
        // larger is a transient (a gap bridged wrongly, a replayed window), not bias.
        _cosMaxBiasTiltError = Math.Cos(MaxResidualBiasDps * _settings.MovingTimeConstantS * Angle.RadPerDeg);
        // Still, the accelerometer should read exactly 1 g; what it reads beyond is the zero-g offset and the
        // sensitivity error of the axes that carry gravity (consumer parts: 20–60 mg offsets, 1–3 % sensitivity). Either
        // is invisible in the posture that shows it (it only changes |a|), but an offset tilts the measured gravity by
        // offset/1 g rad in every posture where its axis is horizontal (60 mg: 3.4°), and the error across the standing
        // vertical tilted the calibrated neutral itself. So both are fitted together, each step weighted by how large
        // such errors run (FitAccError): standing gives the part along the standing vertical at once; lying, on all
        // fours or on a side give the others (an axis seen both ways up separates offset from sensitivity), and then the
        // neutral frame is re-taken from the calibration's gravity without them.
        Vec3 upSensor = _mount * new Vec3(0, 0, 1);
        _calibrationAccSensorG = upSensor * calibration.GravityG;
        FitAccError(upSensor, calibration.GravityG - 1.0, 1.0);
        _targetUpSensor = upSensor;
        _restNormG = GravityG;
    }

    /// <summary>Segment orientation relative to neutral (body anatomical → neutral anatomical frame).</summary>
    public Quat Orientation => _q;

    /// <summary>Current accelerometer zero-g offset estimate, sensor frame, g.</summary>
    public Vec3 AccOffsetG => _accOffsetSensorG;

    /// <summary>Current accelerometer sensitivity error estimate per sensor axis (reading = (1 + error)·true + offset).</summary>
    public Vec3 AccScaleError => _accScaleError;

    /// <summary>The anatomical frame in use (columns = anatomical axes in sensor coordinates): the calibration's, re-taken
    /// as the accelerometer offset is learnt.</summary>
    public Mat3 SensorFromAnatomical => _mount;

    /// <summary>Current gyro bias estimate, sensor frame, deg/s.</summary>
    public Vec3 GyroBiasDps => _biasSensorDps;

    /// <summary>Bias-corrected angular rate of the last sample, anatomical frame, deg/s.</summary>
    public Vec3 RateDps { get; private set; }

    /// <summary>Specific force of the last sample, anatomical frame, g.</summary>
    public Vec3 AccG { get; private set; }

    /// <summary>Accelerometer magnitude at rest once its offset is removed: 1 g (kept as a name for what callers subtract).</summary>
    public double GravityG => 1.0;

    /// <summary>Accelerometer magnitude at rest in the current posture (the last still stretch's), g.</summary>
    public double RestAccNormG => _restNormG;

    /// <summary>True while the segment has been still for at least the settle time.</summary>
    public bool IsStill => _stillForS >= _settings.StillSettleS;

    /// <summary>True when the last update bridged a gap in the samples.</summary>
    public bool LastWasGap { get; private set; }

    /// <summary>
    /// True while the tilt is the guess a long gap's bridge made: from a gap longer than
    /// <see cref="AttitudeSettings.TiltResetGapS"/> until the first sample whose accelerometer could be trusted as
    /// gravity (the tilt is then re-taken from it), at most <see cref="AttitudeSettings.TiltRetakeWindowS"/>. Angles
    /// read meanwhile may be tens of degrees off; nothing should be judged against a limit from them.
    /// </summary>
    public bool TiltIsGuess => _tiltGuessLeftS > 0;

    /// <summary>
    /// Removes the heading (the rotation about world vertical) from the orientation and keeps the tilt: the segment's
    /// current facing becomes the neutral facing. Heading is gyro-only and drifts without bound; a live session of many
    /// exercises re-takes it when an exercise starts (see <see cref="Analysis.LumbarAnalyzer.ContinueFrom"/>).
    /// </summary>
    public void ResetHeading()
    {
        // Swing-twist about world z: q = twist · swing, twist = normalise(w, 0, 0, z) (the vector part's projection
        // on z). Near a twist of exactly 180° with no swing the projection is (0, 0, 0, 0): then nothing is removed.
        double n = Math.Sqrt(_q.W * _q.W + _q.Z * _q.Z);
        if (n < 1e-9) return;
        var twist = new Quat(_q.W / n, 0, 0, _q.Z / n);
        _q = (twist.Conjugate() * _q).Normalized();
    }

    /// <summary>Advances the orientation to one raw sample (sensor frame, g and deg/s).</summary>
    public void Update(double timeS, Vec3 accSensorG, Vec3 gyroSensorDps)
    {
        Vec3 acc = _mount.TransposeTimes(CorrectAcc(accSensorG));
        Vec3 rateDps = _mount.TransposeTimes(gyroSensorDps - _biasSensorDps);
        Vec3 rate = rateDps * Angle.RadPerDeg;
        AccG = acc;
        RateDps = rateDps;

        if (double.IsNaN(_prevTimeS))
        {
            _prevTimeS = timeS;
            _prevRateRad = rate;
            return;
        }
        double dt = timeS - _prevTimeS;
        _prevTimeS = timeS;
        if (!(dt > 0)) return;

        // 1. Stillness and bias: only genuinely still stretches feed the bias estimate.
        double accNorm = acc.Norm;
        double speedDps = rateDps.Norm;
        TurnNeutralTowardTarget(speedDps, dt);
        // A gap says nothing about |a| or stillness during it: the running means move by at most one normal sample
        // interval, and a long gap restarts stillness. Otherwise the first sample after a gap of a second or more
        // became its own 1 s mean and rest reading, so a pushed sample at a rep's reversal (rate ≈ 0) passed as still
        // gravity and the tilt was re-taken from it.
        double heldDt = Math.Min(dt, _settings.GapS);
        if (double.IsNaN(_accNormMean)) _accNormMean = accNorm;
        _accNormMean += (accNorm - _accNormMean) * Math.Min(1.0, heldDt / 1.0);
        // Stillness is judged on |a| against its own recent mean, plus a sanity bound against the calibration reading
        // wide enough for any posture of a sensor within its datasheet offsets and sensitivity (see MaxRestNormErrorG).
        bool stillSample = speedDps < _settings.StillGyroDps && Math.Abs(accNorm - _accNormMean) < _settings.StillAccG
                           && Math.Abs(accNorm - GravityG) < _settings.MaxRestNormErrorG;
        LastWasGap = dt > _settings.GapS;
        _stillForS = stillSample && dt <= _settings.TiltResetGapS ? _stillForS + heldDt : 0;
        if (IsStill && !LastWasGap) _restNormG += (accNorm - _restNormG) * Math.Min(1.0, dt / RestNormTimeConstantS);
        double accErrG = Math.Abs(accNorm - _restNormG);
        if (LastWasGap) _recoveryLeftS = _settings.RecoveryS; else if (_recoveryLeftS > 0) _recoveryLeftS -= dt;
        bool learnBias = IsStill && !LastWasGap;
        if (learnBias)
        {
            // Only the bias about the vertical is learnt from the mean still rate: gravity cannot see rotation
            // about it. About the horizontal axes the still rate is mostly postural sway, which the gravity
            // innovation below sees too, so those components are learnt from that innovation instead.
            Vec3 upSensor = _mount * (acc * (1.0 / accNorm));
            double a = Math.Min(1.0, dt / _settings.BiasTimeConstantS);
            double verticalErrorDps = Vec3.Dot(gyroSensorDps - _biasSensorDps, upSensor);
            _biasSensorDps += upSensor * (verticalErrorDps * a);
            LearnAccError(accSensorG, dt);
        }

        // After a long gap the tilt waits for the first sample that can be trusted as gravity: |a| close to the rest
        // reading and a moderate rate (the first sample after the gap is often mid-movement, its |a| off by a push).
        bool afterLongGap = dt > _settings.TiltResetGapS;
        if (afterLongGap)
        {
            _tiltGuessLeftS = _settings.TiltRetakeWindowS;
            // The edge with the faster rate shows best what the segment was doing when the samples stopped or resumed.
            Vec3 edge = rate.Norm >= _prevRateRad.Norm ? rate : _prevRateRad;
            double edgeRad = edge.Norm;
            _gapAxis = edgeRad * Angle.DegPerRad > MinGapAxisRateDps ? edge * (1.0 / edgeRad) : Vec3.Zero;
        }
        else if (_tiltGuessLeftS > 0) _tiltGuessLeftS = Math.Max(0, _tiltGuessLeftS - dt);
        bool retakeTilt = (afterLongGap || _tiltGuessLeftS > 0) && accNorm > 0 && accErrG < 0.5 * _settings.AccRejectG
                          && speedDps < _settings.FastRotationDps;
        if (retakeTilt) _tiltGuessLeftS = 0;
        // 2. Gravity correction gain: still → fast; moving with |a| ≈ g → slow, fading with rotation speed;
        //    |a| far from g (jump, landing, hard push) → none.
        double k = 0;
        if (accErrG < _settings.AccRejectG && accNorm > 0)
        {
            if (IsStill || _recoveryLeftS > 0) k = _kStill;
            else
            {
                double speedRatio = speedDps / _settings.FastRotationDps;
                double accRatio = accErrG / _settings.AccRejectG;
                k = _kMoving / (1 + speedRatio * speedRatio) * (1 - accRatio * accRatio);
            }
        }
        // Not on the sample that ends a gap: its innovation compares the orientation from before the gap with gravity
        // after it, so it is mostly the movement the gap hid, and turning by it (about the shortest axis, not the one
        // the segment turned about) bends the bridge; the still gain of the recovery takes over from the next sample.
        if (LastWasGap) k = 0;
        Vec3 correction = Vec3.Zero;
        if (k > 0)
        {
            Vec3 upBody = _q.UpInBody(); // estimated world up, in the body frame
            Vec3 tiltErrorRad = Vec3.Cross(acc * (1.0 / accNorm), upBody);
            correction = tiltErrorRad * k;
            // Mahony integral term: a tilt error that persists while still means the gyro drifts about a horizontal
            // axis, i.e. bias. Every sensor axis is horizontal in some posture, so over a session all become observable.
            // The tilt error a movement leaves is largely bias integrated under the slow moving gain, so the integral
            // learns from it; an error too large for any residual bias is a transient (tilt after a gap, a replayed
            // calibration window), and learning from it before the loop has settled from it (three still time
            // constants) would turn that transient into bias.
            if (Vec3.Dot(acc, upBody) < accNorm * _cosMaxBiasTiltError) _settledForS = 0; // angle, also beyond 90°
            else _settledForS += dt;
            if (learnBias && _settledForS >= _tiltBiasSettleS)
                _biasSensorDps -= _mount * tiltErrorRad * (_kTiltBias * dt * Angle.DegPerRad);
        }

        // 3. Integrate the mean of the two rates over the interval (trapezoid: a gap is bridged by the
        //    straight line between its ends, the best guess without data).
        Vec3 mean = (rate + _prevRateRad) * 0.5 + correction;
        _q = (_q * Quat.FromSmallRotationVector(mean * dt)).Normalized();
        _prevRateRad = rate;

        // 4. After a long gap the bridged orientation is a guess whose error grows with the gap (the straight line
        //    between the end rates misses whatever the segment did in between: seconds of a hinge or a turn are tens
        //    of degrees), while one accelerometer sample with |a| ≈ g and a moderate rate gives the tilt to a few
        //    degrees. So the tilt is re-taken from gravity at the first such sample after the gap (the heading is
        //    kept: gravity cannot see it); until then it is flagged as a guess (TiltIsGuess), so that no alert is
        //    raised from an angle the gap made up.
        if (retakeTilt)
        {
            Vec3 accDir = acc * (1.0 / accNorm);
            Vec3 upBody = _q.UpInBody();
            Vec3 axis = Vec3.Cross(accDir, upBody);
            double sin = axis.Norm, cos = Vec3.Dot(accDir, upBody);
            // Same sense as the proportional correction of step 2 (which turns upBody toward accDir), but the whole angle.
            // A small disagreement is left to the still-rate recovery loop, which averages many samples; only one too
            // large for a single sample's noise and sway (beyond the 9° a residual bias can hold) is re-taken at once.
            if (sin > 1e-12 && cos < _cosMaxBiasTiltError)
            {
                // The bridge's error is mostly how far the segment turned about the axis it was turning about (a Russian
                // twist's long axis, a hinge's transverse one): so the tilt is first re-taken by a turn about that axis,
                // which also puts the heading where that turn leaves it. The shortest turn to gravity instead would swing
                // a reclined trunk's twist into heading, flexion and lateral bend (seen: a 1 s gap in a twist at
                // 150 °/s left flexion +25° instead of −42° and rotation 140° off, for the rest of the recording).
                if (TryTurnAboutGapAxis(accDir, upBody, out Quat turned))
                {
                    _q = turned;
                    upBody = turned.UpInBody();
                    axis = Vec3.Cross(accDir, upBody);
                    sin = axis.Norm;
                    cos = Vec3.Dot(accDir, upBody);
                }
                // What is left (the part of the error about other axes) by the shortest turn.
                if (sin > 1e-12) _q = (_q * Quat.FromRotationVector(axis * (Math.Atan2(sin, cos) / sin))).Normalized();
                _settledForS = 0; // the jump is a transient, not bias
            }
        }
    }

    // The accelerometer reading without the estimated offset and sensitivity error, sensor frame, g.
    private Vec3 CorrectAcc(Vec3 accSensorG)
    {
        Vec3 d = accSensorG - _accOffsetSensorG;
        return new Vec3(d.X * _accInvGain.X, d.Y * _accInvGain.Y, d.Z * _accInvGain.Z);
    }

    // One step of the still-posture fit. Still, the corrected reading should be 1 g; what it reads beyond (r) is, to first
    // order, u·offset + Σ u_i²·scale_i for the gravity direction u. The estimate moves by the projection onto that
    // constraint in the metric of the datasheet spreads (a Kaczmarz step weighted by the prior variances), so it converges
    // to the most likely offset and scale error consistent with every posture seen. The unweighted step (offset only)
    // read every sensitivity error as offset: standing with a 1.5 % low z axis learnt −0.015 g on z, which then tilted
    // every posture with z horizontal (hinged, on all fours) by 0.9°. When the estimate has moved the calibration's up,
    // the neutral frame it implies becomes the target, and the turn from the frame in use to it is left pending for
    // TurnNeutralTowardTarget.
    private void LearnAccError(Vec3 accSensorG, double dt)
    {
        Vec3 corrected = CorrectAcc(accSensorG);
        double norm = corrected.Norm;
        if (!(norm > 0)) return;
        FitAccError(corrected * (1.0 / norm), norm - 1.0, Math.Min(1.0, dt / AccOffsetTimeConstantS));
        Vec3 up = CorrectAcc(_calibrationAccSensorG).Normalized();
        Vec3 moved = Vec3.Cross(up, _targetUpSensor);
        if (Vec3.Dot(moved, moved) < NeutralRetakeSin * NeutralRetakeSin) return; // squared: no root per still sample
        _targetUpSensor = up;
        // Rotation vector of D = Mᵀ·M' (old anatomical ← new): small, so twice the quaternion's vector part is exact enough.
        Quat d = Quat.FromMatrix(_mount.Transpose() * NeutralCalibration.FrameFromGravity(up));
        if (d.W < 0) d = new Quat(-d.W, -d.X, -d.Y, -d.Z);
        _pendingNeutralTurnRad = new Vec3(d.X, d.Y, d.Z) * 2;
    }

    // Moves the offset and scale-error estimates by the share `fraction` of the prior-weighted projection that removes an
    // excess |a| of `excessG` seen along the gravity direction `upSensor` (unit, sensor frame).
    private void FitAccError(Vec3 upSensor, double excessG, double fraction)
    {
        const double varOffset = AccOffsetSpreadG * AccOffsetSpreadG, varScale = AccScaleSpread * AccScaleSpread;
        var sq = new Vec3(upSensor.X * upSensor.X, upSensor.Y * upSensor.Y, upSensor.Z * upSensor.Z);
        double weight = varOffset + varScale * Vec3.Dot(sq, sq);
        double step = excessG / weight * fraction;
        Vec3 offset = _accOffsetSensorG + upSensor * (varOffset * step);
        double offsetNorm = offset.Norm;
        if (offsetNorm > MaxAccOffsetG) offset *= MaxAccOffsetG / offsetNorm;
        _accOffsetSensorG = offset;
        Vec3 scale = _accScaleError + sq * (varScale * step);
        _accScaleError = new Vec3(Math.Clamp(scale.X, -MaxAccScaleError, MaxAccScaleError),
            Math.Clamp(scale.Y, -MaxAccScaleError, MaxAccScaleError), Math.Clamp(scale.Z, -MaxAccScaleError, MaxAccScaleError));
        _accInvGain = new Vec3(1 / (1 + _accScaleError.X), 1 / (1 + _accScaleError.Y), 1 / (1 + _accScaleError.Z));
    }

    // The pending re-take of the neutral frame, applied only while the segment turns and by at most a tenth of that turn:
    // applied at once or while still, it would shift the angles while the athlete holds a posture, which reads as
    // movement (a slow 4° drift while lying before a dead bug's first rep took it for a rep). Each step is
    // R_rel' = Dᵀ·R_rel·D with M' = M·D: the sensor's motion since calibration is unchanged, only the frame it is read in.
    private void TurnNeutralTowardTarget(double speedDps, double dt)
    {
        double pending = _pendingNeutralTurnRad.Norm;
        if (pending == 0 || speedDps < MinNeutralTurnMaskDps) return;
        double step = Math.Min(pending, NeutralTurnShareOfMotion * speedDps * Angle.RadPerDeg * dt);
        Vec3 stepRad = _pendingNeutralTurnRad * (step / pending);
        Quat d = Quat.FromSmallRotationVector(stepRad);
        _q = (d.Conjugate() * _q * d).Normalized();
        _mount = _mount * d.ToMatrix();
        _pendingNeutralTurnRad = step == pending ? Vec3.Zero : _pendingNeutralTurnRad - stepRad;
    }

    // The orientation turned about the last long gap's axis so that up meets the measured gravity direction, when that
    // turn explains the tilt error: gravity must lie clear of the axis (about a vertical axis the turn is heading, which
    // gravity cannot see), and what is left after the turn must be within what the still loop cleans up anyway;
    // otherwise the segment did something else in the gap (a walk's turn about the vertical, say).
    private bool TryTurnAboutGapAxis(Vec3 accDir, Vec3 upBody, out Quat turned)
    {
        turned = _q;
        Vec3 n = _gapAxis;
        Vec3 upOff = upBody - n * Vec3.Dot(upBody, n), accOff = accDir - n * Vec3.Dot(accDir, n);
        if (!(upOff.Norm > MinUpOffGapAxisSin && accOff.Norm > MinUpOffGapAxisSin)) return false;
        // Turning the body by θ about n turns the body-frame up vector by −θ about n.
        double turn = Math.Atan2(Vec3.Dot(n, Vec3.Cross(upOff, accOff)), Vec3.Dot(upOff, accOff));
        turned = (_q * Quat.FromRotationVector(n * -turn)).Normalized();
        return Vec3.Dot(accDir, turned.UpInBody()) >= _cosMaxBiasTiltError;
    }
}
