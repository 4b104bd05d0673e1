using System.Reactive.Concurrency;
using System.Reactive.Linq;
using SpineSense.Protocol.Control;
using SpineSense.Sensors;
using SpineSense.Streaming.Pipeline;
using ProtocolResponse = SpineSense.Protocol.Control.ControlResponse;

namespace SpineSense.Streaming.Link;

/// <summary>
/// Keeps one sensor link streaming for a session: connects, sends StartStreaming, and after a loss reconnects with
/// backoff (<see cref="ReconnectPolicy"/>, timed on an <see cref="IScheduler"/>) and restarts streaming. It sends the
/// order stage's "resend from" requests: after a reconnect the first live packet shows the hole the dropout left, and
/// the order stage asks for it again because <see cref="ConnectionEpoch"/> changed, so the backfill fills the dropout.
/// </summary>
/// <remarks>Thread-safe. Link errors during reconnect are retried; after <see cref="ReconnectPolicy.GiveUpAfter"/> the
/// notification stream fails with the last <see cref="SensorLinkException"/>.</remarks>
public sealed class LinkSupervisor : IResendChannel, IDisposable
{
    private readonly ISensorLink _link;
    private readonly SensorStreamConfig _config;
    private readonly ReconnectPolicy _policy;
    private readonly IScheduler _scheduler;
    private readonly object _gate = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource<SensorLinkException> _failed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private LinkStatus _status = LinkStatus.Connecting;
    private int _attempt, _reconnects, _resendBusyRetries, _epoch, _resendUnsupported;
    private int _lastLiveSequence = -1; // raw 16-bit sequence of the last IMU packet read, -1 before the first
    private DateTimeOffset _lostAt;
    private IDisposable? _pendingAttempt;
    private SensorLinkException? _lastError;

    public LinkSupervisor(ISensorLink link, SensorStreamConfig config, ReconnectPolicy policy, IScheduler scheduler)
    {
        _link = link ?? throw new ArgumentNullException(nameof(link));
        _config = config ?? throw new ArgumentNullException(nameof(config));
        _policy = policy.Validate();
        _scheduler = scheduler ?? throw new ArgumentNullException(nameof(scheduler));
    }

    public LinkStatus Status { get { lock (_gate) return _status; } }

    /// <summary>Wire sequence of the first live packet, from the first StartStreaming answer (null before).</summary>
    public ushort? FirstLiveSequence { get; private set; }

    public bool CanResend => Volatile.Read(ref _resendUnsupported) == 0;

    /// <summary>Changes on every (re)connection.</summary>
    public int ConnectionEpoch => Volatile.Read(ref _epoch);

    /// <summary>Successful reconnects after a loss.</summary>
    public int Reconnects { get { lock (_gate) return _reconnects; } }

    /// <summary>Raised on every status change (on the thread that caused it; keep handlers short).</summary>
    public event Action<LinkStatus>? StatusChanged;

    /// <summary>Connects and starts streaming. Throws <see cref="SensorLinkException"/> when the first connection fails
    /// (no Bluetooth, sensor not found): a session that never started is not retried.</summary>
    public async Task StartAsync(CancellationToken cancel)
    {
        _link.LinkLost += OnLinkLost;
        await _link.ConnectAsync(cancel).ConfigureAwait(false);
        await StartStreamingAsync(cancel).ConfigureAwait(false);
        SetStatus(LinkStatus.Connected);
    }

    /// <summary>
    /// The link's notifications, read on a dedicated loop (the pipeline thread); completes when the link's stream ends,
    /// fails when reconnecting gave up. Subscribe once.
    /// </summary>
    public IObservable<SensorNotification> Notifications => Observable.Create<SensorNotification>(async (observer, ct) =>
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, _stop.Token);
        var reader = _link.Notifications;
        var failed = _failed.Task;
        try
        {
            while (true)
            {
                // Stop means stop: what is still queued is not read (the session or recording has ended).
                while (!linked.IsCancellationRequested && reader.TryRead(out var n))
                {
                    NoteSequence(n);
                    observer.OnNext(n);
                }
                linked.Token.ThrowIfCancellationRequested();
                var more = reader.WaitToReadAsync(linked.Token).AsTask();
                if (await Task.WhenAny(more, failed).ConfigureAwait(false) == failed)
                {
                    while (reader.TryRead(out var n)) observer.OnNext(n);
                    observer.OnError(failed.Result);
                    return;
                }
                if (!await more.ConfigureAwait(false)) break;
            }
            SetStatus(LinkStatus.Closed);
            observer.OnCompleted();
        }
        catch (OperationCanceledException) when (linked.IsCancellationRequested)
        {
            SetStatus(LinkStatus.Closed);
            observer.OnCompleted();
        }
        catch (SensorLinkException e)
        {
            SetStatus(LinkStatus.Failed);
            observer.OnError(e);
        }
    });

    /// <summary>Asks the sensor to resend from <paramref name="extendedSequence"/> (fire and forget; failures are retried
    /// once when the sensor is busy, otherwise the order stage gives the hole up).</summary>
    public void RequestResend(long extendedSequence)
    {
        if (Status != LinkStatus.Connected) return; // the reconnect path resends from the resume point anyway
        _ = ResendAsync(extendedSequence);
    }

    private void NoteSequence(in SensorNotification n)
    {
        if (n.Characteristic == SensorCharacteristic.ImuData
            && SpineSense.Protocol.Packets.ImuPacketCodec.TryDecode(n.Payload.Span, out var packet, out _))
            Volatile.Write(ref _lastLiveSequence, packet.Sequence);
    }

    /// <summary>Stops reconnecting and ends <see cref="Notifications"/>.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _pendingAttempt?.Dispose();
            _pendingAttempt = null;
            if (_status != LinkStatus.Failed) _status = LinkStatus.Closed;
        }
        _link.LinkLost -= OnLinkLost;
        _stop.Cancel();
    }

    private async Task StartStreamingAsync(CancellationToken cancel)
    {
        var response = await CommandAsync(ControlCommand.StartStreaming(_config.Rate, _config.AccelRange, _config.GyroRange), cancel)
            .ConfigureAwait(false);
        if (!response.IsSuccess)
            throw new SensorLinkException(SensorLinkError.ProtocolError,
                $"{_link.Name}: the sensor refused to start streaming ({response.Result}).");
        FirstLiveSequence ??= response.Sequence;
    }

    private async Task ResendAsync(long extendedSequence)
    {
        try
        {
            var response = await CommandAsync(ControlCommand.ResendFrom(unchecked((ushort)extendedSequence)), _stop.Token)
                .ConfigureAwait(false);
            // A backfill is running: ask again shortly (at most 3 times in a row), else the order stage re-asks or gives up.
            if (response.Result == ControlResult.Busy && Interlocked.Increment(ref _resendBusyRetries) <= 3)
                _scheduler.Schedule(TimeSpan.FromMilliseconds(50), () => RequestResend(extendedSequence));
            else if (response.Result != ControlResult.Busy) Interlocked.Exchange(ref _resendBusyRetries, 0);
            if (response.Result is ControlResult.NotSupported or ControlResult.UnknownOpcode) Volatile.Write(ref _resendUnsupported, 1);
        }
        catch (SensorLinkException) { /* link lost meanwhile: the reconnect resends from the resume point */ }
        catch (OperationCanceledException) { }
    }

    private async Task<ProtocolResponse> CommandAsync(ControlCommand command, CancellationToken cancel)
    {
        var pdu = new byte[ControlPointCodec.MaxCommandSize];
        ControlPointCodec.TryEncodeCommand(command, pdu, out int length);
        var answer = await _link.SendCommandAsync(pdu.AsMemory(0, length), cancel).ConfigureAwait(false);
        if (!ControlPointCodec.TryDecodeResponse(answer.Payload.Span, out var response, out var error))
            throw new SensorLinkException(SensorLinkError.ProtocolError, $"{_link.Name}: malformed control point response ({error}).");
        return response;
    }

    private void OnLinkLost(object? sender, SensorLinkLostEventArgs e)
    {
        lock (_gate)
        {
            if (_status != LinkStatus.Connected) return;
            _lastError = e.Reason;
            _attempt = 0;
            _lostAt = _scheduler.Now;
            ScheduleAttemptLocked();
        }
        SetStatus(LinkStatus.Reconnecting);
    }

    private void ScheduleAttemptLocked()
    {
        _attempt++;
        _pendingAttempt = _scheduler.Schedule(_policy.DelayBefore(_attempt), () => { _ = AttemptAsync(); });
    }

    private async Task AttemptAsync()
    {
        try
        {
            await _link.ConnectAsync(_stop.Token).ConfigureAwait(false);
            await StartStreamingAsync(_stop.Token).ConfigureAwait(false);
            bool connected;
            lock (_gate)
            {
                // The link can drop again while this attempt restarts streaming: its LinkLost found us Reconnecting
                // and was ignored, so only the link's state tells. Check it under the same lock OnLinkLost takes: a
                // loss after this point sees Connected and is handled as a fresh loss.
                if (_stop.IsCancellationRequested) return;
                connected = _link.State == SensorLinkState.Connected;
                if (connected)
                {
                    _reconnects++;
                    _status = LinkStatus.Connected;
                    Interlocked.Increment(ref _epoch);
                }
            }
            if (connected)
            {
                // Ask for everything after the last packet read. Usually the next live packet shows the hole and the
                // order stage asks anyway, but when the sensor sent its last packet during the dropout no live packet
                // ever follows, and the tail would be lost. A resend of nothing is a no-op; duplicates are dropped.
                int last = Volatile.Read(ref _lastLiveSequence);
                if (last >= 0) _ = ResendAsync(last + 1);
                StatusChanged?.Invoke(LinkStatus.Connected);
            }
            // A sensor that drops right after every restart is as gone as one that never answers: the same give-up.
            else RetryOrGiveUp(new SensorLinkException(SensorLinkError.Disconnected, "the link dropped again while streaming restarted"));
        }
        catch (OperationCanceledException) { }
        catch (SensorLinkException e) { RetryOrGiveUp(e); }
    }

    private void RetryOrGiveUp(SensorLinkException e)
    {
        bool giveUp;
        lock (_gate)
        {
            _lastError = e;
            if (_stop.IsCancellationRequested) return;
            giveUp = _scheduler.Now - _lostAt >= _policy.GiveUpAfter;
            if (!giveUp) ScheduleAttemptLocked();
        }
        if (giveUp)
        {
            SetStatus(LinkStatus.Failed);
            _failed.TrySetResult(new SensorLinkException(e.Error,
                $"{_link.Name}: the sensor did not come back within {_policy.GiveUpAfter.TotalSeconds:0} s ({e.Message})", e));
        }
    }

    private void SetStatus(LinkStatus status)
    {
        lock (_gate)
        {
            if (_status == status || _status == LinkStatus.Failed) return;
            _status = status;
            if (status == LinkStatus.Connected) Interlocked.Increment(ref _epoch);
        }
        StatusChanged?.Invoke(status);
    }
}
