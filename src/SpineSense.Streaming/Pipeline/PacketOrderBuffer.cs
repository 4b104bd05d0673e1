using System.Reactive.Concurrency;
using SpineSense.Protocol.Clock;

namespace SpineSense.Streaming.Pipeline;

/// <summary>
/// Puts arriving packets back in sequence order: drops duplicates, holds packets behind a hole until a reordered or
/// resent packet fills it, asks for a resend when a hole persists past <see cref="GapPolicy.ReorderWindowPackets"/>,
/// and gives a hole up (counted as lost) after <see cref="GapPolicy.GiveUpS"/> of sensor time, but never sooner than
/// <see cref="GapPolicy.MinWaitAfterRequest"/> of host time (its <see cref="IScheduler"/>) after asking for it. Every packet ends up
/// released once, counted as a duplicate, or counted as arrived after its hole was given up.
/// Single-threaded; no allocation per packet once the hold table has grown to its working size.
/// </summary>
public sealed class PacketOrderBuffer
{
    private readonly GapPolicy _policy;
    private readonly PipelineCounters _counters;
    private readonly IResendChannel? _resend;
    private readonly SessionClock? _clock;
    private readonly IScheduler _scheduler;
    private DateTimeOffset _askedAt;
    private readonly SequenceUnwrapper _sequences = new();
    private readonly SensorTimeUnwrapper _times = new();
    private readonly PacketOrderClassifier _classifier = new();
    private readonly Dictionary<long, ArrivedPacket> _held = [];
    // The last request, "resend from _resendAskedFor", covers every packet up to _askedThroughSeq: the sensor resends from
    // there to its newest, which was at least the newest packet held when asking.
    private long _next, _newestHeld, _resendAskedFor = long.MinValue, _askedThroughSeq = long.MinValue, _holeClockUs, _newestArrivalUs;
    private int _askedEpoch;
    private bool _started, _reasked;

    /// <param name="resend">Where "resend from" requests go (null: holes wait <see cref="GapPolicy.GiveUpS"/>, then are given up).
    /// A hole is asked for again on a new connection (a request made while the link was down went nowhere).</param>
    /// <param name="clock">Receives the clock observations of live packets, in arrival order.</param>
    public PacketOrderBuffer(GapPolicy policy, PipelineCounters counters, IResendChannel? resend = null, SessionClock? clock = null,
        IScheduler? scheduler = null)
    {
        _scheduler = scheduler ?? Scheduler.Default;
        _policy = policy.Validate();
        _counters = counters;
        _resend = resend;
        _clock = clock;
    }

    /// <summary>
    /// Wire sequence the stream starts at (the StartStreaming answer), so that packets before the first one to arrive
    /// (lost or reordered at the very start) are waited for and asked for like any other hole. Set before the first packet.
    /// </summary>
    public ushort? FirstSequence { get; set; }

    /// <summary>Extended sequence of the next packet to release: "resend from" after a link loss asks for this.</summary>
    public long NextSequence => _next;

    public bool HasStarted => _started;

    /// <summary>Packets held behind a hole.</summary>
    public int HeldCount => _held.Count;

    /// <summary>Takes one arrived packet and releases, in order, every packet that is now contiguous.</summary>
    public void Add(in ArrivedPacket arrived, Action<OrderedPacket> release)
    {
        var packet = arrived.Packet;
        long seq = _sequences.Unwrap(packet.Sequence);
        long t0 = _times.Unwrap(packet.FirstSampleTimeUs);
        long lastUs = t0 + packet.SampleOffsetUs(packet.SampleCount - 1);
        if (lastUs > _newestArrivalUs || !_started) _newestArrivalUs = lastUs;
        if (!packet.IsBackfill) _clock?.Observe(lastUs, arrived.HostArrivalUs);
        var verdict = _classifier.Classify(seq);
        if (!verdict.IsAccepted || _held.ContainsKey(seq))
        {
            _counters.AddDuplicate();
            return;
        }
        if (!_started)
        {
            _started = true;
            _next = seq;
            if ((FirstSequence ?? _resend?.FirstLiveSequence) is ushort first)
            {
                long expected = SequenceUnwrapper.UnwrapNear(first, seq);
                if (expected <= seq && seq - expected <= _policy.MaxPendingPackets) _next = expected;
            }
        }
        if (seq < _next)
        {
            _counters.AddArrivedAfterGiveUp();
            return;
        }
        if (verdict.Kind == PacketArrivalKind.Late) _counters.AddRecovered();
        if (packet.IsBackfill) _counters.AddBackfilled();
        if (seq == _next)
        {
            release(new OrderedPacket(packet, seq, t0, 0, arrived.ReceivedTimestamp, arrived.HostArrivalUs));
            _next++;
            ReleaseContiguous(release, 0);
            // A later hole now blocks: its clock starts now, as after a give-up. Inheriting the filled hole's clock
            // would give it up at once, unasked, whenever the fill came late (a slow host lets sensor time race ahead).
            if (_held.Count > 0) _holeClockUs = _newestArrivalUs;
        }
        else
        {
            if (_held.Count == 0) _holeClockUs = lastUs;
            _held[seq] = arrived;
            if (seq > _newestHeld || _held.Count == 1) _newestHeld = seq;
        }
        if (_held.Count == 0) return;
        AskForHole();
        // The give-up clock runs from the last request: a resend in flight gets its full time.
        if (_held.Count > _policy.MaxPendingPackets || (_newestArrivalUs - _holeClockUs) * 1e-6 > _policy.GiveUpS && WaitedForAnswer())
            GiveUpOldestHole(release);
    }

    private bool WaitedForAnswer() =>
        _resend is null || !_resend.CanResend || !AskedFor(_next) || _scheduler.Now - _askedAt >= _policy.EffectiveMinWait;

    private bool AskedFor(long seq) => seq >= _resendAskedFor && seq <= _askedThroughSeq;

    // Ask once when a hole appears, again on a new connection, and once more halfway to giving up.
    private void AskForHole()
    {
        if (_resend is null || !_resend.CanResend || _held.Count < _policy.ReorderWindowPackets) return;
        int epoch = _resend.ConnectionEpoch;
        bool newHole = !AskedFor(_next), newConnection = epoch != _askedEpoch;
        bool halfway = !_reasked && (_newestArrivalUs - _holeClockUs) * 1e-6 > _policy.GiveUpS / 2;
        if (!newHole && !newConnection && !halfway) return;
        _reasked = !newHole && !newConnection;
        _resendAskedFor = _next;
        _askedThroughSeq = _newestHeld;
        _askedEpoch = epoch;
        _holeClockUs = _newestArrivalUs;
        _askedAt = _scheduler.Now;
        _counters.AddResendRequest();
        _resend.RequestResend(_next);
    }

    /// <summary>The stream ended: gives up every remaining hole and releases what is held, in order.</summary>
    public void Flush(Action<OrderedPacket> release)
    {
        while (_held.Count > 0) GiveUpOldestHole(release);
    }

    private void GiveUpOldestHole(Action<OrderedPacket> release)
    {
        long first = long.MaxValue;
        foreach (long k in _held.Keys) if (k < first) first = k;
        long lost = first - _next;
        _counters.AddLost(lost);
        _next = first;
        _askedThroughSeq = long.MinValue; // the request went unanswered: a later hole is asked for afresh
        ReleaseContiguous(release, lost);
        if (_held.Count > 0) _holeClockUs = _newestArrivalUs;
    }

    private void ReleaseContiguous(Action<OrderedPacket> release, long lostBefore)
    {
        while (_held.Remove(_next, out var held))
        {
            var p = held.Packet;
            long t0 = SensorTimeUnwrapper.UnwrapNear(p.FirstSampleTimeUs, _newestArrivalUs);
            release(new OrderedPacket(p, _next, t0, lostBefore, held.ReceivedTimestamp, held.HostArrivalUs));
            lostBefore = 0;
            _next++;
        }
    }
}
