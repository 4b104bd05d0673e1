using System.Reactive.Concurrency;
using System.Reactive.Linq;
using SpineSense.Sensors;
using SpineSense.Streaming.Link;
using SpineSense.Streaming.Pipeline;

namespace SpineSense.Streaming.Live;

/// <summary>
/// Records a sensor without analysing it: every notification as it arrived (for a raw packet log) and the samples in
/// order with gaps handled and backfill merged (for the contract's CSV). The same link supervision and ordering as a
/// <see cref="LiveSession"/>; session time starts at 0 with the first sample. Ends when the link's stream ends, when
/// maxDurationS of samples are recorded, or on <see cref="Stop"/>.
/// Callbacks run on the pipeline thread, one at a time.
/// </summary>
public sealed class LiveRecorder
{
    private readonly LinkSupervisor _supervisor;
    private readonly IObservable<SampleBatch> _pipeline;
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly double _maxDurationS;
    private IDisposable? _subscription;
    private volatile bool _full;

    /// <summary>
    /// How a recording treats holes: a recording has no live alerts whose latency a held hole would delay, so it waits
    /// ten times longer than a live session for a resend (30 s of sensor time, at least 10 s of host time after asking)
    /// before declaring samples lost. The second bound matters for an accelerated simulated or replayed sensor, whose
    /// sensor time races past any give-up window while a busy machine is slow to deliver the resend.
    /// </summary>
    public static GapPolicy DefaultGaps { get; } = new(GiveUpS: 30, MinWaitAfterRequest: TimeSpan.FromSeconds(10));

    public LiveRecorder(ISensorLink link, Action<SensorNotification>? onNotification, Action<SampleBatch> onSamples,
        SensorStreamConfig? stream = null, double maxDurationS = double.PositiveInfinity, GapPolicy? gaps = null,
        ReconnectPolicy? reconnect = null, IScheduler? scheduler = null)
    {
        ArgumentNullException.ThrowIfNull(link);
        ArgumentNullException.ThrowIfNull(onSamples);
        var sched = scheduler ?? TaskPoolScheduler.Default;
        _maxDurationS = maxDurationS;
        _supervisor = new LinkSupervisor(link, stream ?? new SensorStreamConfig(), reconnect ?? ReconnectPolicy.Default, sched);
        var clock = new SessionClock();
        _pipeline = _supervisor.Notifications
            .Do(n => onNotification?.Invoke(n))
            .DataPackets(Counters)
            .InOrderPackets(gaps ?? DefaultGaps, Counters, _supervisor, clock, sched)
            .SampleBatches(clock, Counters)
            // Only the duration limit cuts samples off. A Stop from outside (Ctrl-C) closes the link, and the samples
            // already received, including those held behind a hole that is now given up, still reach the file.
            .Where(batch => !_full)
            .Do(batch =>
            {
                onSamples(batch);
                if (batch.EndS >= _maxDurationS)
                {
                    _full = true;
                    Stop();
                }
            });
    }

    public PipelineCounters Counters { get; } = new();

    /// <summary>Completes when recording has ended (faults with the link's <see cref="SensorLinkException"/> if it failed for good).</summary>
    public Task Completion => _completion.Task;

    public int Reconnects => _supervisor.Reconnects;

    /// <summary>Connects and starts streaming; throws <see cref="SensorLinkException"/> when the sensor cannot be reached.</summary>
    public async Task StartAsync(CancellationToken cancel = default)
    {
        await _supervisor.StartAsync(cancel).ConfigureAwait(false);
        _subscription = _pipeline.Subscribe(_ => { }, e => _completion.TrySetException(e), () => _completion.TrySetResult());
    }

    /// <summary>
    /// Ends the recording: the link is closed, and what was already received (also samples held behind a hole) is
    /// passed on before <see cref="Completion"/> completes.
    /// </summary>
    public void Stop() => _supervisor.Dispose();
}
