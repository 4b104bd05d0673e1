using SpineSense.Motion.Exercises;
using SpineSense.Motion.Filters;
using SpineSense.Motion.Geometry;

namespace SpineSense.Motion.Reps;

/// <summary>
/// Finds excursions of an exercise's primary signal away from its start position and back (contract
/// section 5), and measures their phases. It knows nothing of sets: <c>RepSequencer</c> decides which
/// excursions are reps. One per stream; no allocation per sample.
/// </summary>
/// <remarks>
/// The start position is learned, not assumed: whenever the signal rests near it, it follows slowly, and
/// after resting anywhere for <see cref="RepSettings.RebaseAfterS"/> it jumps there (the athlete lay down,
/// turned over or stepped onto the bench). An excursion that does not come back within the profile's
/// longest rep is a posture change and is dropped.
/// </remarks>
public sealed class ExcursionDetector
{
    private enum State { Rest, Out, Returning }

    private readonly ExerciseProfile _profile;
    private readonly RepSettings _settings;
    private readonly SignalHistory _history;
    private readonly RepTiltSignal _tilt;
    private readonly TempoPhaseSolver _solver;
    private readonly double[] _t, _e, _flex;
    private readonly double _enterDeg, _restSpeedDps;
    private readonly bool _tiltChange;
    // Side steps (each-side tilt work while standing) have no pause at full tilt: the trail foot follows at once.
    private readonly bool _stepping;
    private readonly SideStepStance _stance = new();
    // The side (sign of world up's left component change) the last measured step tilted the pelvis to (0 before one),
    // and how far, degrees.
    private int _lastStepSide;
    private double _lastStepDeg;
    // Side steps: a packet-loss gap (longer than a few samples) came since the last step that began after one, so the
    // carried tilt lost its anchor and the start may sit part-way into a step; when the last gap ended, seconds.
    private bool _gapSinceStep;
    private double _gapEndS = double.NegativeInfinity;
    private const double StepGapS = 0.1;
    // Alternating each-side work (bird-dog, dead bug): one side's rep, then the other's.
    private readonly bool _alternates;
    // Shorter than any rep's return (≥ 0.5 s): a gap this long may hide one.
    private const double HiddenReturnGapS = 0.25;
    // A one-way sagittal rep (hinge, squat, bridge, back extension): its excursion has a sign, so a sample past the start
    // (negative) is on the other side of it from the rep, and the rep is over. Not on all fours: cat-cow swings from cow
    // through neutral into cat within one rep, so past the start may be the same rep.
    private readonly bool _signedSagittal;

    private State _state = State.Rest;
    private bool _hasBaseline, _baseInPosture;
    private double _baseDeg;            // start position of a scalar signal
    private Vec3 _baseUp;               // start tilt for TiltChange
    private Vec3 _peakUp;               // tilt at the deepest point of the current excursion
    private double _restForS, _looseRestForS, _lastT = double.NaN, _lastE, _speedDps;
    private double _enterS, _peakE, _returnS, _minESinceReturn, _searchFromS;
    private double _atStartSinceS = double.NegativeInfinity; // start of the current rest at the start position
    private bool _atStart;
    private double _turnDeg, _maxTurnDeg, _lastRawS = double.NaN;
    private double _headingDeg, _enterHeadingDeg;
    private const double MaxTurnDuringSagittalRepDeg = 25;
    private readonly SeatImpact _seat = new(); // standing work: the way down ended on a seat (sitting, not a rep)
    private bool _turned;                 // the current excursion has started back (its way down is over)
    // Longer than any top pause: this long past the start (reps between included) is a new position (stepped off the
    // bench, stood up from it).
    private const double MaxOvershootRestS = 10;
    private double _pastStartS;          // time at rest past the start (opposite to the rep's movement) since last near it
    // Rest this long inside an excursion smaller than the minimum range means the start moved.
    private const double SettledAfterS = 1.0;
    private const double SettledFraction = 0.6;
    // Each-side reps tilt the pelvis a few degrees (at most ~15°); a rest this far away is a new position.
    private const double FarFromStartDeg = 25;
    // Side-lying tilt work (clamshell): every rep rolls the pelvis back, toward supine.
    private readonly bool _rollsBack;
    // The pause with the knee closed between clamshells (0.3–0.7 s) is longer than any stop mid-way through a rep.
    private const double RollForwardRestS = 0.3;
    private readonly SideLyingStart _sideLyingStart = new();
    private bool _hasCandidate;
    private RepCandidate _candidate;
    // Tilt work: a pause inside an excursion may have been the start, moved while the body settled.
    private readonly ExcursionPause _outPause;

    public ExcursionDetector(ExerciseProfile profile, RepSettings settings)
    {
        _profile = profile;
        _settings = settings;
        _history = new SignalHistory(settings.HistoryS);
        _tilt = new RepTiltSignal(profile);
        _solver = new TempoPhaseSolver(_history.Capacity);
        _t = new double[_history.Capacity];
        _e = new double[_history.Capacity];
        _flex = new double[_history.Capacity];
        _tiltChange = profile.Signal == PrimarySignal.TiltChange;
        _stepping = _tiltChange && profile.Posture == Posture.Standing;
        _rollsBack = _tiltChange && profile.Posture == Posture.SideLying;
        _alternates = _tiltChange && profile.Alternates;
        _signedSagittal = profile.Signal == PrimarySignal.Sagittal && profile.Direction != ExcursionDirection.Either
            && profile.Posture != Posture.AllFours;
        _enterDeg = Math.Max(profile.MinRangeDeg * settings.EnterFraction, 1.0);
        // Small movements (a 3° pelvic tilt in a dead bug) are slow in deg/s: "at rest" must scale with the range,
        // or the start position would follow the movement itself.
        _restSpeedDps = Math.Clamp(0.75 * profile.MinRangeDeg, 1.5, settings.RestSpeedDps);
        _outPause = new ExcursionPause(profile.MinRangeDeg, _enterDeg);
    }

    /// <summary>Current excursion from the start position, degrees (0 before a start is known).</summary>
    public double ExcursionDeg => _lastE;

    /// <summary>True while an excursion is under way.</summary>
    public bool InExcursion => _state != State.Rest;

    /// <summary>When the excursion under way passed the entry threshold (NaN at rest), seconds.</summary>
    public double ExcursionSinceS => _state == State.Rest ? double.NaN : _enterS;

    /// <summary>
    /// Feeds one sample. <paramref name="sagittalDeg"/> is the unwrapped sagittal inclination,
    /// <paramref name="upBody"/> world-up in the segment frame, <paramref name="inPosture"/> whether the
    /// athlete is in the exercise's posture. Returns true when an excursion completed (see <see cref="Candidate"/>).
    /// </summary>
    /// <param name="rateDps">Angular rate in the segment frame, deg/s: side steps take their tilt's fast part from it (a
    /// step's sideways push of the hips disturbs the fused tilt, not the gyro). Required: left out, a side step's tilt
    /// would never follow the gyro.</param>
    /// <param name="accG">Specific force in the segment frame, g: side-lying and floor work read their tilt from it, side
    /// steps re-anchor theirs to it. Required for the same reason: left out, they would quietly read the fused tilt.</param>
    /// <param name="headingRateDps">Angular rate about world up, deg/s: integrated into a heading so that the sequencer can
    /// tell a rep (facing where the set is done) from a reach after turning away.</param>
    /// <param name="verticalAccG">Vertical acceleration of the segment (specific force along world up minus gravity), g:
    /// sitting down ends with the seat's impact, which no squat or hinge has at its bottom.</param>
    public bool Update(double timeS, double sagittalDeg, Vec3 upBody, double flexionDeg, bool inPosture, Vec3 rateDps,
        Vec3 accG, double axialRateDps = 0, double headingRateDps = 0, double verticalAccG = 0)
    {
        _hasCandidate = false;
        // Alternating each-side work whose tilt reappears after a packet-loss gap mirrored to the other side got there
        // through the start: the gap hid this rep's return and the next one's start.
        // Judged on the rep's own tilt signal (below), the one its start and peak were learnt on.
        bool afterGapOut = _alternates && _state == State.Out && _peakE >= _profile.MinRangeDeg
            && timeS - _lastRawS >= HiddenReturnGapS;
        // A one-way sagittal rep seen again after such a gap past its start (over-arched at the top of a back extension)
        // went back through the start inside the gap: a body moves continuously. Judged below, once the excursion is known.
        bool afterGapSagittalOut = _signedSagittal && _state == State.Out && _peakE >= _profile.MinRangeDeg
            && timeS - _lastRawS >= HiddenReturnGapS;
        // A rep already most of the way back (returning) when such a gap began, seen going out again after it, came
        // back to the start inside the gap and the next rep left it there: a body moves continuously, and a return
        // under way does not turn around short of the start (judged below, once the excursion is known). Not side steps:
        // across a gap their carried tilt loses its anchor (see _gapSinceStep), so "out again" may be the stance.
        bool afterGapReturning = !_stepping && _state == State.Returning && timeS - _lastRawS >= HiddenReturnGapS;
        double gapMiddleS = 0.5 * (_lastRawS + timeS);
        // Recent turning about the trunk's long axis (decays over ~2 s). A hinge or squat does not turn the trunk;
        // reaching for a bottle after turning toward it does.
        if (!double.IsNaN(_lastRawS))
        {
            double rawDt = timeS - _lastRawS;
            _turnDeg += Math.Abs(axialRateDps) * rawDt - _turnDeg * Math.Min(1.0, rawDt / 2.0); // leaky, τ = 2 s
            _headingDeg += headingRateDps * rawDt;
            if (_state != State.Rest && _turnDeg > _maxTurnDeg) _maxTurnDeg = _turnDeg;
            _seat.Update(timeS, rawDt, verticalAccG, _state == State.Out, _state == State.Out && !_turned);
        }
        if (timeS - _lastRawS > StepGapS) { _gapSinceStep = true; _gapEndS = timeS; }
        _lastRawS = timeS;
        // The posture is judged on the fused orientation; the rep on the tilt signal that shows it best.
        bool atStartPosture = inPosture && PostureClassifier.IsStartOf(_profile.Posture, upBody, sagittalDeg);
        upBody = _tilt.Update(timeS, upBody, accG, rateDps);
        bool hiddenReturn = afterGapOut && MirroredToOtherSide(upBody);
        if (_stepping && _hasBaseline && FollowStance(timeS, sagittalDeg, upBody)) return false;
        if (!_hasBaseline) Rebase(sagittalDeg, upBody);
        double eNow = Excursion(sagittalDeg, upBody);
        // Ended in the gap, the rep is not abandoned for the over-arch being outside the posture (the start stays known).
        if (hiddenReturn || (afterGapSagittalOut && eNow <= -_enterDeg)
            || (afterGapReturning && eNow > _minESinceReturn + _enterDeg)) EndInGap(gapMiddleS, flexionDeg);
        if (!_history.TryAdd(timeS, eNow, flexionDeg)) return _hasCandidate;
        // The state machine runs on the uniform grid: same thresholds and smoothing at 52 Hz and 833 Hz.
        timeS = _history.LastTimeS;
        double e = _history.LastExcursionDeg;

        double dt = double.IsNaN(_lastT) ? 0 : timeS - _lastT;
        if (dt > 0)
        {
            double raw = (e - _lastE) / dt;
            OnePole.Step(ref _speedDps, raw, dt, 0.08); // ~80 ms smoothing: enough to see "at rest" through sensor noise
        }
        _lastT = timeS;
        _lastE = e;
        bool slow = Math.Abs(_speedDps) < _restSpeedDps;
        _restForS = slow ? _restForS + dt : 0;
        // Still on the scale of posture changes (a body settling after turning over drifts 1–2 °/s for a second).
        _looseRestForS = Math.Abs(_speedDps) < _settings.RestSpeedDps ? _looseRestForS + dt : 0;

        // Summed over the rests past the start between reps; standing, reset only by a rest near the start (below), so
        // squats whose top is past the start (measured from a start learnt leaning forward) do not restart the count:
        // upright is the end of a standing rep's range, which it reaches but never swings through. Elsewhere (cat-cow
        // swings from cow through neutral into cat) passing the start is the rep's own path, and resets it too.
        if (_state == State.Rest)
        {
            if (e <= -_enterDeg) _pastStartS += dt;
            else if (_profile.Posture != Posture.Standing) _pastStartS = 0;
        }
        switch (_state)
        {
            case State.Rest:
                // A start position outside the exercise's posture is re-learned quickly: no rep can start from it.
                // Follow only after a moment of rest, so the slow first 10% of a movement does not drag the start along.
                if (slow && Math.Abs(e) < _enterDeg)
                {
                    _pastStartS = 0;
                    if (!_atStart) { _atStart = true; _atStartSinceS = timeS; }
                    if (_restForS > 0.3) Follow(sagittalDeg, upBody, dt);
                    _baseInPosture = atStartPosture;
                    break;
                }
                // Rest at the start is not rest somewhere new: a body leaving its start slowly (the slow first part of a
                // small rep, under 1.5 °/s for a dead bug) rests, if at all, from here on.
                if (_atStart) _restForS = 0;
                _atStart = false;
                // Resting away from the start: a new start position after a short rest when the old start was
                // outside the posture, after a longer one otherwise (an over-arched top between back extensions is a
                // short pause beyond the start, not a new start).
                // Resting past the start, opposite to the rep's movement (over-arched at the top of a back extension,
                // leaning back to drink), is an overshoot of a valid start, not a new one: the next rep still starts
                // from there, and the start it returns to is the old one.
                // The time counts from when the signal went past the start until it comes back near it, whatever
                // happens in between: reps that start and end past the start (every top "over-arched") mean the start
                // itself is there (learnt in a seat, leaning on the knees, and the athlete stood up after it).
                bool overshoot = _profile.Signal == PrimarySignal.Sagittal && _baseInPosture && e <= -_enterDeg
                    && _pastStartS < MaxOvershootRestS;
                // Resting far beyond any each-side rep from the start (turned over onto the other side, rolled from
                // all fours), the old start is certainly gone: re-learn as quickly as when it was out of the posture,
                // before the first rep on the new side begins.
                bool farAway = _tiltChange && e > FarFromStartDeg;
                if (!overshoot && (farAway ? (slow && _restForS >= 0.3) || _looseRestForS >= 1.0
                    : slow && _restForS >= (_baseInPosture ? _settings.RebaseAfterS : 0.5)))
                {
                    StartHere(timeS, sagittalDeg, upBody, atStartPosture);
                    _restForS = 0;
                    _sideLyingStart.Relearnt(timeS);
                }
                else if (e >= _enterDeg && inPosture && _baseInPosture) BeginExcursion(timeS, e, upBody);
                break;
            case State.Out:
                if (e > _peakE) { _peakE = e; _peakUp = upBody; }
                // Moving back toward the start: the way down (and the seat's impact, if any) is over.
                if (_speedDps < -_restSpeedDps) _turned = true;
                if (timeS - _enterS > _profile.MaxRepS || !inPosture) Abandon();
                else if (_tiltChange && !_stepping && _outPause.ReturnedTo(timeS, upBody, slow, _restForS))
                {
                    // Out from the pause and back to it: a rep from a start that had moved. Measure it from the pause,
                    // and the next one from here; its size and direction too (measured from the old start, they would
                    // include the settling).
                    _atStartSinceS = _outPause.SinceS;
                    _baseUp = _outPause.Up;
                    _peakUp = _outPause.AwayUp;
                    _peakE = _outPause.AwayDeg;
                    _hasCandidate = TryMeasure(timeS);
                    _state = State.Rest;
                    StartHere(timeS, sagittalDeg, upBody, atStartPosture);
                }
                else if (_stepping && SettledOnFarSide(upBody, slow))
                {
                    // Feet set between steps, tilted away from the steps' side: the stance, not a step (see
                    // SideStepStance.IsStanceNotStep). The start is here, and the excursion was no step.
                    _searchFromS = timeS;
                    _state = State.Rest;
                    StartHere(timeS, sagittalDeg, upBody, atStartPosture);
                }
                else if (_rollsBack && slow && _restForS >= RollForwardRestS
                    && _sideLyingStart.LearntWithKneeOpen(timeS, _baseUp, upBody))
                {
                    // Side-lying, resting after a roll forward from a start no rep has proven (see SideLyingStart): the
                    // closed knee here is the start, and the movement to it was the end of a rep, not one.
                    _state = State.Rest;
                    _searchFromS = timeS;
                    StartHere(timeS, sagittalDeg, upBody, atStartPosture);
                }
                else if (slow && _restForS >= (ClosedKneePause(e) ? RollForwardRestS : SettledAfterS)
                    && (_peakE < _profile.MinRangeDeg || (_tiltChange && e < SettledFraction * _peakE) || _stepping))
                {
                    // Resting after an excursion smaller than any rep, or (small tilt work) after coming most of the way
                    // back: the start position itself moved (a pelvis sinking into all fours after getting down,
                    // shifted on the mat by a fidget), so measure from here. A rep's bottom pause rests near its peak.
                    // Not for hinges and squats: their start (upright) is unambiguous, and a slow return may stall.
                    // Side steps never rest a second at full tilt (the trail foot follows at once), so resting anywhere
                    // out there is a new stance (weight shifted onto one leg, feet re-placed) — re-learned now rather
                    // than after the longest step times out, mid-way through the next steps.
                    if (_peakE >= _profile.MinRangeDeg && e < SettledFraction * _peakE) _hasCandidate = TryMeasure(timeS);
                    // Side-lying, a rest after a small roll back may be a shallow clamshell's open pause: until a rep
                    // proves the new start, a roll forward to a rest there puts the start back at the closed knee.
                    if (_rollsBack && !_hasCandidate && SideLyingStart.RollsBack(_baseUp, upBody)) _sideLyingStart.Relearnt(timeS);
                    _state = State.Rest;
                    StartHere(timeS, sagittalDeg, upBody, atStartPosture);
                }
                else if (e < _peakE * (_stepping ? SideStepStance.ReturnFraction : _settings.ReturnFraction))
                {
                    if (_peakE < _profile.MinRangeDeg) _state = State.Rest; // a wobble, not a rep
                    else { _state = State.Returning; _returnS = timeS; _minESinceReturn = e; }
                }
                break;
            case State.Returning:
                if (e < _minESinceReturn) _minESinceReturn = e;
                // Home: back near the start, or resting most of the way back (the start position itself moved:
                // a dead bug's pelvis settles a degree or two differently after each side).
                bool home = slow && (e < _enterDeg * 0.6 || e < 0.25 * _peakE || (_restForS > 0.4 && e < 0.5 * _peakE));
                bool nextBegins = e > _minESinceReturn + _enterDeg;
                bool stalled = timeS - _returnS > 4.0;
                if (home || nextBegins || stalled)
                {
                    _hasCandidate = TryMeasure(timeS);
                    if (stalled || (home && e >= _enterDeg * 0.6))
                    {
                        // The start moved: measure from here. The next excursion starts from this rest, so it is
                        // not already under way (its peak so far was measured from the old start).
                        Rebase(sagittalDeg, upBody);
                        _baseInPosture = atStartPosture;
                        _state = State.Rest;
                    }
                    else if (nextBegins) BeginExcursion(timeS, e, upBody);
                    else _state = State.Rest;
                }
                break;
        }
        return _hasCandidate;
    }

    /// <summary>The excursion that completed on the last <see cref="Update"/> that returned true.</summary>
    public RepCandidate Candidate => _candidate;

    private bool TryMeasure(double nowS)
    {
        // Look back to the previous rep's end, or to the rest at the start position before this excursion (never
        // into the movement that brought the athlete there, e.g. lying down), at most 3 s before it began.
        double from = Math.Max(Math.Max(_searchFromS, _enterS - 3.0), _atStartSinceS);
        int n = _history.CopySince(from, _t, _e, _flex);
        _searchFromS = nowS;
        if (!_solver.TrySolve(_t.AsSpan(0, n), _e.AsSpan(0, n), _flex.AsSpan(0, n), out var phases)) return false;
        _searchFromS = phases.ConcentricEndS;
        double duration = phases.ConcentricEndS - phases.EccentricStartS;
        if (duration < _profile.MinRepS || duration > _profile.MaxRepS) return false;
        if (_profile.Signal == PrimarySignal.Sagittal && _maxTurnDeg > MaxTurnDuringSagittalRepDeg) return false;
        // Standing work: an excursion that ended its way down on an impact was sitting down on the bench (the pelvis
        // stops on the seat within ~0.1 s), not a squat or hinge, which turns around smoothly at the bottom.
        if (_profile.Posture == Posture.Standing && _profile.Signal == PrimarySignal.Sagittal && _seat.Seen)
            return false;
        _sideLyingStart.Measured(_baseUp, _peakUp);
        _candidate = new RepCandidate(phases, _peakE, (_peakUp - _baseUp).Normalized(), _enterHeadingDeg, _baseUp);
        if (_stepping)
        {
            _lastStepSide = Math.Sign(_peakUp.Normalized().Y - _baseUp.Y);
            _lastStepDeg = _peakE;
            if (_enterS > _gapEndS) _gapSinceStep = false;
        }
        return true;
    }

    // Side-lying, a rest after coming most of the way back from a rep is the closed-knee pause (0.3–0.7 s) even when the
    // pelvis settled a degree short of where the rep began: the next rep starts from there, so the rep ends now.
    private bool ClosedKneePause(double e) => _rollsBack && _peakE >= _profile.MinRangeDeg && e < SettledFraction * _peakE;

    // The rep under way returned to the start inside a packet-loss gap, when is unknown: at its middle. The excursion
    // signal goes back to the start there, the rep is measured up to it, and the next excursion begins from the start.
    private void EndInGap(double returnS, double flexionDeg)
    {
        if (!_history.TryAdd(returnS, 0, flexionDeg)) return;
        double atStartS = _history.LastTimeS;
        _hasCandidate = TryMeasure(atStartS);
        _state = State.Rest;
        _lastT = atStartS;
        _lastE = 0;
        _speedDps = 0;
        _restForS = 0;
        _atStart = false;
        _atStartSinceS = atStartS;
    }

    // The excursion so far points within 60° of the mirror image (left ↔ right) of the current rep's peak, and nearer
    // it than the peak itself: the other side's rep of alternating work (bird-dog, dead bug).
    private bool MirroredToOtherSide(Vec3 upBody)
    {
        Vec3 d = upBody.Normalized() - _baseUp, p = _peakUp.Normalized() - _baseUp;
        if (Angle.RadToDeg(d.Norm) < _enterDeg || p.Norm == 0) return false;
        d = d.Normalized();
        p = p.Normalized();
        var mirrored = new Vec3(p.X, -p.Y, p.Z);
        return Vec3.Dot(d, mirrored) > 0.5 && Vec3.Dot(d, mirrored) > Vec3.Dot(d, p);
    }

    private void Abandon()
    {
        _state = State.Rest;
        _searchFromS = _lastT;
        _baseInPosture = false; // wherever the athlete went, the start must be re-learned there
    }

    // Side steps: while the stance changes, the start follows it sample by sample (no step can start mid-squat), and
    // a step under way when it began was not one. True while the sample belongs to the stance change, not to steps.
    private bool FollowStance(double timeS, double sagittalDeg, Vec3 upBody)
    {
        var change = _stance.Update(timeS, HalfTurnDeg(sagittalDeg - _baseDeg));
        if (change == SideStepStance.Change.None) return false;
        if (change == SideStepStance.Change.Began && _state != State.Rest) Abandon();
        Rebase(sagittalDeg, upBody);
        _baseInPosture = true;
        _atStart = false;
        _restForS = 0;
        return change != SideStepStance.Change.Settled;
    }

    // Side steps, after a packet-loss gap and before a step that began after it: resting still, out of the start by less
    // than any step (a larger excursion may be a step's return seen whole after a long gap, from a start at its peak),
    // tilted the other way from the last step and by less than a step.
    private bool SettledOnFarSide(Vec3 upBody, bool slow) =>
        _gapSinceStep && _peakE < _profile.MinRangeDeg && slow && _restForS >= SideStepStance.SetStillS && _lastStepSide != 0
        && SideStepStance.IsStanceNotStep(upBody.Normalized().Y - _baseUp.Y, _lastStepSide, _lastStepDeg);

    private double Excursion(double sagittalDeg, Vec3 upBody)
    {
        if (_stepping) return SideStepStance.ExcursionDeg(upBody, _baseUp);
        if (_profile.Signal == PrimarySignal.TiltChange)
        {
            double c = Math.Clamp(Vec3.Dot(upBody, _baseUp), -1.0, 1.0);
            return Angle.RadToDeg(Math.Acos(c));
        }
        double d = HalfTurnDeg(sagittalDeg - _baseDeg);
        return _profile.Direction switch
        {
            ExcursionDirection.Increasing => d,
            ExcursionDirection.Decreasing => -d,
            _ => Math.Abs(d),
        };
    }

    // An excursion passed the entry threshold: its peak, turn and jolt are measured from here.
    private void BeginExcursion(double timeS, double e, Vec3 upBody)
    {
        _state = State.Out;
        _enterS = timeS;
        _enterHeadingDeg = _headingDeg;
        _peakE = e;
        _peakUp = upBody;
        _maxTurnDeg = _turnDeg;
        _seat.NewExcursion();
        _turned = false;
        _outPause.Clear();
    }

    // The body rests at a new start position, here and now.
    private void StartHere(double timeS, double sagittalDeg, Vec3 upBody, bool inPosture)
    {
        Rebase(sagittalDeg, upBody);
        _baseInPosture = inPosture;
        _atStart = true;
        _atStartSinceS = timeS;
    }

    private void Rebase(double sagittalDeg, Vec3 upBody)
    {
        _baseDeg = sagittalDeg;
        _baseUp = upBody.Normalized();
        _hasBaseline = true;
    }

    // No trunk turns more than half a turn from its start: a sagittal change of a full turn more is the unwrapped
    // estimate having come back around the far side (converging after a long packet-loss gap), not movement.
    private static double HalfTurnDeg(double deg) => deg - 360 * Math.Round(deg / 360);

    // The start position drifts a little between reps (stance, strap): follow it while at rest near it.
    private void Follow(double sagittalDeg, Vec3 upBody, double dt)
    {
        double a = Math.Min(1.0, dt / 1.5);
        _baseDeg += HalfTurnDeg(sagittalDeg - _baseDeg) * a;
        _baseUp = (_baseUp + (upBody.Normalized() - _baseUp) * a).Normalized();
    }
}
