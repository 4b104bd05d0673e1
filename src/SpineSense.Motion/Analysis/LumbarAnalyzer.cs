using SpineSense.Motion.Alerts;
using SpineSense.Motion.Calibration;
using SpineSense.Motion.Exercises;
using SpineSense.Motion.Geometry;
using SpineSense.Motion.Holds;
using SpineSense.Motion.Orientation;
using SpineSense.Motion.Reps;
using SpineSense.Motion.Results;
using SpineSense.Motion.Samples;

namespace SpineSense.Motion.Analysis;

/// <summary>
/// The per-stream motion core: raw samples in, angles and events out through a sink. The same object
/// serves live sessions, offline analysis and benchmarks. Causal: alerts are raised within 0.2 s of the
/// crossing (flexion/extension alerts after a packet-loss gap over 0.5 s wait until gravity confirms the tilt the gap
/// bridge guessed: the first trustworthy sample, at most 2 s); a rep is reported once its concentric phase ended (the first reps of a set once the run that
/// opens the set is complete). Not thread-safe; one instance per sensor stream. After calibration it
/// allocates nothing per sample.
/// </summary>
/// <example>
/// <code>
/// var analyzer = new LumbarAnalyzer(AnalyzerSettings.For("romanian-deadlift"));
/// foreach (var s in samples) analyzer.Process(s, sink);
/// analyzer.Finish(sink);
/// </code>
/// </example>
public sealed class LumbarAnalyzer
{
    // Contract: calibration windows are a few seconds of data at ≤ 833 Hz; this bounds the replay buffer.
    private const double MaxRateHz = 1000;
    // sin(60°): lying on a side beyond this roll, flexion_deg raises no alerts (compared as a sine: no asin per sample).
    private const double MaxRollSinForFlexionAlerts = 0.86602540378443865;
    // How far a literal flexion/extension may read past what gravity's sagittal inclination allows before it is taken
    // for heading: with the heading right they differ only through side bend combined with axial twist, a second-order
    // effect (a 22° over-arch with 20° of side bend and 30° of twist inclines the trunk 10.7° back); a heading error
    // over 90° flips the sign of the literal angle (a 50° hinge reads as extension).
    private const double HeadingOnlyMarginDeg = 15;

    private readonly AnalyzerSettings _settings;
    private readonly CalibrationAccumulator _calibration;
    private readonly ImuSample[] _calibrationSamples;
    private int _calibrationCount;
    private AttitudeFilter? _attitude;
    // Resolved here, not when calibration completes: that sample allocates the attitude filter alone.
    private readonly AttitudeSettings _attitudeSettings;

    private ExcursionAlarm _flexion, _extension, _rotation, _impact;
    private readonly AlertLog _alertLog = new();
    private readonly ExcursionDetector? _excursions;
    private readonly RepSequencer _sequencer;
    private readonly HoldDetector? _holds;
    private VerticalLevel _level = new(); // the sensor's height vs standing: carried to the next exercise
    private readonly Posture _posture;

    private double _sagittalDeg, _lastTimeS = double.NaN;
    // HeadingOnlyMarginDeg for a limit at or past neutral; none (∞) for a negative one (the 45° bench's "past the line
    // of the legs", extension below +20°): a trunk still inclined forward does go past that limit when the athlete faces
    // 60–70° away from where they calibrated, and the literal angle is then the truth.
    private readonly double _flexionHeadingMarginDeg, _extensionHeadingMarginDeg;
    private bool _hasSagittal;

    public LumbarAnalyzer(AnalyzerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (!(settings.CalibrationS > 0) || settings.CalibrationS > 60)
            throw new ArgumentOutOfRangeException(nameof(settings), "CalibrationS must be in (0, 60] seconds");
        var alertSettings = settings.Alerts ?? new AlertSettings();
        alertSettings.Validate();
        var repSettings = settings.Reps ?? new RepSettings();
        repSettings.Validate();
        _attitudeSettings = settings.Attitude ?? new AttitudeSettings();
        _attitudeSettings.Validate();
        _settings = settings;
        Limits = settings.EffectiveLimits;
        _posture = settings.Exercise.Posture;

        _calibration = new CalibrationAccumulator(settings.CalibrationS);
        _calibrationSamples = new ImuSample[(int)Math.Ceiling(settings.CalibrationS * MaxRateHz) + 16];

        var a = alertSettings;
        _flexion = Alarm(AlertKind.Flexion, Limits.MaxFlexionDeg, a.AngleHysteresisDeg, a.AngleDwellS, a.MergeS);
        _extension = Alarm(AlertKind.Extension, Limits.MaxExtensionDeg, a.AngleHysteresisDeg, a.AngleDwellS, a.MergeS);
        _rotation = Alarm(AlertKind.Rotation, Limits.MaxRotationDps, a.RateHysteresisDps, a.RateDwellS, a.MergeS, magnitudeOfSigned: true);
        _impact = Alarm(AlertKind.Impact, Limits.MaxImpactG, a.ImpactHysteresisG, a.ImpactDwellS, a.MergeS);
        _flexionHeadingMarginDeg = Limits.MaxFlexionDeg is < 0 ? double.PositiveInfinity : HeadingOnlyMarginDeg;
        _extensionHeadingMarginDeg = Limits.MaxExtensionDeg is < 0 ? double.PositiveInfinity : HeadingOnlyMarginDeg;

        if (!settings.Exercise.IsHold && settings.Exercise.Signal != PrimarySignal.None)
            _excursions = new ExcursionDetector(settings.Exercise, repSettings);
        _sequencer = new RepSequencer(repSettings, _alertLog, settings.Exercise);
        if (settings.Exercise.IsHold) _holds = new HoldDetector(settings.Holds ?? HoldSettings.For(settings.Exercise));
    }

    /// <summary>The limits in force (settings over the exercise's defaults).</summary>
    public SafetyLimits Limits { get; }

    public AnalyzerSettings Settings => _settings;

    /// <summary>True once the calibration window is complete.</summary>
    public bool IsCalibrated => _attitude is not null;

    /// <summary>When the calibration window stopped being quiet standing (NaN: it was quiet). See
    /// <see cref="CalibrationAccumulator.FirstMotionS"/>.</summary>
    public double CalibrationMotionS => _calibration.FirstMotionS;

    /// <summary>The calibration, once <see cref="IsCalibrated"/>.</summary>
    public NeutralCalibration Calibration { get; private set; }

    /// <summary>Current gyro-bias estimate (sensor frame, deg/s); it keeps tracking after calibration.</summary>
    public Vec3 GyroBiasDps => _attitude?.GyroBiasDps ?? default;

    /// <summary>
    /// Takes over a calibrated analyzer's calibration and tilt, for the next exercise of the same stream: the segment
    /// is where it is, so a new exercise must not start from neutral and sweep to the current posture (that sweep
    /// crossed limits, e.g. a flexion alert while getting up from all fours). The heading is re-taken (the athlete's
    /// current facing becomes neutral): it is gyro-only, and over a 45-minute session its drift, near the gimbal lock
    /// of side-lying work, turned into false extension alerts. Reps, holds and alerts start fresh; an alert needs a
    /// crossing, so a posture already beyond a limit raises nothing until it comes back and goes out again.
    /// <paramref name="previous"/> must not be used afterwards (the orientation state is moved).
    /// </summary>
    public void ContinueFrom(LumbarAnalyzer previous)
    {
        ArgumentNullException.ThrowIfNull(previous);
        if (_attitude is not null || _calibrationCount > 0) throw new InvalidOperationException("this analyzer has already started");
        if (previous._attitude is null) throw new InvalidOperationException("the previous analyzer is not calibrated");
        Calibration = previous.Calibration;
        _attitude = previous._attitude;
        previous._attitude = null;
        _attitude.ResetHeading();
        _lastTimeS = previous._lastTimeS;
        _sagittalDeg = previous._sagittalDeg;
        _hasSagittal = previous._hasSagittal;
        _level = previous._level;
    }

    /// <summary>Processes one sample. Samples must arrive in strictly increasing time order.</summary>
    public void Process(in ImuSample sample, IMotionEventSink sink) => Process<IMotionEventSink>(sample, sink);

    /// <summary>As <see cref="Process(in ImuSample, IMotionEventSink)"/>, generic so a struct or sealed sink
    /// is called without interface dispatch.</summary>
    public void Process<TSink>(in ImuSample sample, TSink sink) where TSink : IMotionEventSink
    {
        if (sample.TimeS <= _lastTimeS) return; // duplicates and reordering are the transport's business; never go back
        _lastTimeS = sample.TimeS;
        if (_attitude is null)
        {
            if (_calibration.Add(sample))
            {
                if (_calibrationCount < _calibrationSamples.Length) _calibrationSamples[_calibrationCount++] = sample;
                return;
            }
            if (!TryStart(sink)) return;
        }
        Step(sample, sink);
    }

    /// <summary>End of stream: ends open alert excursions, the open set and an open hold.</summary>
    public void Finish(IMotionEventSink sink) => Finish<IMotionEventSink>(sink);

    public void Finish<TSink>(TSink sink) where TSink : IMotionEventSink
    {
        if (_attitude is null) return;
        FlushAlarm(ref _flexion, sink);
        FlushAlarm(ref _extension, sink);
        FlushAlarm(ref _rotation, sink);
        FlushAlarm(ref _impact, sink);
        _sequencer.Finish(sink);
        _holds?.Finish(sink);
    }

    private bool TryStart<TSink>(TSink sink) where TSink : IMotionEventSink
    {
        if (!_calibration.TryGetCalibration(out var cal)) return false;
        cal = cal.WithGravityReferencedBias(_calibrationSamples.AsSpan(0, _calibrationCount));
        Calibration = cal;
        _attitude = new AttitudeFilter(cal, _attitudeSettings);
        sink.OnCalibrated(cal);
        // The window's own samples get frames too (one per input sample), run through the same filter.
        for (int i = 0; i < _calibrationCount; i++) Step(_calibrationSamples[i], sink);
        _calibrationCount = 0;
        return true;
    }

    private void Step<TSink>(in ImuSample s, TSink sink) where TSink : IMotionEventSink
    {
        var attitude = _attitude!;
        attitude.Update(s.TimeS, new Vec3(s.AccXG, s.AccYG, s.AccZG), new Vec3(s.GyrXDps, s.GyrYDps, s.GyrZDps));
        Quat q = attitude.Orientation;
        Mat3 r = q.ToMatrix();
        SpineAngles angles = CardanAngles.FromRelative(r);
        // World up in the segment frame is the third row of R: gravity sees it whatever the heading.
        var upBody = new Vec3(r.M20, r.M21, r.M22);
        double sagittalWrappedDeg = Angle.RadToDeg(Math.Atan2(-upBody.X, upBody.Z));
        UnwrapSagittal(sagittalWrappedDeg);
        double axialDps = attitude.RateDps.Z;
        double accG = Math.Sqrt(s.AccXG * s.AccXG + s.AccYG * s.AccYG + s.AccZG * s.AccZG);

        // Lying on a side (the segment's left axis within 30° of vertical), flexion_deg is set by the heading: which way
        // along the floor the head points decides whether the trunk line reads as lateral bend (near the gimbal lock of
        // the contract's sequence) or as flexion, and a degree of heading error moves it by many degrees. So it raises no
        // flexion/extension alerts there. Judged from gravity (upBody.Y = sin of the roll), not from lateral_deg: with
        // the heading drifted, lateral_deg of a trunk lying on its side reads 55° and flexion 70° (false alerts).
        double flexForAlerts = Math.Abs(upBody.Y) < MaxRollSinForFlexionAlerts ? angles.FlexionDeg : double.NaN;
        // After a long packet-loss gap, until gravity has confirmed the tilt, the angle is the gap bridge's guess (tens
        // of degrees off when the gap hid a movement): those samples are not shown to the flexion/extension alarms at
        // all, as if they were lost too. So a made-up angle raises nothing, and a real excursion that spans the gap is
        // neither ended nor raised twice; a real crossing inside the gap is found, interpolated, at the first trusted sample.
        // A flexion alert means the trunk tips forward, an extension alert that it leans back, and gravity sees how far it
        // leans whatever the heading: the alarms get the literal angle bounded by the sagittal inclination plus
        // HeadingOnlyMarginDeg. A literal angle beyond that is the gyro-only heading's doing (turned > 90° inside a
        // packet-loss gap, a 50° hinge reads as 31° of extension; a heading drifted while rolled onto a side turns lateral
        // bend into flexion), not the trunk's; a real over-arch or over-flexion inclines the trunk as far, so it crosses
        // where the literal angle does.
        if (!attitude.TiltIsGuess)
        {
            Watch(ref _flexion, s.TimeS, Math.Min(flexForAlerts, sagittalWrappedDeg + _flexionHeadingMarginDeg), sink);
            Watch(ref _extension, s.TimeS, Math.Min(-flexForAlerts, -sagittalWrappedDeg + _extensionHeadingMarginDeg), sink);
        }
        Watch(ref _rotation, s.TimeS, axialDps, sink); // signed: the alarm watches its magnitude
        Watch(ref _impact, s.TimeS, accG, sink);

        bool inPosture = PostureClassifier.IsIn(_posture, upBody, _sagittalDeg);
        // Vertical acceleration for the seat-impact rule, against the rest reading of the current posture (absorbs the
        // accelerometer's scale error). None while the tilt is a gap's guess: a 50° tilt error leaks 0.36 g of gravity.
        double accUpG = Vec3.Dot(attitude.AccG, upBody);
        double verticalAccG = attitude.TiltIsGuess ? 0 : accUpG - attitude.RestAccNormG;
        if (_excursions is not null && _excursions.Update(s.TimeS, _sagittalDeg, upBody, angles.FlexionDeg, inPosture,
                attitude.RateDps, attitude.AccG, axialDps, Vec3.Dot(attitude.RateDps, upBody), verticalAccG))
            _sequencer.Add(_excursions.Candidate, sink);
        _sequencer.Tick(s.TimeS, sink, _excursions?.ExcursionSinceS ?? double.NaN);
        _level.Update(s.TimeS, attitude.RateDps.Norm, accUpG, Vec3.Dot(new Vec3(s.AccXG, s.AccYG, s.AccZG), Calibration.SensorFromAnatomical * upBody),
            attitude.IsStill && !attitude.LastWasGap);
        _holds?.Update(s.TimeS, attitude.RateDps.Norm, accUpG - attitude.GravityG, q, _sagittalDeg, _level, inPosture, sink);

        sink.OnFrame(new MotionFrame(s.TimeS, angles, axialDps, accG, _sagittalDeg, upBody, attitude.RateDps, attitude.AccG,
            _excursions?.ExcursionDeg ?? 0, _excursions?.InExcursion ?? false));
    }

    private void UnwrapSagittal(double wrappedDeg)
    {
        if (!_hasSagittal) { _sagittalDeg = wrappedDeg; _hasSagittal = true; return; }
        double d = wrappedDeg - _sagittalDeg;
        d -= 360 * Math.Round(d / 360);
        _sagittalDeg += d;
    }

    private void Watch<TSink>(ref ExcursionAlarm alarm, double timeS, double value, TSink sink) where TSink : IMotionEventSink
    {
        switch (alarm.Update(timeS, value, out var alert))
        {
            case AlarmStep.Raised:
                _alertLog.Raised(alert.TimeS, alert.Kind);
                sink.OnAlertRaised(alert);
                break;
            case AlarmStep.Ended:
                _alertLog.Ended(alert.TimeS, alert.Kind, timeS);
                sink.OnAlert(alert);
                break;
        }
    }

    private void FlushAlarm<TSink>(ref ExcursionAlarm alarm, TSink sink) where TSink : IMotionEventSink
    {
        if (!alarm.TryFlush(out var alert)) return;
        _alertLog.Ended(alert.TimeS, alert.Kind, _lastTimeS);
        sink.OnAlert(alert);
    }

    private static ExcursionAlarm Alarm(AlertKind kind, double? limit, double hysteresis, double dwellS, double mergeS,
        bool magnitudeOfSigned = false) =>
        new(kind, limit ?? double.PositiveInfinity, hysteresis, dwellS, mergeS, magnitudeOfSigned);
}
