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
/// orientation at settle-in: RMS about the mean = sqrt(E|r|² − |E r|²), so sums suffice. The 100 Hz history and
/// its scans are <see cref="HoldHistory"/>'s, the sway sums <see cref="HoldSway"/>'s; this type is the Idle → Holding
/// → Leaving state machine.
/// </remarks>
public sealed class HoldDetector
{
    private enum State { Idle, Holding, Leaving }

    private const double DropWindowS = 2.0, DropCheckS = 0.25; // a lowering out of a plank takes ≈ 0.5–1.5 s
    // A packet-loss gap longer than this can hide most of a lift or lying-down (they take 1–2 s): the history gets the
    // turn seen across it, and a lift is not looked for in a still window containing one (the grid holds the next
    // sample's values across the gap). One lost BLE packet at the slowest rate (19 rows at 52 Hz) is 0.37 s.
    private const double MaxBridgedGapS = 0.5;
    // A change of posture within a hold is judged on the mean inclination over the last ShiftRecentS against the mean
    // before; a deliberate tilt of the pelvis by a few degrees takes about a second, so its ends lie ShiftHalfS either
    // side of its midpoint.
    private const double ShiftRecentS = 2.0, ShiftHalfS = 0.5;

    private readonly HoldSettings _settings;
    private readonly HoldHistory _history = new(); // grid points filled across a gap longer than MaxBridgedGapS are marked
    private readonly HoldSway _sway = new();

    private State _state;
    private double _quietSinceS = double.NaN, _startS, _leaveDetectS, _leavePeak, _leavePeakS;
    private double _speedDps, _prevS = double.NaN, _nextDropCheckS, _confirmedS, _nextShiftCheckS;
    private double _lastUnquietS = double.NegativeInfinity; // last sample moving or out of the posture (level aside)
    private double _rejectedQuietS = double.NegativeInfinity; // movements before this were judged already: not a lift
    private double _stillSinceS = double.NaN;  // start of the current stillness in the posture (not reset by a judgement)
    private double _liftEndS = double.NaN;     // end of a lift seen during that stillness (vertical travel alone)
    private double _nextRiseCheckS;
    private double _moveStartS = double.NaN, _moveQuietS = double.NaN, _movePeak, _movePeakS; // a movement within a hold
    private Quat _prevOrientation;
    // Packet-loss gaps too long to bridge while holding: the one that most likely hid the lowering out of the plank.
    private readonly LoweringGap _loweringGap;
    /// <summary>How long the movement that left a hold after a long gap must be still before it is judged, seconds.</summary>
    internal const double LeaveJudgedAfterStillS = 0.5;
    // A hold left after such a gap, not yet reported: if the movement that left it lifts the hips into a plank again,
    // the hips were down before it, so the hold ended in the gap (see JudgeLeaveAfterGap).
    private HoldResult _pending;
    private bool _hasPending;
    private double _pendingGapFromS, _pendingSwayAtGapDeg, _pendingQuietS = double.NaN, _pendingTurnDeg;
    // The mirror case: the lift into a plank hidden inside a long gap while not holding. The first sample after the gap
    // may already be in the plank; if the next movement lowers the hips, they had been up since then (see HiddenHoldEnded).
    private double _hiddenFromS = double.NaN;
    private readonly HoldSway _hiddenSway = new();

    public HoldDetector(HoldSettings settings)
    {
        settings.Validate();
        _settings = settings;
        _loweringGap = new LoweringGap(_history);
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
        if (dt > MaxBridgedGapS && _state == State.Holding) _loweringGap.Open(_prevS, timeS, _startS, _sway.RmsDeg());
        else if (_state == State.Holding) _loweringGap.Tick(timeS);
        if (dt > MaxBridgedGapS && _state == State.Idle && _settings.MinLiftM > 0 && !_hasPending && double.IsNaN(_hiddenFromS))
        {
            // A lift into a plank may have hidden in this gap: watched from here (see HiddenHoldEnded).
            _hiddenFromS = _startS = timeS;
            _confirmedS = timeS + _settings.MinHoldS;
            _moveStartS = double.NaN;
            _hiddenSway.Begin(orientation);
        }
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
        // 50 ms smoothing of |ω|, not capped across a gap: what moved before a gap is stale after it, and the first sample
        // is all that is known (a cap carried the lift into a side plank 0.3 s past a 1.6 s gap and started the hold 1.7 s
        // late; holds on the main suite 0.062 → 0.117 s). Leaving a hold needs a confirmed movement, not one sample.
        OnePole.Step(ref _speedDps, rateDps, dt, 0.05);
        _history.Record(timeS, _speedDps, verticalAccG, sagittalDeg, dt > MaxBridgedGapS, gapTurnDps);
        inPosture = inPosture && InclinationFits(sagittalDeg);
        if (!inPosture || _speedDps >= _settings.SettleDps) _lastUnquietS = timeS;
        if (_hasPending) JudgeLeaveAfterGap(timeS, dt, inPosture, sink);
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
                if (!double.IsNaN(_hiddenFromS) && HiddenHoldEnded(timeS, orientation, inPosture, sink)) break;
                if (inPosture && _speedDps < _settings.SettleDps)
                {
                    if (double.IsNaN(_stillSinceS)) _stillSinceS = timeS;
                    if (double.IsNaN(_quietSinceS))
                    {
                        // Down is known only once the movement that got there has been judged: the stillness began
                        // when that movement ended, unless the trunk moved since.
                        _quietSinceS = needsDown ? Math.Max(_lastUnquietS, Math.Min(timeS, level.LevelSinceS)) : timeS;
                        _sway.Begin(orientation);
                    }
                    else _sway.Accumulate(orientation);
                    if (ShiftedPosture(timeS, _quietSinceS, out double shiftMidS))
                    {
                        // Settled on the knee, then tucked into the stretch: the stillness (and the hold) begins after
                        // the tuck, not when the knee was reached.
                        _quietSinceS = Math.Min(timeS, shiftMidS + ShiftHalfS);
                        _sway.Begin(orientation);
                    }
                    if (double.IsNaN(_liftEndS) && LiftedWhileStill(timeS, out double liftEndS))
                    {
                        // The hips went up without the trunk turning enough to break the stillness: the hold starts
                        // where that lift ended, and still needs MinHoldS of stillness from there.
                        _liftEndS = liftEndS;
                        _quietSinceS = liftEndS;
                        _sway.Begin(orientation);
                    }
                    // Not while a movement that may change the level is still to be judged (getting up).
                    if (timeS - _quietSinceS >= _settings.MinHoldS && !(needsDown && level.IsJudging))
                    {
                        if (!double.IsNaN(_liftEndS)) _startS = _liftEndS;
                        else
                        {
                            _startS = _history.SettleEnd(_quietSinceS, _settings.SettleDps, _rejectedQuietS, out double moveStartS, out double turnDeg);
                            double liftFromS = moveStartS - 0.5;
                            if (_settings.MinLiftM > 0
                                && (double.IsNaN(moveStartS) || turnDeg > _settings.MaxSettleTurnDeg
                                    || _history.LiftM(liftFromS, Math.Min(timeS, _quietSinceS + 1.5)) < _settings.MinLiftM))
                            {
                                // Still on the floor (or just lay down, perhaps inside a gap): not lifted into the hold. Everything up to now has been judged, including slow movements inside
                                // this quiet (a later look-back must not re-judge them over a longer, noisier window);
                                // a slow lift inside the stillness is LiftedWhileStill's to find.
                                _rejectedQuietS = _history.JudgedUntil(timeS, _settings.SettleDps);
                                _quietSinceS = double.NaN;
                                break;
                            }
                        }
                        _state = State.Holding;
                        _liftEndS = _stillSinceS = double.NaN;
                        StopWatchingHidden();
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
                    _sway.Accumulate(orientation);
                    if (ShiftedPosture(timeS, _startS, out double shiftMidS)) End(Math.Max(_startS, shiftMidS - ShiftHalfS), sink);
                    else if (LoweredOutOfHold(timeS)) End(LeaveStart(), sink);
                    else if (DroppedOutOfHold(timeS, out double dropStartS)) End(dropStartS, sink);
                    else if (RoseAfterGap(timeS, out double liftEndS))
                    {
                        // A lift too slow to leave by angular speed (a few degrees of turn): the hips were down, lowered
                        // unseen inside a gap, so the hold ended there and this lift starts the next one (as in Idle,
                        // from the lift's end once MinHoldS still).
                        Report(new HoldResult(_startS, _loweringGap.LikeliestFromS, _loweringGap.LikeliestSwayDeg), sink);
                        Close();
                        _stillSinceS = _quietSinceS = _liftEndS = liftEndS;
                        _sway.Begin(orientation);
                    }
                }
                break;
            case State.Leaving:
                if (_speedDps > _leavePeak) { _leavePeak = _speedDps; _leavePeakS = timeS; }
                bool pastPeak = _speedDps < 0.7 * _leavePeak || timeS - _leaveDetectS > 2.0;
                if (pastPeak && (_leavePeak > 1.5 * _settings.LeaveDps || !inPosture || timeS - _leaveDetectS > _settings.LeaveConfirmS))
                {
                    double leaveS = LeaveStart();
                    _loweringGap.Score(leaveS);
                    if (double.IsNaN(_loweringGap.LikeliestFromS) || _settings.MinLiftM <= 0) End(leaveS, sink);
                    else
                    {
                        // Left after a long gap: reported once the leaving movement has been judged.
                        _pending = new HoldResult(_startS, leaveS, _sway.RmsDeg());
                        _hasPending = true;
                        _pendingGapFromS = _loweringGap.LikeliestFromS;
                        _pendingSwayAtGapDeg = _loweringGap.LikeliestSwayDeg;
                        _pendingQuietS = double.NaN;
                        _pendingTurnDeg = 0;
                        Close();
                    }
                }
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
        return _history.ShiftedPosture(timeS, fromS, ShiftRecentS, _settings.MaxPostureShiftDeg, out midS);
    }

    /// <summary>Whether the segment's forward inclination (the analyzer's sagittal angle, from gravity) is within the
    /// hold's bounds.</summary>
    private bool InclinationFits(double sagittalDeg) =>
        sagittalDeg >= _settings.MinInclinationDeg && sagittalDeg <= _settings.MaxInclinationDeg;

    public void Finish<TSink>(TSink sink) where TSink : IMotionEventSink
    {
        if (_hasPending) Report(_pending, sink); // the leaving movement was not seen to its end: as it was left
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
        double liftM = _history.LiftM(_moveStartS - 0.5, timeS);
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
        if (timeS - fromS < 1.0 || _history.HasGap(fromS, timeS)) return false;
        if (_history.LiftM(fromS, timeS) < _settings.MinLiftM) return false;
        liftEndS = _history.VerticalMoveTenPercent(fromS, timeS, +1, atEnd: true);
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
        if (_history.LiftM(fromS, timeS) > -_settings.MinLiftM) return false;
        // After a long gap the hips may be down already, and a window ending inside the next lift (not still at its end)
        // reads as a drop: then the drop must have ended, as a lift must in LiftedWhileStill.
        if (_loweringGap.Seen && !(_history.VerticalMoveTenPercent(fromS, timeS, -1, atEnd: true) <= timeS - DropCheckS)) return false;
        dropStartS = DropStart(fromS, timeS);
        return true;
    }

    /// <summary>
    /// The mirror of <see cref="DroppedOutOfHold"/> in a hold with a long packet-loss gap: hips that rise by twice
    /// <see cref="HoldSettings.MinLiftM"/> within the hold (window without a gap, the rise ended at least
    /// <see cref="DropCheckS"/> ago, so still at both ends) were down before, and only a gap can have hidden their
    /// lowering. Catches the lift that turns the trunk too slowly to leave by <see cref="HoldSettings.LeaveDps"/> (a fast
    /// one is <see cref="JudgeLeaveAfterGap"/>'s). <paramref name="liftEndS"/>: the rise's 10% point at its end.
    /// </summary>
    private bool RoseAfterGap(double timeS, out double liftEndS)
    {
        liftEndS = double.NaN;
        if (_settings.MinLiftM <= 0 || _speedDps > _settings.SettleDps || timeS < _nextRiseCheckS) return false;
        if (!_loweringGap.Seen) return false;
        _nextRiseCheckS = timeS + DropCheckS;
        double fromS = Math.Max(timeS - DropWindowS, _confirmedS);
        if (timeS - fromS < 1.0 || _history.HasGap(fromS, timeS)) return false;
        // Ending a hold needs more than starting one: the whole smallest lift of a side plank (twice MinLiftM, half
        // being the margin for doubly integrated drift), since a shaking plank's drift reads as a rise too.
        if (_history.LiftM(fromS, timeS) < 2 * _settings.MinLiftM) return false;
        liftEndS = _history.VerticalMoveTenPercent(fromS, timeS, +1, atEnd: true);
        if (!(liftEndS <= timeS - DropCheckS)) return false;
        _loweringGap.Score(fromS); // the latest gap's after-window ends before the lift
        return _loweringGap.LikeliestFromS > _startS; // false while NaN
    }

    // The start of the drop in [fromS, toS] by the 10%-of-peak rule on the vertical speed.
    private double DropStart(double fromS, double toS) =>
        Math.Max(_startS, _history.VerticalMoveTenPercent(fromS, toS, -1, atEnd: false));

    // The start of the movement that is leaving the hold, by the 10%-of-peak rule around its peak.
    private double LeaveStart() => _history.LeaveStart(_leavePeak, _leavePeakS, _leaveDetectS, _startS);

    private static double TurnDeg(in Quat from, in Quat to)
    {
        double dot = Math.Abs(from.W * to.W + from.X * to.X + from.Y * to.Y + from.Z * to.Z);
        return 2 * Math.Acos(Math.Min(1, dot)) * Angle.DegPerRad;
    }

    /// <summary>
    /// The movement that left a hold after a long packet-loss gap in it, judged once it has settled (0.5 s below the
    /// settle speed): a lift into a side plank (the hips up <see cref="HoldSettings.MinLiftM"/> or more, the trunk turning
    /// less than <see cref="HoldSettings.MaxSettleTurnDeg"/>, still in the posture) can only start from the floor, so the
    /// hips came down unseen. Only a long gap can hide a lowering: the hold ends where it was last seen, at the start of
    /// the gap after which the trunk went quietest (<see cref="LoweringGap"/>), with the sway up to there. Anything else
    /// (lowering, getting up, still moving after 4 s) leaves the hold as it was left.
    /// </summary>
    private void JudgeLeaveAfterGap<TSink>(double timeS, double dt, bool inPosture, TSink sink) where TSink : IMotionEventSink
    {
        var left = _pending;
        _pendingTurnDeg += _speedDps * dt;
        // The lift's vertical travel needs still ends and its window inside the history (8 s).
        if (!inPosture || _pendingTurnDeg > _settings.MaxSettleTurnDeg || timeS - left.EndS > 4.0) { Report(left, sink); return; }
        if (_speedDps >= _settings.SettleDps) { _pendingQuietS = double.NaN; return; }
        if (double.IsNaN(_pendingQuietS)) _pendingQuietS = timeS;
        if (timeS - _pendingQuietS < LeaveJudgedAfterStillS) return;
        bool lifted = _history.LiftM(left.EndS - 0.5, timeS) >= _settings.MinLiftM;
        Report(lifted ? new HoldResult(left.StartS, _pendingGapFromS, _pendingSwayAtGapDeg) : left, sink);
    }

    /// <summary>
    /// Whether the stillness that followed a long gap while not holding was a side plank lifted into inside the gap, now
    /// left: the next movement, at least <see cref="HoldSettings.MinHoldS"/> after the gap and judged once settled as in
    /// <see cref="LoweredOutOfHold"/>, lowers the sensor by <see cref="HoldSettings.MinLiftM"/> or more, which only hips
    /// that were up can do — and nothing but the gap can have hidden their lift. The hold is then reported from the first
    /// sample after the gap (first seen up) to the lowering's start. Any other movement, leaving the posture, or a hold
    /// found the ordinary way ends the watch. A drop by vertical travel alone (<see cref="DroppedOutOfHold"/>) is not
    /// used: over a window ending in the lift into a plank the drift-corrected travel reads as a drop.
    /// </summary>
    private bool HiddenHoldEnded<TSink>(double timeS, in Quat orientation, bool inPosture, TSink sink) where TSink : IMotionEventSink
    {
        if (!inPosture || _hasPending) { StopWatchingHidden(); return false; }
        _hiddenSway.Accumulate(orientation);
        if (timeS < _confirmedS) return false; // a hold needs MinHoldS; its lowering comes after that
        bool judging = !double.IsNaN(_moveStartS);
        double endS;
        if (LoweredOutOfHold(timeS)) endS = LeaveStart();
        else if (judging && double.IsNaN(_moveStartS)) { StopWatchingHidden(); return false; } // moved, not down
        else return false;
        double startS = _hiddenFromS;
        sink.OnHoldStarted(startS);
        sink.OnHold(new HoldResult(startS, endS, _hiddenSway.RmsDeg()));
        StopWatchingHidden();
        Close();
        return true;
    }

    private void StopWatchingHidden() => _hiddenFromS = double.NaN;

    private void Report<TSink>(in HoldResult hold, TSink sink) where TSink : IMotionEventSink
    {
        _hasPending = false;
        sink.OnHold(hold);
    }

    private void End<TSink>(double endS, TSink sink) where TSink : IMotionEventSink
    {
        sink.OnHold(new HoldResult(_startS, endS, _sway.RmsDeg()));
        Close();
    }

    private void Close()
    {
        _state = State.Idle;
        _lastUnquietS = Math.Max(_lastUnquietS, _prevS); // the next stillness begins after this hold, not within it
        _quietSinceS = _stillSinceS = _liftEndS = double.NaN;
        _loweringGap.Clear();
    }
}
