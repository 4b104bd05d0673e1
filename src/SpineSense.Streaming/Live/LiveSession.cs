using System.Reactive.Concurrency;
using System.Reactive.Linq;
using System.Reactive.Subjects;
using SpineSense.Protocol.Status;
using SpineSense.Sensors;
using SpineSense.Storage;
using SpineSense.Storage.Model;
using SpineSense.Streaming.Link;
using SpineSense.Streaming.Pipeline;
using SpineSense.Streaming.Runner;

namespace SpineSense.Streaming.Live;

/// <summary>
/// One athlete's live session: sensor link → packets → ordered samples → motion core → workout runner → store and
/// event stream. Build it with a link, options and (optionally) a store; subscribe to <see cref="Events"/>; call
/// <see cref="StartAsync"/>; await <see cref="Completion"/>. It ends by itself when the plan is done or the sensor's
/// stream ends (a simulated or replayed session), or when <see cref="Stop"/> is called.
/// </summary>
/// <remarks>
/// Threading: the whole pipeline runs on one loop per session (the link reader); <see cref="Events"/> delivers to each
/// subscriber through its own bounded queue on <see cref="LiveSessionOptions.Scheduler"/>, so a slow observer never
/// blocks the radio (overflow drops the oldest event and counts it in <see cref="LiveLinkHealth.SinkDropped"/>).
/// <see cref="Stop"/> and <see cref="Next"/> may be called from any thread.
/// Errors: <see cref="StartAsync"/> throws <see cref="SensorLinkException"/> when the sensor cannot be reached and
/// <see cref="StorageException"/> when the store cannot start the session; later failures end the session with a
/// <see cref="SessionEnded"/> whose Error says why.
/// </remarks>
public sealed class LiveSession : IAsyncDisposable
{
    private readonly ISensorLink _link;
    private readonly ISessionStore? _store;
    private readonly LiveSessionOptions _options;
    private readonly IScheduler _scheduler;
    // Synchronized: the pipeline thread and link-status changes (other threads) both emit.
    private readonly ISubject<SessionEvent> _events = Subject.Synchronize(new Subject<SessionEvent>());
    private readonly DropCounter _eventDrops = new();
    private readonly PipelineCounters _counters = new();
    private readonly SessionClock _clock = new();
    private readonly ExerciseAnalyzer _analyzer;
    private readonly WorkoutRunner _runner;
    private readonly LinkSupervisor _supervisor;
    private readonly TaskCompletionSource<WorkoutSummary> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly LatencyRecorder? _latency;
    private SessionStorage? _storage;
    private IDisposable? _subscription;
    private DateTimeOffset _startUtc;
    private double _nowS, _nextSnapshotS, _nextHealthS;
    private double? _batteryPct;
    private int _stopRequested, _nextRequested, _ended;

    public LiveSession(ISensorLink link, LiveSessionOptions options, ISessionStore? store = null, LatencyRecorder? latency = null)
    {
        _link = link ?? throw new ArgumentNullException(nameof(link));
        _options = (options ?? throw new ArgumentNullException(nameof(options))).Validate();
        _store = store;
        _latency = latency;
        _scheduler = options.Scheduler ?? TaskPoolScheduler.Default;
        _analyzer = new ExerciseAnalyzer(options.Plan.Steps[0].ExerciseId, options.AthleteLimits, options.CalibrationS);
        _runner = new WorkoutRunner(options.Plan, OnRunnerEvent, LimitsForDisplay);
        _supervisor = new LinkSupervisor(link, options.Stream ?? new SensorStreamConfig(), options.Reconnect ?? ReconnectPolicy.Default,
            _scheduler);
        _supervisor.StatusChanged += _ => { if (Volatile.Read(ref _ended) == 0) _events.OnNext(new LinkHealthChanged(_nowS, Health)); };
    }

    public LiveSessionOptions Options => _options;

    /// <summary>The stored session's id once started with a store.</summary>
    public string? SessionId => _storage?.Writer.Info.SessionId;

    /// <summary>
    /// Session events in order (see <see cref="SessionEvent"/>): hot, so subscribe before <see cref="StartAsync"/> to see
    /// everything. Each subscriber has its own bounded queue (<see cref="LiveSessionOptions.EventBufferCapacity"/>).
    /// Completes after <see cref="SessionEnded"/>.
    /// </summary>
    public IObservable<SessionEvent> Events =>
        _events.Decoupled(_options.EventBufferCapacity, OverflowPolicy.DropOldest, _scheduler, _eventDrops);

    /// <summary>The same events, delivered synchronously on the pipeline thread: observers must not block (load tool, tests).</summary>
    public IObservable<SessionEvent> EventsOnPipelineThread => _events.AsObservable();

    /// <summary>Completes with the session summary when the session has ended and its data is handed to the store.</summary>
    public Task<WorkoutSummary> Completion => _completion.Task;

    public PipelineCounters Counters => _counters;

    public RunnerState RunnerState => _runner.State();

    // The signal only while the supervisor has the link up: a "closed" or "reconnecting" report with a dBm figure
    // would read as a working radio.
    public LiveLinkHealth Health => new(
        _supervisor.Status.ToString().ToLowerInvariant(),
        _counters.PacketsReceived, _counters.Lost, _counters.Recovered, _counters.Duplicates, _counters.Malformed,
        _link.DroppedNotifications, _eventDrops.Count, _supervisor.Reconnects, _batteryPct,
        _supervisor.Status == LinkStatus.Connected ? _link.RssiDbm : null);

    /// <summary>Connects the sensor and starts streaming, then opens the stored session and starts the pipeline.</summary>
    public async Task StartAsync(CancellationToken cancel = default)
    {
        var startUtc = _startUtc = DateTimeOffset.UtcNow;
        _clock.SessionStartHostUs = (startUtc.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / TimeSpan.TicksPerMicrosecond;
        var pipeline = _supervisor.Notifications
            .Do(OnAnyNotification)
            .DataPackets(_counters)
            .InOrderPackets(_options.Gaps ?? GapPolicy.Default, _counters, _supervisor, _clock, _scheduler)
            .SampleBatches(_clock, _counters)
            .AnalyzedBatches(_analyzer);
        // The stored session is opened once the sensor streams: a sensor that cannot be reached (no Bluetooth, out of
        // range, a replay log with a bad header) must not leave an empty session behind. Packets arriving meanwhile
        // wait in the link's queue: the pipeline is subscribed below.
        await _supervisor.StartAsync(cancel).ConfigureAwait(false);
        if (_store is not null)
        {
            try
            {
                var writer = await _store.StartSessionAsync(new SessionStart(_options.Athlete, startUtc, _options.Plan.Name), cancel)
                    .ConfigureAwait(false);
                _storage = new SessionStorage(writer, _options.StoreSamples);
            }
            catch
            {
                _supervisor.Dispose();
                throw;
            }
        }
        // The first exercise is announced only once the sensor streams: a link that cannot be opened ends the start
        // with its one error, not with "exercise 1/11" printed before it.
        _runner.Start(0);
        _subscription = pipeline.Subscribe(OnBatch, e => _ = EndAsync("failed", e), () => _ = EndAsync(EndReason(), null));
    }

    /// <summary>Ends the session early (the athlete or physio stopped it). Data so far is stored.</summary>
    public void Stop()
    {
        if (Interlocked.Exchange(ref _stopRequested, 1) == 0) _supervisor.Dispose();
    }

    /// <summary>The athlete's "next exercise" button: the runner moves on at the next packet.</summary>
    public void Next() => Interlocked.Exchange(ref _nextRequested, 1);

    /// <summary>Stops the session and waits (up to 10 s) for it to end. Does not dispose the link: the caller owns it.</summary>
    public async ValueTask DisposeAsync()
    {
        Stop();
        if (_subscription is null)
        {
            // Never started (or the start failed): nothing is running that would complete the session.
            _completion.TrySetResult(_runner.Finish(_nowS));
            return;
        }
        try { await _completion.Task.WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false); }
        catch (TimeoutException) { }
        _subscription?.Dispose();
    }

    private string EndReason() =>
        _runner.IsFinished ? "plan finished" : Volatile.Read(ref _stopRequested) == 1 ? "stopped" : "sensor stream ended";

    private void OnAnyNotification(SensorNotification n)
    {
        if (n.Characteristic == SensorCharacteristic.Status && SensorStatusCodec.TryDecode(n.Payload.Span, out var status, out _)
            && status.IsBatteryKnown)
            _batteryPct = status.BatteryPercent;
        else if (n.Characteristic == SensorCharacteristic.BatteryLevel && n.Payload.Length == 1)
            _batteryPct = n.Payload.Span[0];
    }

    private void OnBatch(AnalyzedBatch analyzed)
    {
        if (_runner.IsFinished || Volatile.Read(ref _ended) != 0) return;
        _nowS = analyzed.Batch.EndS;
        _storage?.WriteBatch(analyzed);
        foreach (var e in analyzed.Events) Dispatch(e, analyzed.Exercise, analyzed.Batch, feedRunner: true);
        if (Interlocked.Exchange(ref _nextRequested, 0) == 1) _runner.Advance(_nowS);
        PressScriptedNext();
        _runner.Tick(_nowS);
        EmitSnapshots(analyzed);
        if (_nowS >= _nextHealthS)
        {
            var health = Health;
            _events.OnNext(new LinkHealthChanged(_nowS, health));
            _storage?.WriteHealth(_nowS, health);
            _nextHealthS = _nowS + _options.HealthIntervalS;
        }
        if (_runner.IsFinished) Stop();
    }

    private void PressScriptedNext()
    {
        var starts = _options.StepStartsS;
        if (starts is null) return;
        int target = _runner.StepIndex; // per packet: no state record allocated here
        while (target + 1 < starts.Count && starts[target + 1] <= _nowS) target++;
        _runner.AdvanceTo(target, _nowS);
    }

    // Snapshots on a fixed grid of session time, taken from the sample at each grid point, so the live view gets
    // SnapshotHz updates per second whatever the packet size.
    private void EmitSnapshots(AnalyzedBatch analyzed)
    {
        var samples = analyzed.Batch.Samples;
        var angles = analyzed.Angles;
        double period = 1 / _options.SnapshotHz;
        for (int i = 0; i < samples.Length; i++)
        {
            double t = samples[i].TimeS;
            if (t < _nextSnapshotS || double.IsNaN(angles[i].FlexionDeg)) continue;
            _events.OnNext(new AnglesSnapshot(t, angles[i]));
            _nextSnapshotS = Math.Max(_nextSnapshotS + period, t + period / 2);
        }
    }

    private void Dispatch(in MotionEventItem e, string exercise, SampleBatch? batch, bool feedRunner)
    {
        switch (e.Kind)
        {
            case MotionEventKind.RepDetected:
                if (feedRunner) _runner.OnRep(e.Rep);
                break;
            case MotionEventKind.Rep:
                _storage?.WriteRep(exercise, e.Rep);
                break;
            case MotionEventKind.AlertRaised:
                if (batch is not null) _latency?.Record(batch.ReceivedTimestamp, batch.HostArrivalUs);
                if (feedRunner) _runner.OnAlert(e.Alert);
                break;
            case MotionEventKind.Alert:
                _storage?.WriteAlert(exercise, e.Alert);
                break;
            case MotionEventKind.Set:
                if (feedRunner) _runner.OnSetEnded(e.Set);
                break;
            case MotionEventKind.Hold:
                _storage?.WriteHold(exercise, e.Hold);
                if (feedRunner) _runner.OnHold(e.Hold);
                break;
        }
    }

    // Runner events go out to observers; a new exercise re-arms the motion core; sets are stored with the runner's numbering.
    private void OnRunnerEvent(SessionEvent e)
    {
        switch (e)
        {
            case ExerciseStarted started when started.StepIndex > 0 || _analyzer.ExerciseId != started.ExerciseId:
                string previous = _analyzer.ExerciseId;
                foreach (var item in _analyzer.SwitchTo(started.ExerciseId, _nowS)) Dispatch(item, previous, null, feedRunner: false);
                _storage?.ResetRepNumbers();
                break;
            case RepCounted rep:
                _storage?.MapRep(rep.Rep, rep.Set, rep.RepInSet);
                break;
            case SetCompleted set:
                var s = set.Summary;
                if (s.RepsTarget is not null) _storage?.WriteSet(s.ExerciseId, s.Set, s.StartS, s.EndS, s.Reps);
                else _storage?.WriteSet(s.ExerciseId, s.Set, s.StartS, s.EndS, s.Holds);
                break;
        }
        _events.OnNext(e);
    }

    private (double? FlexionDeg, double? ExtensionDeg) LimitsForDisplay(string exerciseId)
    {
        var limits = _analyzer.LimitsFor(exerciseId);
        return (limits.MaxFlexionDeg, limits.MaxExtensionDeg);
    }

    private async Task EndAsync(string reason, Exception? error)
    {
        if (Interlocked.Exchange(ref _ended, 1) != 0) return;
        _supervisor.Dispose();
        if (!_runner.IsFinished)
            foreach (var item in _analyzer.Finish()) Dispatch(item, _analyzer.ExerciseId, null, feedRunner: true);
        else
            foreach (var item in _analyzer.Finish()) Dispatch(item, _analyzer.ExerciseId, null, feedRunner: false);
        var summary = _runner.Finish(_nowS);
        string? storeError = await EndStorageAsync().ConfigureAwait(false);
        string? message = error?.Message ?? storeError;
        _events.OnNext(new LinkHealthChanged(_nowS, Health));
        _events.OnNext(new SessionEnded(_nowS, summary, reason, SessionId, message) { Cause = error });
        _events.OnCompleted();
        _completion.TrySetResult(summary);
    }

    private async Task<string?> EndStorageAsync()
    {
        if (_storage is null) return null;
        try
        {
            // The end in session time: a simulated or replayed session played at --speed N ends N times sooner on the
            // wall clock than its data does, and the stored duration must match the stored series. Rounded to the
            // microsecond the way sample times are stored, so the last sample is never 1 µs past the session's end.
            long endUs = (long)Math.Round(_nowS * 1e6);
            await _storage.Writer.EndAsync(_startUtc.AddTicks(endUs * TimeSpan.TicksPerMicrosecond)).ConfigureAwait(false);
            return null;
        }
        catch (StorageException e)
        {
            return e.Message;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Whatever a store throws, the session must still end and report it.
            return $"storing the session's end failed: {e.GetType().Name}: {e.Message}";
        }
    }
}
