using SpineSense.Motion.Analysis;
using SpineSense.Motion.Filters;
using SpineSense.Motion.Geometry;
using SpineSense.Motion.Results;

namespace SpineSense.Motion.Holds;

/// <summary>
/// Isometric holds (contract section 5): from settling into the hold posture to leaving it, with sway =
/// RMS angular deviation of the segment orientation from its mean. One per stream; no allocation per sample.
/// </summary>
/// <remarks>
/// A hold is confirmed after <see cref="HoldSettings.MinHoldS"/> of stillness in the posture. Its start is
/// the end of the settling movement by the contract's 10%-of-peak-speed rule. Fatigue shake during a plank
/// moves faster than 10% of the settling movement's peak, so the 10% point is not found by thresholding:
/// it is extrapolated from the 50%-of-peak crossings, which shake does not reach (for a smooth, minimum-jerk
/// like movement of duration D the speed is above 50% for 0.54 D and falls to 10% 0.14 D after the 50% point).
/// The end is found the same way on the leaving movement. Sway uses rotation vectors relative to the
/// orientation at settle-in: RMS about the mean = sqrt(E|r|² − |E r|²), so sums suffice.
/// </remarks>
public sealed class HoldDetector
{
    private enum State { Idle, Holding, Leaving }

    private const double SpacingS = 0.01;         // speed history on a 100 Hz grid
    private const double HistoryS = 8.0;
    private const double DropWindowS = 2.0, DropCheckS = 0.25; // a lowering out of a plank takes ≈ 0.5–1.5 s
    private const double HalfWidthOfDuration = 0.5406, TenPercentBeyondHalf = 0.1432; // min-jerk speed profile
    // A packet-loss gap longer than this can hide most of a lift or lying-down (they take 1–2 s): the history gets the
    // turn seen across it, and a lift is not looked for in a still window containing one (the grid holds the next
    // sample's values across the gap). One lost BLE packet at the slowest rate (19 rows at 52 Hz) is 0.37 s.
    private const double MaxBridgedGapS = 0.5;
    // A gap says nothing about the speed during it: the 50 ms smoothing of |ω| moves by at most one sample interval at
    // the slowest contract rate (52 Hz), so the first sample after a gap cannot alone read as leaving the hold.
    private const double MaxSmoothingStepS = 0.02;
    // A change of posture within a hold is judged on the mean inclination over the last ShiftRecentS against the mean
    // before; a deliberate tilt of the pelvis by a few degrees takes about a second, so its ends lie ShiftHalfS either
    // side of its midpoint.
    private const double ShiftRecentS = 2.0, ShiftHalfS = 0.5;

    private readonly HoldSettings _settings;
    private readonly double[] _histT, _histV, _histA, _histSag;
    private readonly bool[] _histGap; // grid point filled across a packet-loss gap longer than MaxBridgedGapS
    private int _head, _count;
    private double _nextGridS = double.NaN;

    private State _state;
    private double _quietSinceS = double.NaN, _startS, _leaveDetectS, _leavePeak, _leavePeakS;
    private double _speedDps, _prevS = double.NaN, _nextDropCheckS, _confirmedS, _nextShiftCheckS;
    private double _lastUnquietS = double.NegativeInfinity; // last sample moving or out of the posture (level aside)
    private double _rejectedQuietS = double.NegativeInfinity; // movements before this were judged already: not a lift
    private double _stillSinceS = double.NaN;  // start of the current stillness in the posture (not reset by a judgement)
    private double _liftEndS = double.NaN;     // end of a lift seen during that stillness (vertical travel alone)
    private double _nextRiseCheckS;
    private double _moveStartS = double.NaN, _moveQuietS = double.NaN, _movePeak, _movePeakS; // a movement within a hold
    private Quat _reference, _prevOrientation;
    private Vec3 _sum;
    private double _sumSq;
    private int _n;

    public HoldDetector(HoldSettings settings)
    {
        settings.Validate();
        _settings = settings;
        int capacity = (int)(HistoryS / SpacingS) + 2;
        _histT = new double[capacity];
        _histV = new double[capacity];
        _histA = new double[capacity];
        _histSag = new double[capacity];
        _histGap = new bool[capacity];
    }

    public bool IsHolding => _state != State.Idle;

    /// <param name="verticalAccG">Vertical specific force minus gravity, g (for the lift into a plank).</param>
    /// <param name="sagittalDeg">Forward inclination of the segment from neutral standing, degrees (the stretches' bounds);
    /// unwrapped or not, a full turn is the same inclination.</param>
    /// <param name="level">The sensor's height relative to standing, for <see cref="HoldSettings.MinDropM"/> (half-kneeling).</param>
    public void Update<TSink>(double timeS, double rateDps, double verticalAccG, in Quat orientation, double sagittalDeg,
        VerticalLevel level, bool inPosture, TSink sink)
        where TSink : IMotionEventSink
    {
        double dt = double.IsNaN(_prevS) ? 0 : timeS - _prevS;
        if (double.IsNaN(_prevS)) _lastUnquietS = timeS; // a hold of this exercise starts no earlier than its first sample
        _prevS = timeS;
        // Across a long packet-loss gap the gyro saw nothing, but the orientation on either side shows at least how far
        // the trunk turned: the gap's history gets that mean speed, so lying down inside a gap is still a large turn
        // (not a small movement followed by a suspicious "lift" integrated over the hold-filled gap).
        double gapTurnDps = dt > MaxBridgedGapS ? TurnDeg(_prevOrientation, orientation) / dt : 0;
        _prevOrientation = orientation;
        // The analyzer's sagittal angle is unwrapped and can sit a full turn away after its estimate came back around the
        // far side (a long packet-loss gap); the bounds and the posture-shift means are for the angle itself. No hold
        // posture that uses them is near ±180° (upside down), so the principal value is continuous through those holds
        // (lying on a side the angle is ill-defined either way: the side plank bounds neither).
        sagittalDeg -= 360 * Math.Round(sagittalDeg / 360);
        OnePole.Step(ref _speedDps, rateDps, Math.Min(dt, MaxSmoothingStepS), 0.05); // 50 ms smoothing of |ω|
        Record(timeS, _speedDps, verticalAccG, sagittalDeg, dt > MaxBridgedGapS, gapTurnDps);
        inPosture = inPosture && InclinationFits(sagittalDeg);
        if (!inPosture || _speedDps >= _settings.SettleDps) _lastUnquietS = timeS;
        bool needsDown = _settings.MinDropM > 0;
        bool down = !needsDown || level.LevelM <= -_settings.MinDropM;
        if (needsDown && !down && _state == State.Holding)
        {
            // Got up (judged once still again): the hold ended where that movement began.
            End(Math.Max(_startS, Math.Min(level.LevelFromS, timeS)), sink);
            return;
        }
        inPosture = inPosture && down;

        switch (_state)
        {
            case State.Idle:
                if (inPosture && _speedDps < _settings.SettleDps)
                {
                    if (double.IsNaN(_stillSinceS)) _stillSinceS = timeS;
                    if (double.IsNaN(_quietSinceS))
                    {
                        // Down is known only once the movement that got there has been judged: the stillness began
                        // when that movement ended, unless the trunk moved since.
                        _quietSinceS = needsDown ? Math.Max(_lastUnquietS, Math.Min(timeS, level.LevelSinceS)) : timeS;
                        Begin(orientation);
                    }
                    else Accumulate(orientation);
                    if (ShiftedPosture(timeS, _quietSinceS, out double shiftMidS))
                    {
                        // Settled on the knee, then tucked into the stretch: the stillness (and the hold) begins after
                        // the tuck, not when the knee was reached.
                        _quietSinceS = Math.Min(timeS, shiftMidS + ShiftHalfS);
                        Begin(orientation);
                    }
                    if (double.IsNaN(_liftEndS) && LiftedWhileStill(timeS, out double liftEndS))
                    {
                        // The hips went up without the trunk turning enough to break the stillness: the hold starts
                        // where that lift ended, and still needs MinHoldS of stillness from there.
                        _liftEndS = liftEndS;
                        _quietSinceS = liftEndS;
                        Begin(orientation);
                    }
                    // Not while a movement that may change the level is still to be judged (getting up).
                    if (timeS - _quietSinceS >= _settings.MinHoldS && !(needsDown && level.IsJudging))
                    {
                        if (!double.IsNaN(_liftEndS)) _startS = _liftEndS;
                        else
                        {
                            _startS = SettleEnd(_quietSinceS, out double moveStartS, out double turnDeg);
                            double liftFromS = moveStartS - 0.5;
                            if (_settings.MinLiftM > 0
                                && (double.IsNaN(moveStartS) || turnDeg > _settings.MaxSettleTurnDeg
                                    || LiftM(liftFromS, Math.Min(timeS, _quietSinceS + 1.5)) < _settings.MinLiftM))
                            {
                                // Still on the floor (or just lay down, perhaps inside a gap): not lifted into the hold. Everything up to now has been judged, including slow movements inside
                                // this quiet (a later look-back must not re-judge them over a longer, noisier window);
                                // a slow lift inside the stillness is LiftedWhileStill's to find.
                                _rejectedQuietS = JudgedUntil(timeS);
                                _quietSinceS = double.NaN;
                                break;
                            }
                        }
                        _state = State.Holding;
                        _liftEndS = _stillSinceS = double.NaN;
                        _confirmedS = timeS;
                        _moveStartS = double.NaN;
                        sink.OnHoldStarted(_startS);
                    }
                }
                else _quietSinceS = _stillSinceS = _liftEndS = double.NaN;
                break;
            case State.Holding:
                if (!inPosture || _speedDps > _settings.LeaveDps)
                {
                    _state = State.Leaving;
                    _leaveDetectS = timeS;
                    _leavePeak = _speedDps;
                    _leavePeakS = timeS;
                }
                else
                {
                    Accumulate(orientation);
                    if (ShiftedPosture(timeS, _startS, out double shiftMidS)) End(Math.Max(_startS, shiftMidS - ShiftHalfS), sink);
                    else if (LoweredOutOfHold(timeS)) End(LeaveStart(), sink);
                    else if (DroppedOutOfHold(timeS, out double dropStartS)) End(dropStartS, sink);
                }
                break;
            case State.Leaving:
                if (_speedDps > _leavePeak) { _leavePeak = _speedDps; _leavePeakS = timeS; }
                bool pastPeak = _speedDps < 0.7 * _leavePeak || timeS - _leaveDetectS > 2.0;
                if (pastPeak && (_leavePeak > 1.5 * _settings.LeaveDps || !inPosture || timeS - _leaveDetectS > _settings.LeaveConfirmS))
                    End(LeaveStart(), sink);
                else if (inPosture && _speedDps < _settings.SettleDps && timeS - _leaveDetectS < _settings.LeaveConfirmS)
                {
                    _state = State.Holding; // a wobble, not leaving
                    _moveStartS = double.NaN;
                }
                break;
        }
    }

    /// <summary>
    /// Whether the trunk's inclination has moved out of the posture held since <paramref name="fromS"/>: the mean of the
    /// last <see cref="ShiftRecentS"/> is more than <see cref="HoldSettings.MaxPostureShiftDeg"/> from the mean before it
    /// (means, so sway averages out; checked every <see cref="DropCheckS"/> once there are 2 s to compare). A tuck into
    /// or out of a stretch is a change of posture however slowly it is done. <paramref name="midS"/>: when the inclination
    /// was last within half the shift of the held mean, the shift's midpoint.
    /// </summary>
    private bool ShiftedPosture(double timeS, double fromS, out double midS)
    {
        midS = double.NaN;
        if (double.IsPositiveInfinity(_settings.MaxPostureShiftDeg) || timeS < _nextShiftCheckS) return false;
        _nextShiftCheckS = timeS + DropCheckS;
        if (timeS - fromS < 2 * ShiftRecentS) return false;
        double before = 0, recent = 0;
        int nBefore = 0, nRecent = 0;
        for (int i = 0; i < _count; i++)
        {
            int k = Index(i);
            if (_histT[k] < fromS) continue;
            if (_histT[k] > timeS - ShiftRecentS) { recent += _histSag[k]; nRecent++; }
            else { before += _histSag[k]; nBefore++; }
        }
        if (nBefore < 50 || nRecent < 50) return false;
        before /= nBefore;
        recent /= nRecent;
        double shift = recent - before;
        if (Math.Abs(shift) <= _settings.MaxPostureShiftDeg) return false;
        midS = timeS - ShiftRecentS;
        for (int i = _count - 1; i >= 0; i--)
        {
            int k = Index(i);
            if (_histT[k] < fromS) break;
            if (Math.Abs(_histSag[k] - before) < 0.5 * Math.Abs(shift)) { midS = _histT[k]; break; }
        }
        return true;
    }

    /// <summary>Whether the segment's forward inclination (the analyzer's sagittal angle, from gravity) is within the
    /// hold's bounds.</summary>
    private bool InclinationFits(double sagittalDeg) =>
        sagittalDeg >= _settings.MinInclinationDeg && sagittalDeg <= _settings.MaxInclinationDeg;

    public void Finish<TSink>(TSink sink) where TSink : IMotionEventSink
    {
        if (_state == State.Holding) End(_prevS, sink);
        else if (_state == State.Leaving) End(LeaveStart(), sink);
        _state = State.Idle;
    }

    /// <summary>
    /// A slow movement inside the hold (below <see cref="HoldSettings.LeaveDps"/>) that lowers the sensor by
    /// <see cref="HoldSettings.MinLiftM"/> or more is the hips going back down: the hold is over. Evaluated once the
    /// movement has settled for 0.5 s (the lift needs still ends); sets up <see cref="LeaveStart"/> from its peak.
    /// </summary>
    private bool LoweredOutOfHold(double timeS)
    {
        if (_settings.MinLiftM <= 0) return false;
        if (_speedDps > _settings.SettleDps)
        {
            if (double.IsNaN(_moveStartS)) { _moveStartS = timeS; _movePeak = 0; }
            if (_speedDps > _movePeak) { _movePeak = _speedDps; _movePeakS = timeS; }
            _moveQuietS = double.NaN;
            return false;
        }
        if (double.IsNaN(_moveStartS)) return false;
        if (double.IsNaN(_moveQuietS)) { _moveQuietS = timeS; return false; }
        if (timeS - _moveQuietS < 0.5) return false;
        double liftM = LiftM(_moveStartS - 0.5, timeS);
        bool lowered = liftM <= -_settings.MinLiftM;
        if (lowered)
        {
            _leavePeak = _movePeak;
            _leavePeakS = _movePeakS;
            _leaveDetectS = _moveStartS;
        }
        _moveStartS = double.NaN;
        return lowered;
    }

    /// <summary>
    /// The lift into a side plank is mostly a translation too: the hips rise 15–35 cm while the trunk turns a few
    /// degrees, which may never break the stillness after lying down, so no settling movement precedes the quiet. While
    /// still in the posture, the vertical travel over the last <see cref="DropWindowS"/> (inside the stillness, no long
    /// gap) is checked every <see cref="DropCheckS"/>; a rise of <see cref="HoldSettings.MinLiftM"/> that has ended
    /// (its 10% point at least <see cref="DropCheckS"/> ago, so the window is still at both ends) is the lift.
    /// </summary>
    private bool LiftedWhileStill(double timeS, out double liftEndS)
    {
        liftEndS = double.NaN;
        if (_settings.MinLiftM <= 0 || timeS < _nextRiseCheckS) return false;
        _nextRiseCheckS = timeS + DropCheckS;
        // Half a second into the stillness: the end of lying down still moves the sensor after the turn has slowed.
        double fromS = Math.Max(timeS - DropWindowS, _stillSinceS + 0.5);
        if (timeS - fromS < 1.0 || HasGap(fromS, timeS)) return false;
        if (LiftM(fromS, timeS) < _settings.MinLiftM) return false;
        liftEndS = VerticalMoveTenPercent(fromS, timeS, +1, atEnd: true);
        return liftEndS <= timeS - DropCheckS;
    }

    /// <summary>
    /// Lowering the hips out of a side plank is mostly a translation: the trunk tilt may change by only a few degrees,
    /// too slowly for any angular-speed rule, while the sensor drops 10–30 cm. So the vertical travel over the last
    /// <see cref="DropWindowS"/> is checked every <see cref="DropCheckS"/>; a drop of <see cref="HoldSettings.MinLiftM"/>
    /// ends the hold, at the start of the drop by the 10%-of-peak rule applied to the vertical speed.
    /// </summary>
    private bool DroppedOutOfHold(double timeS, out double dropStartS)
    {
        dropStartS = double.NaN;
        if (_settings.MinLiftM <= 0 || _speedDps > _settings.SettleDps) return false; // judged once still again
        if (timeS < _nextDropCheckS) return false;
        _nextDropCheckS = timeS + DropCheckS;
        // From the confirmation on (MinHoldS of stillness): the tail of the lift into the hold, still rising slowly when
        // the angular speed has settled, would break the still-at-both-ends assumption and read as a drop.
        double fromS = Math.Max(timeS - DropWindowS, _confirmedS);
        if (timeS - fromS < 1.0) return false;
        if (LiftM(fromS, timeS) > -_settings.MinLiftM) return false;
        dropStartS = DropStart(fromS, timeS);
        return true;
    }

    // The start of the drop in [fromS, toS] by the 10%-of-peak rule on the vertical speed.
    private double DropStart(double fromS, double toS) =>
        Math.Max(_startS, VerticalMoveTenPercent(fromS, toS, -1, atEnd: false));

    // The 10% point at the start (or end) of the vertical movement in [fromS, toS] going in direction sign: the
    // drift-corrected vertical velocity's extreme, its 50% crossings, and the same minimum-jerk extrapolation to 10% as
    // for the angular speed. Without a 50% crossing on the asked side, the window's edge.
    private double VerticalMoveTenPercent(double fromS, double toS, int sign, bool atEnd)
    {
        var (first, last) = HistoryRange(fromS, toS);
        double v = 0;
        for (int i = first; i < last; i++) v += _histA[Index(i)] * SpacingS;
        double drift = v / (last - first);
        double vPeak = 0; int iPeak = first;
        v = 0;
        for (int i = first; i < last; i++)
        {
            v += _histA[Index(i)] * SpacingS - drift;
            if (sign * v > vPeak) { vPeak = sign * v; iPeak = i; }
        }
        double half = 0.5 * vPeak, up = double.NaN, down = double.NaN;
        v = 0;
        for (int i = first; i < last; i++)
        {
            v += _histA[Index(i)] * SpacingS - drift;
            if (i < iPeak && sign * v < half) up = _histT[Index(i)];
            if (i > iPeak && sign * v < half) { down = _histT[Index(i)]; break; }
        }
        double peakS = _histT[Index(iPeak)];
        if (atEnd)
        {
            if (double.IsNaN(down)) return toS;
            double w = double.IsNaN(up) ? 2 * (down - peakS) : down - up;
            return down + TenPercentBeyondHalf * w / HalfWidthOfDuration;
        }
        if (double.IsNaN(up)) return fromS;
        double width = double.IsNaN(down) ? 2 * (peakS - up) : down - up;
        return up - TenPercentBeyondHalf * width / HalfWidthOfDuration;
    }

    // The last movement before the quiet began (the samples above half the settle speed just before it — a slow lift
    // into a side plank barely exceeds the settle speed): its start, its peak, the 50% crossings around it, and how far
    // it turned the trunk (∫|ω| dt, degrees). The start is the movement's own 10% point even when that is not before
    // the quiet: a lift into a side plank is mostly translation, its turn may never exceed the settle speed (so the
    // "quiet" began before or during it), and the settle speed is not the 10% point of a slower movement anyway.
    private double SettleEnd(double quietS, out double movementStartS, out double turnDeg)
    {
        movementStartS = double.NaN; // no movement: nothing lifted the sensor
        turnDeg = 0;
        double moving = 0.5 * _settings.SettleDps;
        int last = -1;
        for (int i = _count - 1; i >= 0; i--)
        {
            int k = Index(i);
            if (_histT[k] > quietS) continue;
            if (_histT[k] < quietS - 4.0 || _histT[k] <= _rejectedQuietS) break;
            if (_histV[k] >= moving) { last = i; break; }
        }
        if (last < 0) return quietS;
        int peak = last; double peakV = 0;
        for (int i = last; i >= 0 && _histV[Index(i)] >= moving; i--)
        {
            if (_histT[Index(i)] <= _rejectedQuietS) { movementStartS = double.NaN; return quietS; } // the judged one's tail
            double v = _histV[Index(i)];
            turnDeg += v * SpacingS;
            movementStartS = _histT[Index(i)];
            if (v > peakV) { peakV = v; peak = i; }
        }
        double half = 0.5 * peakV, up = double.NaN, down = double.NaN;
        for (int i = peak; i > 0; i--) if (_histV[Index(i - 1)] < half) { up = _histT[Index(i - 1)]; break; }
        for (int i = peak; i < _count; i++) if (_histV[Index(i)] < half) { down = _histT[Index(i)]; break; }
        if (double.IsNaN(down)) return quietS;
        double width = double.IsNaN(up) ? 2 * (down - _histT[Index(peak)]) : down - up;
        return down + TenPercentBeyondHalf * width / HalfWidthOfDuration;
    }

    /// <summary>
    /// Until when a rejection judged the movements: up to now, except a movement in progress (a slow lift may have begun
    /// inside the quiet just judged; it is judged once it has settled).
    /// </summary>
    private double JudgedUntil(double timeS)
    {
        double moving = 0.5 * _settings.SettleDps;
        for (int i = _count - 1; i >= 0; i--)
            if (_histV[Index(i)] < moving) return _histT[Index(i)];
        return timeS;
    }

    /// <summary>Whether [fromS, toS] contains a packet-loss gap too long for its vertical travel to be measured.</summary>
    private bool HasGap(double fromS, double toS)
    {
        var (first, last) = HistoryRange(fromS, toS);
        for (int i = Math.Max(first, 0); i <= last; i++)
            if (_histGap[Index(i)]) return true;
        return false;
    }

    /// <summary>History positions (0 = oldest) of the first sample at or after fromS and the last at or before toS; -1 when none.</summary>
    private (int First, int Last) HistoryRange(double fromS, double toS)
    {
        int first = -1, last = -1;
        for (int i = 0; i < _count; i++)
        {
            double t = _histT[Index(i)];
            if (first < 0 && t >= fromS) first = i;
            if (t <= toS) last = i;
        }
        return (first, last);
    }

    /// <summary>
    /// Net vertical travel of the sensor over [fromS, toS], m: the vertical acceleration integrated twice with the
    /// velocity forced to zero at both ends (still before and after), which cancels accelerometer bias.
    /// </summary>
    private double LiftM(double fromS, double toS)
    {
        var (first, last) = HistoryRange(fromS, toS);
        if (first < 0 || last - first < 10) return 0;
        double v = 0;
        for (int i = first; i < last; i++) v += _histA[Index(i)] * SpacingS;
        double drift = v / (last - first);   // constant acceleration error that leaves v ≠ 0 at the end
        double z = 0;
        v = 0;
        for (int i = first; i < last; i++)
        {
            v += _histA[Index(i)] * SpacingS - drift;
            z += v * SpacingS;
        }
        return z * 9.80665;
    }

    private double LeaveStart()
    {
        double half = 0.5 * _leavePeak, up = double.NaN, down = double.NaN;
        for (int i = _count - 1; i > 0; i--)
        {
            int k = Index(i);
            if (_histT[k] > _leavePeakS) { if (_histV[k] < half) down = _histT[k]; continue; }
            if (_histV[k] < half) { up = _histT[k]; break; }
        }
        if (double.IsNaN(up)) return _leaveDetectS;
        double width = double.IsNaN(down) ? 2 * (_leavePeakS - up) : down - up;
        return Math.Max(_startS, up - TenPercentBeyondHalf * width / HalfWidthOfDuration);
    }

    private void Record(double timeS, double speed, double verticalAccG, double sagittalDeg, bool afterGap, double gapTurnDps)
    {
        if (double.IsNaN(_nextGridS)) _nextGridS = timeS;
        while (_nextGridS <= timeS)
        {
            _histT[_head] = _nextGridS;
            _histV[_head] = _nextGridS < timeS ? Math.Max(speed, gapTurnDps) : speed;
            _histA[_head] = verticalAccG;
            _histGap[_head] = afterGap;
            _histSag[_head] = sagittalDeg;
            _head = (_head + 1) % _histT.Length;
            if (_count < _histT.Length) _count++;
            _nextGridS += SpacingS;
            if (timeS - _nextGridS > HistoryS) _nextGridS = timeS; // a long gap: restart the grid
        }
    }

    private int Index(int i) => (_head - _count + i + _histT.Length) % _histT.Length;

    private static double TurnDeg(in Quat from, in Quat to)
    {
        double dot = Math.Abs(from.W * to.W + from.X * to.X + from.Y * to.Y + from.Z * to.Z);
        return 2 * Math.Acos(Math.Min(1, dot)) * Angle.DegPerRad;
    }

    private void Begin(in Quat orientation)
    {
        _reference = orientation;
        _sum = Vec3.Zero;
        _sumSq = 0;
        _n = 0;
        Accumulate(orientation);
    }

    private void Accumulate(in Quat orientation)
    {
        Quat d = _reference.Conjugate() * orientation;
        double sign = d.W < 0 ? -1 : 1;
        var r = new Vec3(d.X, d.Y, d.Z) * (2 * sign * Angle.DegPerRad); // small-angle rotation vector, degrees
        _sum += r;
        _sumSq += Vec3.Dot(r, r);
        _n++;
    }

    private void End<TSink>(double endS, TSink sink) where TSink : IMotionEventSink
    {
        double sway = 0;
        if (_n > 0)
        {
            Vec3 mean = _sum * (1.0 / _n);
            sway = Math.Sqrt(Math.Max(0, _sumSq / _n - Vec3.Dot(mean, mean)));
        }
        sink.OnHold(new HoldResult(_startS, endS, sway));
        _state = State.Idle;
        _lastUnquietS = Math.Max(_lastUnquietS, _prevS); // the next stillness begins after this hold, not within it
        _quietSinceS = _stillSinceS = _liftEndS = double.NaN;
    }
}
