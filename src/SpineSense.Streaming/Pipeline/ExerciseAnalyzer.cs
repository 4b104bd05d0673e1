using SpineSense.Motion.Analysis;
using SpineSense.Motion.Calibration;
using SpineSense.Motion.Exercises;
using SpineSense.Motion.Results;
using SpineSense.Motion.Samples;

namespace SpineSense.Streaming.Pipeline;

/// <summary>
/// The motion core for a whole session of several exercises. <see cref="LumbarAnalyzer"/> is armed for one exercise
/// for the life of a stream, so when the plan moves on this re-arms a new analyzer for the next exercise, which takes
/// over the calibration and the orientation of the one before (<see cref="LumbarAnalyzer.ContinueFrom"/>): angles
/// continue where the athlete is. A switch before calibration finished calibrates the new analyzer with the session's
/// own neutral-standing window (kept from the start), replayed just before the switch, invisibly to the caller.
/// Single-threaded (the pipeline thread). After calibration it allocates nothing per sample.
/// </summary>
public sealed class ExerciseAnalyzer : IMotionEventSink
{
    /// <summary>Seconds between the replayed calibration window and the next live sample (> the filter's gap threshold).</summary>
    private const double ReplayLeadS = 0.25;

    private readonly Func<string, SafetyLimits?> _athleteLimits;
    private readonly double _calibrationS;
    private readonly List<ImuSample> _calibrationWindow = [];
    private LumbarAnalyzer _analyzer;
    private bool _replaying, _windowComplete;
    private double _firstTimeS = double.NaN, _lastTimeS = double.NegativeInfinity;

    // Output of the batch being analysed.
    private SpineAngles[] _angles = [];
    private ImuSample[] _batch = [];
    private int _frameIndex;
    private readonly List<MotionEventItem> _events = [];

    /// <param name="athleteLimits">Per-athlete limits for an exercise id (null = the exercise's defaults).</param>
    public ExerciseAnalyzer(string exerciseId, Func<string, SafetyLimits?>? athleteLimits = null, double calibrationS = 2.0)
    {
        _athleteLimits = athleteLimits ?? (_ => null);
        _calibrationS = calibrationS;
        ExerciseId = exerciseId;
        _analyzer = Create(exerciseId);
    }

    public string ExerciseId { get; private set; }

    /// <summary>Limits in force for the current exercise (athlete's over the exercise defaults).</summary>
    public SafetyLimits Limits => _analyzer.Limits;

    public bool IsCalibrated => _analyzer.IsCalibrated;

    /// <summary>The last frame produced (for snapshots); default before calibration.</summary>
    public MotionFrame LastFrame { get; private set; }

    /// <summary>Limits that would be in force for <paramref name="exerciseId"/>.</summary>
    public SafetyLimits LimitsFor(string exerciseId)
    {
        var profile = ExerciseProfiles.Get(exerciseId);
        return _athleteLimits(exerciseId)?.Over(profile.Limits) ?? profile.Limits;
    }

    /// <summary>Analyses one batch: fills the angles of each sample (NaN while calibrating) and collects events.</summary>
    public AnalyzedBatch Analyze(SampleBatch batch)
    {
        var samples = batch.Samples;
        _batch = samples;
        _angles = new SpineAngles[samples.Length];
        Array.Fill(_angles, Nan);
        _frameIndex = 0;
        _events.Clear();
        for (int i = 0; i < samples.Length; i++)
        {
            ref readonly var s = ref samples[i];
            if (s.TimeS <= _lastTimeS) continue; // the order stage guarantees this; never feed the core backwards
            _lastTimeS = s.TimeS;
            KeepForCalibration(s);
            _analyzer.Process(s, this);
        }
        _batch = [];
        var events = _events.Count == 0 ? Array.Empty<MotionEventItem>() : _events.ToArray();
        return new AnalyzedBatch(batch, _angles, events, ExerciseId);
    }

    /// <summary>Ends the current exercise (closing its open set, hold and alerts) and arms the next one at <paramref name="atTimeS"/>.</summary>
    public MotionEventItem[] SwitchTo(string exerciseId, double atTimeS)
    {
        _events.Clear();
        _angles = [];
        _batch = [];
        _analyzer.Finish(this);
        var finished = _events.ToArray();
        _events.Clear();
        ExerciseId = exerciseId;
        var previous = _analyzer;
        _analyzer = Create(exerciseId);
        // Calibrated: the new exercise continues the orientation where the athlete is. Otherwise (switched during
        // the first seconds) the session's neutral window is replayed to calibrate it.
        if (previous.IsCalibrated) _analyzer.ContinueFrom(previous);
        else if (_windowComplete && _calibrationWindow.Count > 1)
        {
            // Replay the session's neutral window just before now, in strictly increasing time.
            double shift = atTimeS - ReplayLeadS - _calibrationWindow[^1].TimeS;
            if (_lastTimeS > double.NegativeInfinity) shift = Math.Min(shift, _lastTimeS - _calibrationWindow[^1].TimeS + 1e-6 - ReplayLeadS);
            _replaying = true;
            foreach (var s in _calibrationWindow) _analyzer.Process(s with { TimeS = s.TimeS + shift }, this);
            _replaying = false;
        }
        return finished;
    }

    /// <summary>End of stream: flushes the open set, hold and alerts.</summary>
    public MotionEventItem[] Finish()
    {
        _events.Clear();
        _angles = [];
        _analyzer.Finish(this);
        return _events.ToArray();
    }

    private LumbarAnalyzer Create(string exerciseId)
    {
        var profile = ExerciseProfiles.Get(exerciseId);
        return new LumbarAnalyzer(new AnalyzerSettings(profile, _athleteLimits(exerciseId), _calibrationS,
            Holds: ExerciseProfiles.HoldSettingsFor(exerciseId)));
    }

    private void KeepForCalibration(in ImuSample s)
    {
        if (_windowComplete) return;
        if (double.IsNaN(_firstTimeS)) _firstTimeS = s.TimeS;
        if (s.TimeS - _firstTimeS <= _calibrationS + 0.05) _calibrationWindow.Add(s);
        else _windowComplete = true;
    }

    private static readonly SpineAngles Nan = new(double.NaN, double.NaN, double.NaN);

    void IMotionEventSink.OnCalibrated(in NeutralCalibration calibration)
    {
        if (!_replaying) _events.Add(new MotionEventItem(MotionEventKind.Calibrated, _lastTimeS));
    }

    void IMotionEventSink.OnFrame(in MotionFrame frame)
    {
        if (_replaying) return;
        LastFrame = frame;
        // Frames arrive one per input sample, in order; the calibration window's frames arrive all at once when it
        // completes, partly for samples of earlier batches (those keep NaN angles). Match this batch's slots by time.
        while (_frameIndex < _batch.Length && _batch[_frameIndex].TimeS < frame.TimeS) _frameIndex++;
        if (_frameIndex < _batch.Length && _batch[_frameIndex].TimeS == frame.TimeS) _angles[_frameIndex++] = frame.Angles;
    }

    void IMotionEventSink.OnAlertRaised(in AlertEvent alert)
    {
        if (!_replaying) _events.Add(new MotionEventItem(MotionEventKind.AlertRaised, alert.TimeS, Alert: alert));
    }

    void IMotionEventSink.OnAlert(in AlertEvent alert)
    {
        if (!_replaying) _events.Add(new MotionEventItem(MotionEventKind.Alert, alert.TimeS, Alert: alert));
    }

    void IMotionEventSink.OnRepDetected(in RepResult rep)
    {
        if (!_replaying) _events.Add(new MotionEventItem(MotionEventKind.RepDetected, rep.EndS, Rep: rep));
    }

    void IMotionEventSink.OnRep(in RepResult rep)
    {
        if (!_replaying) _events.Add(new MotionEventItem(MotionEventKind.Rep, rep.EndS, Rep: rep));
    }

    void IMotionEventSink.OnSet(in SetResult set)
    {
        if (!_replaying) _events.Add(new MotionEventItem(MotionEventKind.Set, set.EndS, Set: set));
    }

    void IMotionEventSink.OnHoldStarted(double startS)
    {
        if (!_replaying) _events.Add(new MotionEventItem(MotionEventKind.HoldStarted, startS));
    }

    void IMotionEventSink.OnHold(in HoldResult hold)
    {
        if (!_replaying) _events.Add(new MotionEventItem(MotionEventKind.Hold, hold.EndS, Hold: hold));
    }
}
