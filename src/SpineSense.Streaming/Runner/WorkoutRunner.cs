using SpineSense.Motion.Results;
using SpineSense.Streaming.Live;
using SpineSense.Streaming.Plans;

namespace SpineSense.Streaming.Runner;

/// <summary>
/// Moves through a <see cref="WorkoutPlan"/> as the motion core reports reps, holds, sets and alerts: current exercise
/// and set, reps against target, rest timer, set and session summaries. Pure and single-threaded: it is driven with
/// session time (seconds) by its caller and reports through the <c>emit</c> callback, so tests need no clock.
/// </summary>
/// <remarks>
/// A set opens with its first rep (or hold) and closes when the motion core ends it (<see cref="OnSetEnded"/>), when
/// <see cref="SetGapS"/> passes without a rep (contract section 5, checked by <see cref="Tick"/>), or when its holds
/// are done. The runner does not rely on the core's set numbering, so a core that is re-armed per exercise and one
/// that numbers sets across the session both work. When a step's sets are done the next step starts; after the last
/// step the session is finished. <see cref="Advance"/> is the athlete's "next exercise" button.
/// </remarks>
public sealed class WorkoutRunner
{
    /// <summary>Contract section 5: a gap of 15 s without reps ends a set.</summary>
    public const double SetGapS = 15;

    /// <summary>
    /// A timed hold (one per set, e.g. a stretch) is done when the time held reaches the plan's minimum less this: the
    /// motion core places each end of a hold to about ±0.5 s, so a hold of exactly the planned time can read 1 s short.
    /// </summary>
    public const double HoldTimeToleranceS = 1.0;

    private readonly WorkoutPlan _plan;
    private readonly Action<SessionEvent> _emit;
    private readonly Func<string, (double? FlexionDeg, double? ExtensionDeg)>? _limits;
    private readonly List<SetSummary> _sets = [];
    private readonly List<double> _repDurationsS = [];
    // Alerts raised while no set was open. The core reports a rep at its end (the first reps of a set often later
    // still), but an alert at the crossing: the alerts of a set's first reps arrive before the set opens, and are
    // counted into it once it does (those from before its first rep's start were not in the set).
    private readonly List<(double TimeS, AlertKind Kind)> _alertsOutsideSet = [];

    private int _step;
    private int _completedSetsInStep;
    private bool _setOpen;
    private double _setStartS, _lastActivityS, _restStartS, _sessionStartS = double.NaN, _nowS;
    private int _reps, _holds, _setAlerts, _totalReps, _totalHolds, _totalAlerts;
    private double _peakFlexionDeg = double.NaN, _holdS;
    private AlertKind _setAlertKinds;
    private RunnerPhase _phase = RunnerPhase.Ready;
    private bool _started, _canReopen, _awaitingNext;

    /// <param name="limits">Limits in force per exercise id (athlete override or catalog default), for display.</param>
    public WorkoutRunner(WorkoutPlan plan, Action<SessionEvent> emit,
        Func<string, (double? FlexionDeg, double? ExtensionDeg)>? limits = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(emit);
        if (plan.Steps.Count == 0) throw new ArgumentException("plan has no steps", nameof(plan));
        _plan = plan;
        _emit = emit;
        _limits = limits;
    }

    public WorkoutPlan Plan => _plan;

    public bool IsFinished => _phase == RunnerPhase.Finished;

    /// <summary>The step the athlete is on (the last one once finished).</summary>
    public PlanStep CurrentStep => _plan.Steps[Math.Min(_step, _plan.Steps.Count - 1)];

    public IReadOnlyList<SetSummary> CompletedSets => _sets;

    /// <summary>0-based index of the current step (the last one once finished).</summary>
    public int StepIndex => Math.Min(_step, _plan.Steps.Count - 1);

    /// <summary>Emits the first <see cref="ExerciseStarted"/> and state. Called once, at session start.</summary>
    public void Start(double nowS)
    {
        if (_started) return;
        _started = true;
        _sessionStartS = nowS;
        _nowS = nowS;
        _emit(new ExerciseStarted(nowS, 0, CurrentStep.ExerciseId));
        EmitState();
    }

    public void OnRep(in RepResult rep)
    {
        if (!Accepting(rep.EndS)) return;
        var step = CurrentStep;
        if (step.IsHold) return; // the core is armed for this exercise; a rep during a hold step is not the plan's
        if (!_setOpen && _canReopen && rep.StartS - _sets[^1].EndS < ReopenWindowS(step, _sets[^1])) Reopen();
        OpenSetIfNeeded(rep.StartS);
        _reps++;
        _totalReps++;
        _lastActivityS = Math.Max(_lastActivityS, rep.EndS);
        double durS = rep.EndS - rep.StartS;
        _repDurationsS.Add(durS);
        if (double.IsNaN(_peakFlexionDeg) || rep.PeakFlexionDeg > _peakFlexionDeg) _peakFlexionDeg = rep.PeakFlexionDeg;
        _emit(new RepCounted(rep.EndS, step.ExerciseId, CurrentSetNumber, _reps, step.RepsPerSet, rep));
        // Target reached: the set is done now, so the rest timer (or the next exercise) starts at once.
        if (_reps == step.RepsPerSet) CloseSet(rep.EndS);
        else EmitState();
    }

    public void OnHold(in HoldResult hold)
    {
        if (!Accepting(hold.EndS)) return;
        var step = CurrentStep;
        if (!step.IsHold) return;
        OpenSetIfNeeded(hold.StartS);
        _holdS += hold.DurationS;
        _lastActivityS = Math.Max(_lastActivityS, hold.EndS);
        // One timed hold per set (a stretch): what counts is the time held. A few seconds of it is not the planned hold;
        // the athlete may come out and settle back in, so the time of each hold adds up until the planned minimum.
        // Holds per side (side plank) count one per side, whatever their length.
        bool counts = !IsTimedHold(step) || _holdS >= step.HoldMinS!.Value - HoldTimeToleranceS;
        if (counts)
        {
            _holds++;
            _totalHolds++;
        }
        _emit(new HoldCompleted(hold.EndS, step.ExerciseId, CurrentSetNumber, hold));
        if (_holds >= step.HoldsPerSet) CloseSet(hold.EndS);
        else EmitState();
    }

    /// <summary>The motion core ended a set (its own gap rule). Closes the open set, if any.</summary>
    public void OnSetEnded(in SetResult set)
    {
        if (!Accepting(set.EndS)) return;
        if (_setOpen && !CurrentStep.IsHold) CloseSet(Math.Max(set.EndS, _lastActivityS));
    }

    public void OnAlert(in AlertEvent alert)
    {
        if (!Accepting(alert.TimeS)) return;
        _totalAlerts++;
        if (_setOpen)
        {
            _setAlerts++;
            _setAlertKinds |= alert.Kind;
        }
        else
        {
            _alertsOutsideSet.Add((alert.TimeS, alert.Kind));
        }
        _emit(new AlertRaised(alert.TimeS, CurrentStep.ExerciseId, alert));
    }

    /// <summary>Advances the clock: closes a set after <see cref="SetGapS"/> without reps and runs the rest timer.</summary>
    public void Tick(double nowS)
    {
        if (!_started || IsFinished || nowS <= _nowS) return;
        _nowS = nowS;
        if (_setOpen && !CurrentStep.IsHold && nowS - _lastActivityS >= SetGapS) CloseSet(_lastActivityS);
        else if (_awaitingNext && nowS - _restStartS >= CurrentStep.RestS) NextStep();
        else if (_phase == RunnerPhase.Resting) EmitState();
    }

    /// <summary>The athlete's "next": closes the open set (if any) and moves to the next step even if sets remain.</summary>
    public void Advance(double nowS)
    {
        if (!_started || IsFinished) return;
        _nowS = Math.Max(_nowS, nowS);
        int step = _step;
        if (_setOpen) CloseSet(Math.Max(_lastActivityS, _setStartS));
        // Closing the last set may already have moved on: "next" moves one step, not two.
        if (!IsFinished && _step == step) NextStep();
    }

    /// <summary>
    /// "Next" pressed on the way to step <paramref name="stepIndex"/>: moves forward to it unless the runner is already
    /// there or past it (then nothing happens, so a scripted press never undoes the runner's own progress).
    /// </summary>
    public void AdvanceTo(int stepIndex, double nowS)
    {
        while (_started && !IsFinished && _step < stepIndex) Advance(nowS);
    }

    /// <summary>Ends the session now (stopped early or the stream ended). Closes the open set.</summary>
    public WorkoutSummary Finish(double nowS)
    {
        _nowS = Math.Max(_nowS, nowS);
        if (_setOpen) CloseSet(_lastActivityS);
        _phase = RunnerPhase.Finished;
        return Summary();
    }

    public WorkoutSummary Summary() => new(
        _plan.Name, double.IsNaN(_sessionStartS) ? 0 : _sessionStartS, _nowS, _sets.ToArray(),
        _totalReps, _totalHolds, _totalAlerts, _plan.TotalSets,
        Completed: _step >= _plan.Steps.Count);

    public RunnerState State()
    {
        var step = CurrentStep;
        var (flex, ext) = _limits?.Invoke(step.ExerciseId) ?? (null, null);
        double? rest = _phase == RunnerPhase.Resting ? step.RestS - (_nowS - _restStartS) : null;
        // Finished: show the last step as done rather than a fresh set of it.
        int set = IsFinished ? step.Sets : CurrentSetNumber;
        return new RunnerState(
            Math.Min(_step, _plan.Steps.Count - 1), _plan.Steps.Count, step.ExerciseId,
            set, step.Sets, _reps, step.RepsPerSet, _holds, step.HoldsPerSet,
            _phase, rest, flex, ext);
    }

    /// <summary>A hold step with one hold per set and a planned minimum time: done by time held, not by count.</summary>
    private static bool IsTimedHold(PlanStep step) => step.IsHold && step.HoldsPerSet == 1 && step.HoldMinS is > 0;

    // Beyond the plan's sets (the athlete did an extra one) the number keeps counting: "set 4/3".
    private int CurrentSetNumber => _completedSetsInStep + 1;

    private bool Accepting(double timeS)
    {
        if (!_started || IsFinished) return false;
        if (timeS > _nowS) _nowS = timeS;
        return true;
    }

    private void OpenSetIfNeeded(double startS)
    {
        if (_setOpen) return;
        _setOpen = true;
        _setStartS = startS;
        _lastActivityS = startS;
        _reps = 0;
        _holds = 0;
        _holdS = 0;
        _setAlerts = 0;
        _setAlertKinds = AlertKind.None;
        _peakFlexionDeg = double.NaN;
        _repDurationsS.Clear();
        _phase = RunnerPhase.InSet;
        CountAlertsSinceSetStart();
    }

    // Alerts that arrived while no set was open but happened inside the (re)opened set count toward it.
    private void CountAlertsSinceSetStart()
    {
        foreach (var (timeS, kind) in _alertsOutsideSet)
        {
            if (timeS < _setStartS) continue;
            _setAlerts++;
            _setAlertKinds |= kind;
        }
        _alertsOutsideSet.Clear();
    }

    private void CloseSet(double endS)
    {
        var step = CurrentStep;
        var (meanS, cvPct) = MeanAndCv(_repDurationsS);
        var summary = new SetSummary(
            _step, step.ExerciseId, CurrentSetNumber, step.Sets,
            _reps, step.RepsPerSet, _holds, step.HoldsPerSet,
            _setStartS, endS, meanS, cvPct, _peakFlexionDeg, _holdS, _setAlerts, _setAlertKinds);
        _sets.Add(summary);
        _setOpen = false;
        _completedSetsInStep++;
        // A set the core ended short of its target may just have had a long pause (or missed reps): the next rep soon
        // after continues it (see ReopenWindowS), and a short last set waits for more reps or the planned rest.
        // A hold set ended short (the stream ended, or "next" during a stretch not held for its time) is not done either.
        bool shortOfTarget = !summary.TargetMet;
        _canReopen = summary.RepsTarget is not null;
        _emit(new SetCompleted(endS, summary));
        if (_completedSetsInStep >= step.Sets && !shortOfTarget) NextStep();
        else
        {
            _awaitingNext = _completedSetsInStep >= step.Sets;
            _phase = RunnerPhase.Resting;
            _restStartS = endS;
            _reps = 0;
            _holds = 0;
            EmitState();
        }
    }

    /// <summary>
    /// A rep this soon after a closed set belongs to it: within the contract's 15 s after a set that met its target
    /// (an extra rep), within half the planned rest (at least 15 s) after a set the core ended short of target.
    /// </summary>
    private static double ReopenWindowS(PlanStep step, SetSummary last) =>
        last.TargetMet ? SetGapS : Math.Max(SetGapS, step.RestS / 2);

    // The last set was closed short of target and a rep came soon after: it was one set after all.
    private void Reopen()
    {
        var last = _sets[^1];
        _sets.RemoveAt(_sets.Count - 1);
        _completedSetsInStep--;
        _setOpen = true;
        _canReopen = false;
        _awaitingNext = false;
        _phase = RunnerPhase.InSet;
        _reps = last.Reps;
        _holds = last.Holds;
        _setStartS = last.StartS;
        _lastActivityS = last.EndS;
        CountAlertsSinceSetStart();
        // _repDurationsS, _peakFlexionDeg, _setAlerts, _setAlertKinds and _holdS still hold the set's values: they are
        // reset only when a new set opens.
    }

    private void NextStep()
    {
        _canReopen = false;
        _awaitingNext = false;
        _alertsOutsideSet.Clear();
        _step++;
        _completedSetsInStep = 0;
        _reps = 0;
        _holds = 0;
        if (_step >= _plan.Steps.Count)
        {
            _phase = RunnerPhase.Finished;
            EmitState();
            return;
        }
        _phase = RunnerPhase.Ready;
        _emit(new ExerciseStarted(_nowS, _step, CurrentStep.ExerciseId));
        EmitState();
    }

    private void EmitState() => _emit(new RunnerStateChanged(_nowS, State()));

    private static (double MeanS, double CvPct) MeanAndCv(List<double> durationsS)
    {
        if (durationsS.Count == 0) return (0, 0);
        double sum = 0;
        foreach (double d in durationsS) sum += d;
        double mean = sum / durationsS.Count;
        double ss = 0;
        foreach (double d in durationsS) ss += (d - mean) * (d - mean);
        double sd = durationsS.Count > 1 ? Math.Sqrt(ss / (durationsS.Count - 1)) : 0;
        return (mean, mean > 0 ? 100 * sd / mean : 0);
    }
}
