using SpineSense.Motion.Alerts;
using SpineSense.Motion.Analysis;
using SpineSense.Motion.Geometry;
using SpineSense.Motion.Results;
using static SpineSense.Motion.Reps.RepComparisons;

namespace SpineSense.Motion.Reps;

/// <summary>
/// Decides which excursions are reps and groups them into sets (contract section 5).
/// </summary>
/// <remarks>
/// Rest is full of excursions that look like reps one at a time: reaching for a bottle, sitting down,
/// getting up. Reps come in runs of similar size and tempo, so a set only opens after
/// <see cref="RepSettings.MinRunReps"/> similar excursions with short gaps; once open, an excursion joins
/// it if it resembles the set so far, was started facing the same way and (alternating each-side work) moves along
/// the set's axis on the expected side. A gap of <see cref="RepSettings.SetGapS"/> ends the set. A shorter run
/// (<see cref="RepSettings.MinSetReps"/> or more) that is unmistakably one movement repeated is reported as a set once
/// the set gap has passed after it (contract section 5: a set is a run of reps).
/// </remarks>
public sealed class RepSequencer
{
    private readonly RepSettings _settings;
    private readonly AlertLog _alerts;
    private readonly RepCandidate[] _pending;
    private int _pendingCount;

    private bool _setOpen, _hasLast;
    private int _set, _repInSet;
    private double _setStartS, _ampSum, _durSum, _ampMin, _ampMax;
    private RepCandidate _last;
    // An excursion like a rep but long after the set's rhythm, waiting for the next one to show the set resumed.
    private RepCandidate _late;
    private bool _hasLate;
    private double _lastGapS; // pause before the last accepted rep, s

    private readonly bool _checkSide, _alternates, _oneAxis, _smallTilt, _sideSteps, _rollsBack;
    private readonly SideStepRule _steps;
    // Side-lying: a run of excursions off the earlier sets' axis (LikePriorSets), one longer than a run.
    private readonly SideLyingAxisRun _offAxis;
    private Geometry.Vec3 _axisSum;          // sum of the set's folded rep directions (tilt-change work)
    private Geometry.Vec3 _lastOnAxisDir;    // direction of the last excursion along the set's axis, accepted or not
    private Geometry.Vec3 _lastOnAxisStartUp; // and the start position it was measured from
    // The movement an exercise makes is the athlete's (anatomy and technique), not the set's: the axis the earlier
    // sets of alternating each-side work showed (folded) still holds when the next set starts.
    private Geometry.Vec3 _priorAxis;
    private readonly DataGapLog _dataGaps = new();
    // Alternating work: the last excursion a starting run ignored for moving off the earlier sets' axis.
    private RepCandidate _oddOne;
    private bool _hasOddOne;

    /// <param name="profile">When given and it alternates sides (bird-dog, dead bug), a rep's tilt direction must
    /// mirror the previous rep's (left ↔ right): fidgets on the mat between sets point anywhere.</param>
    public RepSequencer(RepSettings settings, AlertLog alerts, Exercises.ExerciseProfile? profile = null)
    {
        // Only alternating work is checked against a 60° cone: a clamshell or banded-walk set turns over or changes
        // direction midway.
        _checkSide = profile is { Signal: Exercises.PrimarySignal.TiltChange, Alternates: true };
        _alternates = profile is { Alternates: true };
        // Alternating work moves along one axis mirrored left/right. So does side-lying work in the segment frame: a
        // clamshell rolls the pelvis back toward supine on either side (world up moves toward the anterior axis), so the
        // set keeps its axis when the athlete turns over midway, while a shift on the mat moves the pelvis any way.
        _oneAxis = _checkSide || profile is { Signal: Exercises.PrimarySignal.TiltChange, Posture: Exercises.Posture.SideLying };
        // Side-lying work (clamshell): lying on one side, every rep rolls the pelvis the same way (the upper knee opens
        // and the pelvis follows it), so a roll the other way while still on that side (shifting, reaching while lying
        // between sets) is not a rep. After turning over, the first rep shows the new side's way. Only the opposite
        // half-space is refused: the start's settling after turning over skews a rep's direction by tens of degrees.
        _rollsBack = profile is { Signal: Exercises.PrimarySignal.TiltChange, Posture: Exercises.Posture.SideLying };
        // Each-side tilt work (bird-dog, dead bug, clamshell, side steps): the pelvic tilt is a side effect of the limb's
        // movement (a longer step, a further reach), so it varies far more from rep to rep than a hinge's range does.
        _smallTilt = _checkSide || profile is { Signal: Exercises.PrimarySignal.TiltChange, EachSide: true };
        // Side steps (banded walk): the lead leg steps the same way step after step, so the pelvis tilts to the same side
        // every rep until the athlete walks back. Gait drops the pelvis to alternate sides every step.
        _sideSteps = profile is { Signal: Exercises.PrimarySignal.TiltChange, EachSide: true, Alternates: false,
            Posture: Exercises.Posture.Standing };
        _settings = settings;
        _alerts = alerts;
        _steps = new SideStepRule(_sideSteps);
        _offAxis = new SideLyingAxisRun(Math.Max(1, settings.MinRunReps) + 1);
        _pending = new RepCandidate[_offAxis.Length];
    }

    public int SetCount => _set;

    /// <summary>Reps counted in the current (open) set.</summary>
    public int RepsInOpenSet => _setOpen ? _repInSet : 0;

    public void Add<TSink>(in RepCandidate c, TSink sink) where TSink : IMotionEventSink
    {
        // Side-lying, a roll forward is never a rep (every rep rolls back, on either side): it is the pelvis settling
        // after a rep or a shift on the mat. Ignored, it neither joins nor ends the run of reps around it.
        if (_rollsBack && c.Direction.X <= 0) return;
        if (_setOpen)
        {
            // A late excursion still waiting may be the set's next rep: the set lasts until 15 s after it.
            if (_hasLate && c.StartS - _late.EndS < _settings.SetGapS)
            {
                // The set resumed: the late excursion was its next rep, and this one follows it. Two set-like
                // excursions in a row are a slower rhythm (a tiring athlete), not a fidget: the held one counts even
                // when this one is late after it too, and this one then waits in turn.
                _hasLate = false;
                if (Fits(_late, _late.Direction, _late.StartUp, c))
                {
                    Accept(_late, sink);
                    if (IsLate(_last, c)) { _late = c; _hasLate = true; }
                    else Accept(c, sink);
                    return;
                }
            }
            _hasLate = false;
            if (c.StartS - _last.EndS < _settings.SetGapS)
            {
                // Side steps: a step held as a possible change of side was still a step, so the set's rhythm goes on from
                // it: the pause before this one counts from the last step seen, not from the last one counted.
                bool fits = _sideSteps && _steps.HeldCount > 0
                    ? Fits(_steps.LastHeld, _lastOnAxisDir, _lastOnAxisStartUp, c)
                    : Fits(_last, _lastOnAxisDir, _lastOnAxisStartUp, c);
                if (_sideSteps) AddStep(c, fits, sink);
                // Long after the set's rhythm, a lone excursion like a rep is what resting looks like too (shifting on
                // the mat, settling after the last rep): it counts once the set's rhythm resumes after it.
                else if (fits && IsLate(_last, c)) { _late = c; _hasLate = true; }
                else if (fits) Accept(c, sink);
                // An excursion roughly along the set's axis on the expected side, even if refused (a little off the
                // axis or small), is most likely a rep: it tells which side comes next, so one refusal does not
                // make the next rep look like a repeat of the same side.
                else if (SideFits(_lastOnAxisDir, _lastOnAxisStartUp, c) && OnSetAxis(c, NearAxisCos)) { _lastOnAxisDir = c.Direction; _lastOnAxisStartUp = c.StartUp; }
                return;
            }
            CloseSet(sink);
        }
        // No set open: extend or restart the run of candidates.
        bool afterMisreadStep = _steps.TakeRunStepAfterMisread();
        if (_pendingCount > 0)
        {
            ref readonly RepCandidate prev = ref _pending[_pendingCount - 1];
            // The gap allowed inside a starting run scales with the reps: slow each-side work (a bird-dog held at
            // full reach) pauses longer between reps than a squat does.
            double runGapS = Math.Max(_settings.RunGapS, 2 * Math.Max(prev.DurationS, c.DurationS));
            // A packet-loss gap between them may have hidden the run's next rep (a second or two of lost packets hides
            // a rep's return, and the detector drops it): the pause may be that rep and its pause longer.
            if (_dataGaps.AnyBetween(prev.EndS, c.StartS)) runGapS += Math.Max(prev.DurationS, c.DurationS);
            if (c.StartS - prev.EndS > runGapS || !SimilarToRun(c) || !SideFits(prev.Direction, prev.StartUp, c) || !SameHeading(prev, c)
                || !OnRunAxis(c) || RepeatsOddOne(prev, c))
                _pendingCount = 0;
            // Side steps: changing side in a starting run is walking (or one misread step).
            else _pendingCount = _steps.CutWalking(_pending, _pendingCount, c, afterMisreadStep);
        }
        // A candidate moving unlike the earlier sets' reps cannot start a run (a fidget on the mat between sets).
        // It is ignored, not a reason to forget the run so far: one odd excursion among the next set's first reps
        // (a 3° tilt is ±20° off its axis now and then) must not cost the reps before it — unless the next member of
        // alternating work repeats its side (RepeatsOddOne: then it was a movement after all). Side-lying, though, a
        // sustained run of its own off that axis is the athlete lying differently (more rolled, the strap re-seated).
        if (!LikePriorSets(c))
        {
            if (_checkSide && _alternates) { _oddOne = c; _hasOddOne = true; }
            // Side-lying: the run off that axis opens the set, and its axis is the one the next sets are judged by.
            if (_rollsBack && _offAxis.Add(c, _settings.RunGapS))
            {
                _pendingCount = _offAxis.MoveTo(_pending);
                OpenSetWithRun(sink);
                // Too short to open the set without the shifts that began it, what is left is still the start of a run
                // off that axis: the next excursions (off it too) go on from it, not from nothing.
                if (!_setOpen)
                {
                    _offAxis.TakeFrom(_pending, _pendingCount);
                    _pendingCount = 0;
                }
            }
            return;
        }
        _offAxis.Clear();
        _hasOddOne = false;
        _pending[_pendingCount++] = c;
        if (_pendingCount >= _settings.MinRunReps)
        {
            OpenSetWithRun(sink);
        }
    }

    private void OpenSetWithRun<TSink>(TSink sink) where TSink : IMotionEventSink
    {
        // Side-lying (clamshell), a rep's pause with the knee open is brief, while settling on the mat holds a shifted
        // position for seconds: the settling before the set is told by its tempo. Other work is not judged so: a
        // bird-dog or dead bug holds each reach as long as it takes to steady it, a bridge or squat may pause at the
        // top or bottom, and side steps are cut short or stretched by packet-loss gaps.
        int first = FirstOnRunAxis();
        if (_rollsBack) first = Math.Max(first, FirstInRhythm(_pending.AsSpan(0, _pendingCount)));
        if (_pendingCount - first < _settings.MinSetReps)
        {
            // Without the fidgets that opened it, the run is too short for a set: it waits for more reps.
            Array.Copy(_pending, first, _pending, 0, _pendingCount - first);
            _pendingCount -= first;
            return;
        }
        _setOpen = true;
        _set++;
        _repInSet = 0;
        _ampSum = _durSum = 0;
        _ampMin = double.PositiveInfinity;
        _ampMax = 0;
        _axisSum = default;
        _setStartS = _pending[first].StartS;
        for (int i = first; i < _pendingCount; i++) Accept(_pending[i], sink);
        _steps.Clear();
        _pendingCount = 0;
    }

    // Side-lying, a run that opens a set is held to the set's own standard: along the axis of the run so far within the
    // set's 25° (the earlier sets' 40° only admits the athlete's movement; shifts on the mat between sets scatter inside
    // it). Clamshell directions come from the accelerometer tilt and are tight (95 % within 6° of the athlete's axis on
    // the suites); alternating work's 2–6° tilts scatter ±10–20° (measured when they were read through the fused tilt;
    // they now read the gyro-on-accelerometer tilt, not re-measured) and would lose first reps.
    private bool OnRunAxis(in RepCandidate c)
    {
        if (!_oneAxis || !_rollsBack) return true;
        var axis = default(Geometry.Vec3);
        for (int i = 0; i < _pendingCount; i++) axis += Fold(_pending[i].Direction);
        return AxisAngleCos(axis, c.Direction) >= SetAxisCos;
    }

    // The excursions that opened a run may be the last fidgets before the set (settling onto the mat) that happened to
    // line up with it: judged against the axis of the others, the run starts after the last one off it (a set is one
    // run, so nothing before an odd one out belongs to it). Alternating work's fused-tilt directions scatter too widely
    // (±10–20°) to judge every member so: only the first is, against the axis of the later ones.
    private int FirstOnRunAxis()
    {
        if (!_oneAxis || _pendingCount < 3) return 0;
        var all = default(Geometry.Vec3);
        for (int i = 0; i < _pendingCount; i++) all += Fold(_pending[i].Direction);
        int first = 0, judged = _rollsBack ? _pendingCount - 2 : 1;
        for (int i = 0; i < judged; i++)
            if (AxisAngleCos(all - Fold(_pending[i].Direction), _pending[i].Direction) < SetAxisCos) first = i + 1;
        return first;
    }

    // A run too short to open a set live (fewer than MinRunReps) is still a set when nothing followed it for the set
    // gap (contract section 5: a set is a run of reps) — provided it is clearly one movement repeated: every
    // excursion of the same size and tempo as the others, and (each-side work) along one axis. Rest fidgets come
    // one at a time or at random sizes and directions.
    private bool IsShortSet()
    {
        if (_pendingCount < Math.Min(_settings.MinSetReps, _settings.MinRunReps)) return false;
        double ampMin = double.PositiveInfinity, ampMax = 0, durMin = double.PositiveInfinity, durMax = 0;
        for (int i = 0; i < _pendingCount; i++)
        {
            ref readonly RepCandidate p = ref _pending[i];
            ampMin = Math.Min(ampMin, p.AmplitudeDeg); ampMax = Math.Max(ampMax, p.AmplitudeDeg);
            durMin = Math.Min(durMin, p.DurationS); durMax = Math.Max(durMax, p.DurationS);
            if (_oneAxis && i > 0 && AxisAngleCos(_pending[0].Direction, p.Direction) < ShortSetAxisCos) return false;
        }
        return ampMax < ShortSetRatio * ampMin && durMax < ShortSetRatio * durMin;
    }

    /// <summary>Closes the open set once the gap since its last rep reaches the set gap.</summary>
    /// <param name="excursionSinceS">When the excursion under way began (NaN at rest). One that began inside the set gap
    /// may be the set's next rep (the set goes on: the gap is between reps, contract section 5), so the set stays open
    /// until it is judged — a rep is only known once it has ended, seconds after it began.</param>
    public void Tick<TSink>(double nowS, TSink sink, double excursionSinceS = double.NaN) where TSink : IMotionEventSink
    {
        _dataGaps.Tick(nowS);
        if (_setOpen)
        {
            double lastEndS = _hasLate ? _late.EndS : _last.EndS;
            if (nowS - lastEndS >= _settings.SetGapS && !(excursionSinceS - lastEndS < _settings.SetGapS)) CloseSet(sink);
        }
        else if (_pendingCount > 0 && nowS - _pending[_pendingCount - 1].EndS >= _settings.SetGapS
            && !(excursionSinceS - _pending[_pendingCount - 1].EndS < _settings.SetGapS))
        {
            if (IsShortSet()) { OpenSetWithRun(sink); if (_setOpen) CloseSet(sink); }
            _pendingCount = 0;
        }
    }

    /// <summary>End of stream: the open set ends with its last rep (top pause 0).</summary>
    public void Finish<TSink>(TSink sink) where TSink : IMotionEventSink
    {
        if (!_setOpen && IsShortSet()) OpenSetWithRun(sink);
        if (_setOpen) CloseSet(sink);
        _pendingCount = 0;
    }

    private void Accept<TSink>(in RepCandidate c, TSink sink) where TSink : IMotionEventSink
    {
        // The pause before c is the previous rep's top pause, and what IsLate compares the next pause with.
        _lastGapS = _hasLast ? Math.Max(0, c.StartS - _last.EndS) : 0;
        if (_hasLast) sink.OnRep(ToResult(_last, _repInSet, _lastGapS));
        _repInSet++;
        _ampSum += c.AmplitudeDeg;
        _ampMin = Math.Min(_ampMin, c.AmplitudeDeg);
        _ampMax = Math.Max(_ampMax, c.AmplitudeDeg);
        _durSum += c.DurationS;
        _axisSum += Fold(c.Direction);
        _lastOnAxisDir = c.Direction;
        _lastOnAxisStartUp = c.StartUp;
        _last = c;
        _hasLast = true;
        sink.OnRepDetected(ToResult(c, _repInSet, 0));
    }

    // Side steps: SideStepRule holds a step to the other side until the next one shows what it was.
    private void AddStep<TSink>(in RepCandidate c, bool fits, TSink sink) where TSink : IMotionEventSink
    {
        var release = _steps.Add(c, fits, _last.Direction, out RepCandidate held);
        if ((release & SideStepRule.Release.Held) != 0) Accept(held, sink);
        if ((release & SideStepRule.Release.This) != 0) Accept(c, sink);
    }

    // Earlier sets of this exercise showed how this athlete's reps move: a run (the next set's first reps) must move
    // along the same axis (alternating each-side work). 40°, not the set's 25°: that axis was learnt from other reps.
    // Side-lying work is held to the set's 25°: clamshell directions come from the accelerometer's tilt and keep the
    // athlete's axis within a few degrees from set to set, while shifts on the mat between sets scatter inside 40°.
    private bool LikePriorSets(in RepCandidate c) =>
        !_oneAxis || _priorAxis.Norm == 0 || AxisAngleCos(_priorAxis, c.Direction) >= (_rollsBack ? SetAxisCos : NearAxisCos);

    // Alternating work goes left, right, left: an excursion ignored for moving off the earlier sets' axis still went to
    // one side, so the next rep of a set goes to the other. A run member after it on the same side (no packet-loss gap
    // between to hide the other side's rep) is not alternating with it: fidgets on the mat, the run starts again.
    private bool RepeatsOddOne(in RepCandidate prev, in RepCandidate c)
    {
        const double cos60 = 0.5;
        return _hasOddOne && _oddOne.StartS > prev.EndS && Geometry.Vec3.Dot(c.Direction, _oddOne.Direction) > cos60
            && !_dataGaps.AnyBetween(_oddOne.EndS, c.StartS);
    }

    // Past the set's rhythm: a longer pause than a breath between reps (and than two reps), and than half as long again
    // as the pause before the last rep — a set that has slowed down (a tiring athlete) is in its new rhythm.
    private bool IsLate(in RepCandidate previous, in RepCandidate c) =>
        c.StartS - previous.EndS > Math.Max(Math.Max(6.0, 2 * _durSum / _repInSet), 1.5 * _lastGapS);

    // Whether c joins the set right after `previous` (the last rep, or an excursion held as late): along the set's axis,
    // on the side that comes after previousDir (measured from previousStartUp), facing the same way, and like the reps.
    private bool Fits(in RepCandidate previous, Geometry.Vec3 previousDir, Geometry.Vec3 previousStartUp, in RepCandidate c) =>
        OnSetAxis(c, SetAxisCos) && (SideFits(previousDir, previousStartUp, c) || RepeatsAfterUnseenRep(previous, previousDir, c))
        && SameHeading(previous, c) && ResemblesSet(previous, c);

    // Alternating work goes left, right, left: the same side twice with a packet-loss gap between (after the first one's
    // deepest point, before the second began) means the other side's rep went unseen in it — the athlete did not repeat
    // a side. Refusing the second one too would lose two reps for one, and make the next rep look late. Without a gap
    // between, a repeat is a fidget (shifting on the mat after the set).
    private bool RepeatsAfterUnseenRep(in RepCandidate previous, Geometry.Vec3 previousDir, in RepCandidate c)
    {
        const double cos60 = 0.5;
        if (!_checkSide || !_alternates || Geometry.Vec3.Dot(c.Direction, previousDir) <= cos60) return false;
        return _dataGaps.AnyBetween(previous.Phases.EccentricEndS, c.StartS);
    }

    private void CloseSet<TSink>(TSink sink) where TSink : IMotionEventSink
    {
        _hasLate = false;
        // Only a full run is trusted to show the movement (a short set may be fidgets that happened to line up).
        if (_repInSet >= _settings.MinRunReps && _oneAxis) _priorAxis = _axisSum;
        if (_hasLast) sink.OnRep(ToResult(_last, _repInSet, 0));
        sink.OnSet(new SetResult(_set, _setStartS, _last.EndS, _repInSet));
        _setOpen = _hasLast = false;
    }

    private RepResult ToResult(in RepCandidate c, int rep, double topPauseS)
    {
        var p = c.Phases;
        return new RepResult(_set, rep, p.EccentricStartS, p.ConcentricEndS,
            p.EccentricS, p.BottomPauseS, p.ConcentricS, topPauseS, p.PeakFlexionDeg,
            _alerts.KindsDuring(p.EccentricStartS, p.ConcentricEndS));
    }

    // Reps of a set resemble each other. A deeper rep is still a rep (a tired athlete rounding to reach lower),
    // but something clearly shallower than every rep so far is not; after a pause (longer than 4 s and than the
    // reps themselves) the bar is higher, because that is when athletes reach for a bottle or change position.
    private bool ResemblesSet(in RepCandidate previous, in RepCandidate c)
    {
        double dur = _durSum / _repInSet;
        // Each-side tilt work is judged mostly by its axis and side (OnSetAxis, SideFits) and rhythm: a 2–6° pelvic
        // tilt varies by a factor of two from rep to rep, so size alone would drop real reps.
        // (Only the lower bounds are relaxed: 1.4 × amplitude against them.)
        double durRatio = c.DurationS / dur, amp = c.AmplitudeDeg, ampLow = _smallTilt ? amp * 1.4 : amp;
        double gapS = c.StartS - previous.EndS;
        // Turning over midway through a side-lying set takes longer than the set's rhythm, and the first rep on the new
        // side is measured from a start that is still settling (the estimated tilt converges for seconds after the roll):
        // it is judged as after a breather, not as a lone excursion long after the set.
        bool turnedOver = _rollsBack && c.StartUp.Y * previous.StartUp.Y < 0;
        if (gapS > Math.Max(6.0, 2 * dur) && !turnedOver) // long after the set's rhythm: only a rep just like the others
            return ampLow > 0.85 * _ampMin && amp < 1.2 * _ampMax && durRatio is > 0.6 and < 1.6;
        // A packet-loss gap (≥ 1 s) inside the excursion may have hidden its deepest part: the size measured is then only
        // a lower bound, so unless it comes long after the set's rhythm (above) it is not refused for looking shallower.
        if (_dataGaps.AnyBetween(c.StartS, c.EndS)) ampLow = double.PositiveInfinity;
        if (gapS > Math.Max(4.0, dur))
            return ampLow > 0.8 * _ampMin && amp < 1.5 * _ampMax && durRatio is > 0.4 and < 2.5;
        // In the set's rhythm a much deeper rep is still a rep: a tired athlete rounding to reach lower is exactly the
        // rep to count and flag (the rounding reps of a goblet squat go 2.5× deeper than the others).
        return ampLow > 0.7 * _ampMin && amp < 3.5 * (_ampSum / _repInSet) && durRatio is > 0.33 and < 3.0;
    }

    // Left and right are mirror images about the sagittal plane: flip the left (y) component.
    // pStartUp is the start position p was measured from: side-lying work compares p only on the same side.
    private bool SideFits(Geometry.Vec3 p, Geometry.Vec3 pStartUp, in RepCandidate c)
    {
        if (_rollsBack) return SideLyingAxisRun.RollFits(p, pStartUp, c);
        if (!_checkSide) return true;
        const double cos60 = 0.5;
        var mirrored = new Geometry.Vec3(p.X, -p.Y, p.Z);
        bool mirrors = Geometry.Vec3.Dot(c.Direction, mirrored) > cos60;
        bool repeats = Geometry.Vec3.Dot(c.Direction, p) > cos60;
        return _alternates ? mirrors : mirrors || repeats;
    }

    // Like one of the run so far: a single deeper (rounded) rep inside the run does not make the next normal rep a
    // stranger. Each-side tilt work, alternating included, gets the lower slack of ResemblesSet: the pelvic tilt is a side
    // effect of the limb's movement, and one side often tilts the pelvis three times as far as the other (a dead bug's
    // weaker side braces less), so the first two reps of a set may differ that much.
    private bool SimilarToRun(in RepCandidate c)
    {
        for (int i = 0; i < _pendingCount; i++)
            if (Similar(_pending[i], c, _smallTilt ? 1.4 : 1.0)) return true;
        return false;
    }

    // Each-side work moves the pelvis along one axis, mirrored for the other side (left and right differ only in the
    // sign of the left component); a fidget on the mat (shifting, rolling, scratching) points anywhere. Folding the
    // left component onto one side puts both sides' reps on the set's axis.
    private bool OnSetAxis(in RepCandidate c, double minCos)
    {
        if (!_oneAxis || _repInSet < 2) return true;
        return AxisAngleCos(_axisSum, c.Direction) >= minCos;
    }

    // A short set must be unmistakable: every excursion within 1.6× of the others in size and time, on one axis.
    private const double ShortSetRatio = 1.6;
    private static readonly double ShortSetAxisCos = Math.Cos(Angle.DegToRad(25));
}
