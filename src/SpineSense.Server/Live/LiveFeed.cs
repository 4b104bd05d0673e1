using System.Text.Json;
using System.Threading.Channels;
using SpineSense.Server.Data;

namespace SpineSense.Server.Live;

/// <summary>
/// One live session as the browser sees it. Events arrive on the session's thread and are gathered here;
/// a ticker sends one frame every <see cref="FrameInterval"/> to every subscriber (20 frames/s), carrying
/// the angle points since the last frame, new reps and alerts, and the current state. Batching per frame
/// rather than per sample keeps the browser at a steady rate whatever the sensor's rate.
/// A late subscriber first gets a snapshot (last 30 s of angles, last reps and alerts).
/// A slow browser never slows the session: each subscriber has a bounded queue that drops its oldest
/// frames (counted in <see cref="DroppedFrames"/>).
/// </summary>
public sealed class LiveFeed : IDisposable
{
    public static readonly TimeSpan FrameInterval = TimeSpan.FromMilliseconds(50);
    private const double HistoryS = 30;
    private const int KeptReps = 12;
    private const int KeptAlerts = 20;
    private const int SubscriberQueueFrames = 40;

    private readonly object _gate = new();
    private readonly List<double[]> _pendingAngles = new();
    private readonly List<RepRow> _pendingReps = new();
    private readonly List<AlertRow> _pendingAlerts = new();
    private readonly Queue<double[]> _history = new();
    private readonly Queue<RepRow> _lastReps = new();
    private readonly Queue<AlertRow> _lastAlerts = new();
    private readonly List<Channel<string>> _subscribers = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly TimeProvider _time;
    private readonly Task _ticker;
    private long _oldestPendingTicks;
    private RunnerState? _state;
    private LinkHealth? _link;
    private SessionEnded? _ended;
    private bool _endSent;
    private long _seq;
    private long _dropped;
    private int _repCount;
    private int _alertCount;

    /// <param name="time">The clock that paces frames and stamps them; tests pass a fake one to step frames deterministically.</param>
    public LiveFeed(string id, ILiveSession session, TimeProvider? time = null)
    {
        Id = id;
        Session = session;
        _time = time ?? TimeProvider.System;
        StartedUtc = _time.GetUtcNow();
        // The timer exists before the constructor returns, so no tick of the clock can pass before it is counting.
        var timer = new PeriodicTimer(FrameInterval, _time);
        _ticker = Task.Run(() => TickAsync(timer));
    }

    public string Id { get; }
    public ILiveSession Session { get; }
    public DateTimeOffset StartedUtc { get; }
    public long DroppedFrames => Interlocked.Read(ref _dropped);
    public bool Ended { get { lock (_gate) return _ended is not null; } }
    public int RepCount { get { lock (_gate) return _repCount; } }
    public RunnerState? State { get { lock (_gate) return _state; } }
    public string? StoredSessionId { get { lock (_gate) return _ended?.StoredSessionId; } }

    /// <summary>Takes one event from the session (any thread).</summary>
    public void Publish(LiveEvent e)
    {
        lock (_gate)
        {
            switch (e)
            {
                case AngleSnapshot a:
                    var point = new[] { Math.Round(a.TimeS, 3), Math.Round(a.FlexionDeg, 2), Math.Round(a.LateralDeg, 2), Math.Round(a.RotationDeg, 2) };
                    if (_pendingAngles.Count == 0) _oldestPendingTicks = _time.GetTimestamp();
                    _pendingAngles.Add(point);
                    _history.Enqueue(point);
                    while (_history.Count > 0 && point[0] - _history.Peek()[0] > HistoryS) _history.Dequeue();
                    break;
                case RepCompleted r:
                    _repCount++;
                    _pendingReps.Add(r.Rep);
                    Keep(_lastReps, r.Rep, KeptReps);
                    break;
                case AlertRaised al:
                    _alertCount++;
                    _pendingAlerts.Add(al.Alert);
                    Keep(_lastAlerts, al.Alert, KeptAlerts);
                    break;
                case RunnerState s: _state = s; break;
                case LinkHealth l: _link = l; break;
                case SessionEnded end: _ended = end; break;
            }
        }
    }

    private static void Keep<T>(Queue<T> q, T item, int max)
    {
        q.Enqueue(item);
        while (q.Count > max) q.Dequeue();
    }

    /// <summary>Subscribes a browser: the returned reader yields the snapshot, then one JSON frame per tick.</summary>
    public ChannelReader<string> Subscribe(out Action unsubscribe)
    {
        var channel = Channel.CreateBounded<string>(new BoundedChannelOptions(SubscriberQueueFrames)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        }, _ => Interlocked.Increment(ref _dropped));
        lock (_gate)
        {
            channel.Writer.TryWrite(Serialize(snapshot: true, _history.ToList(), _lastReps.ToList(), _lastAlerts.ToList(), ageMs: 0));
            if (_endSent) channel.Writer.TryComplete();
            else _subscribers.Add(channel);
        }
        unsubscribe = () => { lock (_gate) _subscribers.Remove(channel); channel.Writer.TryComplete(); };
        return channel.Reader;
    }

    private async Task TickAsync(PeriodicTimer timer)
    {
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
                if (Flush()) break;
        }
        catch (OperationCanceledException) { }
        finally { timer.Dispose(); }
    }

    /// <summary>Sends one frame to everyone; returns true once the end has been sent.</summary>
    private bool Flush()
    {
        lock (_gate)
        {
            double ageMs = _pendingAngles.Count == 0 ? 0 : _time.GetElapsedTime(_oldestPendingTicks).TotalMilliseconds;
            string frame = Serialize(snapshot: false, _pendingAngles, _pendingReps, _pendingAlerts, ageMs);
            _pendingAngles.Clear(); _pendingReps.Clear(); _pendingAlerts.Clear();
            foreach (var s in _subscribers) s.Writer.TryWrite(frame);
            if (_ended is null) return false;
            _endSent = true;
            foreach (var s in _subscribers) s.Writer.TryComplete();
            _subscribers.Clear();
            return true;
        }
    }

    // Called under _gate.
    private string Serialize(bool snapshot, IReadOnlyList<double[]> angles, IReadOnlyList<RepRow> reps, IReadOnlyList<AlertRow> alerts, double ageMs)
    {
        var frame = new LiveFrame(
            Id, Session.AthleteId, ++_seq, snapshot, _time.GetUtcNow().ToUnixTimeMilliseconds(), Math.Round(ageMs, 1),
            _state, _link, angles, reps, alerts, _repCount, _alertCount, _ended?.Reason, _ended?.StoredSessionId);
        return JsonSerializer.Serialize(frame, DashboardJson.Options);
    }

    public void Dispose()
    {
        _stop.Cancel();
        try { _ticker.Wait(TimeSpan.FromSeconds(2)); } catch (AggregateException) { }
        lock (_gate)
        {
            foreach (var s in _subscribers) s.Writer.TryComplete();
            _subscribers.Clear();
        }
        _stop.Dispose();
    }
}

/// <summary>
/// One Server-Sent-Events message. <c>ServerMs</c> is the Unix time the frame left; <c>AgeMs</c> how long its
/// oldest angle point waited on the server, so the page can show end-to-end lag.
/// Angles are [time_s, flexion_deg, lateral_deg, rotation_deg].
/// </summary>
public sealed record LiveFrame(
    string Live, string AthleteId, long Seq, bool Snapshot, long ServerMs, double AgeMs,
    RunnerState? State, LinkHealth? Link, IReadOnlyList<double[]> Angles,
    IReadOnlyList<RepRow> Reps, IReadOnlyList<AlertRow> Alerts, int RepCount, int AlertCount,
    string? Ended, string? StoredSessionId);
