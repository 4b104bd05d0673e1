using System.Reactive.Concurrency;
using SpineSense.Protocol.Packets;
using SpineSense.Streaming.Pipeline;
using SpineSense.Streaming.Tests.Support;

namespace SpineSense.Streaming.Tests.Pipeline;

public sealed class InOrderPacketsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private const uint PacketUs = 95_000; // 19 samples at 200 Hz

    private sealed class FakeResend : IResendChannel
    {
        public List<long> Requests { get; } = [];
        public void RequestResend(long extendedSequence) => Requests.Add(extendedSequence);
        public int ConnectionEpoch { get; set; }
        public ushort? FirstLiveSequence { get; set; }
        public bool CanResend { get; set; } = true;
    }

    private static ArrivedPacket Packet(int index, ushort firstSequence = 0, PacketFlags flags = PacketFlags.None)
    {
        Span<RawImuSample> samples = stackalloc RawImuSample[19];
        for (int i = 0; i < 19; i++) samples[i] = new RawImuSample(0, 4096, 0, (short)index, 0, 0);
        var p = new ImuPacket(flags, unchecked((ushort)(firstSequence + index)), (uint)(index * PacketUs), OutputDataRate.Hz200,
            AccelRange.G8, GyroRange.Dps1000, 0, samples);
        return new ArrivedPacket(p, 1_000_000 + index * PacketUs, 0);
    }

    private sealed class Rig
    {
        public HistoricalScheduler Clock { get; } = new(T0);
        public TrackedSubject<ArrivedPacket> Source { get; }
        public RecordingObserver<OrderedPacket> Observer { get; }
        public FakeResend Resend { get; } = new();
        public PipelineCounters Counters { get; } = new();
        public IDisposable Subscription { get; }

        public Rig(GapPolicy? policy = null)
        {
            Source = new TrackedSubject<ArrivedPacket>(Clock);
            Observer = new RecordingObserver<OrderedPacket>(Clock);
            Subscription = Source.InOrderPackets(policy ?? GapPolicy.Default, Counters, Resend, scheduler: Clock).Subscribe(Observer);
        }

        public IEnumerable<long> Released => Observer.Values.Select(p => p.Sequence);
    }

    [Fact]
    public void Drops_duplicates_and_puts_a_reordered_packet_back_in_place()
    {
        var rig = new Rig();
        foreach (int i in new[] { 0, 1, 1, 3, 2, 4, 2 }) rig.Source.OnNext(Packet(i));
        Assert.Equal([0, 1, 2, 3, 4], rig.Released);
        Assert.Equal(2, rig.Counters.Duplicates);
        Assert.Equal(1, rig.Counters.Recovered);
        Assert.Empty(rig.Resend.Requests); // one packet held is within the reorder window
    }

    [Fact]
    public void Asks_for_a_lasting_hole_and_merges_the_backfill_in_order()
    {
        var rig = new Rig();
        foreach (int i in new[] { 0, 1, 3, 4, 5 }) rig.Source.OnNext(Packet(i));
        Assert.Equal([0, 1], rig.Released);
        Assert.Equal([2L], rig.Resend.Requests);
        rig.Source.OnNext(Packet(2, flags: PacketFlags.Backfill));
        Assert.Equal([0, 1, 2, 3, 4, 5], rig.Released);
        Assert.Equal((0L, 1L), (rig.Counters.Lost, rig.Counters.Backfilled));
        Assert.All(rig.Observer.Values, p => Assert.Equal(0, p.LostBefore));
    }

    [Fact]
    public void Gives_a_hole_up_only_after_its_sensor_time_and_the_host_wait_then_counts_a_late_arrival()
    {
        var rig = new Rig(new GapPolicy(GiveUpS: 0.5, MinWaitAfterRequest: TimeSpan.FromSeconds(2)));
        rig.Source.OnNext(Packet(0));
        for (int i = 2; i <= 20; i++) rig.Source.OnNext(Packet(i)); // 1.8 s of sensor time behind the hole
        Assert.Equal([0], rig.Released); // the requests are 0 s old on the host clock
        Assert.Equal([1L, 1L], rig.Resend.Requests); // asked when it appeared and again halfway to giving up
        rig.Clock.AdvanceBy(TimeSpan.FromSeconds(2));
        rig.Source.OnNext(Packet(21));
        Assert.Equal(Enumerable.Range(0, 22).Where(i => i != 1).Select(i => (long)i), rig.Released);
        Assert.Equal(1, rig.Observer.Values.Single(p => p.Sequence == 2).LostBefore);
        Assert.Equal(1, rig.Counters.Lost);
        Assert.Equal(T0.AddSeconds(2).UtcTicks, rig.Observer.Messages.Single(m => m.Value.Sequence == 2).Ticks);
        rig.Source.OnNext(Packet(1, flags: PacketFlags.Backfill));
        Assert.Equal(1, rig.Counters.ArrivedAfterGiveUp);
        Assert.Equal(21, rig.Observer.Values.Count());
    }

    [Fact]
    public void A_hole_that_blocks_once_a_late_backfill_fills_the_one_before_gets_its_own_time_and_request()
    {
        var rig = new Rig();
        rig.Source.OnNext(Packet(0));
        // Hole 1 is asked for; the answer is slow (host time stands still), so sensor time runs 5.7 s ahead, and
        // packet 59 is lost on the air meanwhile.
        for (int i = 2; i <= 60; i++) if (i != 59) rig.Source.OnNext(Packet(i));
        rig.Source.OnNext(Packet(1, flags: PacketFlags.Backfill));
        Assert.Equal(Enumerable.Range(0, 59).Select(i => (long)i), rig.Released);
        Assert.Equal(0, rig.Counters.Lost); // hole 59 has not had its 3 s, nor a request
        rig.Source.OnNext(Packet(61));
        Assert.Equal(59L, rig.Resend.Requests[^1]);
        rig.Source.OnNext(Packet(59, flags: PacketFlags.Backfill));
        Assert.Equal(Enumerable.Range(0, 62).Select(i => (long)i), rig.Released);
        Assert.Equal((0L, 0L), (rig.Counters.Lost, rig.Counters.ArrivedAfterGiveUp));
    }

    [Fact]
    public void A_backfill_filling_a_long_hole_packet_by_packet_is_not_asked_for_again()
    {
        var rig = new Rig();
        foreach (int i in new[] { 0, 6, 7, 8 }) rig.Source.OnNext(Packet(i));
        Assert.Equal([1L], rig.Resend.Requests);
        for (int i = 1; i <= 5; i++) rig.Source.OnNext(Packet(i, flags: PacketFlags.Backfill));
        Assert.Equal([1L], rig.Resend.Requests); // "resend from 1" covers 2..5: asking for each again would resend it all again
        Assert.Equal(Enumerable.Range(0, 9).Select(i => (long)i), rig.Released);
    }

    [Fact]
    public void Asks_again_for_a_hole_after_a_reconnect()
    {
        var rig = new Rig();
        foreach (int i in new[] { 0, 2, 3 }) rig.Source.OnNext(Packet(i));
        rig.Resend.ConnectionEpoch++;
        rig.Source.OnNext(Packet(4));
        Assert.Equal([1L, 1L], rig.Resend.Requests);
    }

    [Fact]
    public void A_sensor_that_cannot_resend_gets_no_requests_and_holes_go_after_their_sensor_time()
    {
        var rig = new Rig(new GapPolicy(GiveUpS: 0.5));
        rig.Resend.CanResend = false;
        rig.Source.OnNext(Packet(0));
        for (int i = 2; i <= 8; i++) rig.Source.OnNext(Packet(i));
        Assert.Empty(rig.Resend.Requests);
        Assert.Equal([0, 2, 3, 4, 5, 6, 7, 8], rig.Released);
    }

    [Fact]
    public void Waits_for_packets_before_the_first_arrival_when_the_start_sequence_is_known()
    {
        var rig = new Rig();
        rig.Resend.FirstLiveSequence = 65534;
        rig.Source.OnNext(Packet(1, firstSequence: 65534)); // seq 65535: the first one (65534) was reordered
        rig.Source.OnNext(Packet(0, firstSequence: 65534));
        rig.Source.OnNext(Packet(2, firstSequence: 65534)); // seq 0: across the wrap
        Assert.Equal([NotificationKind.Next, NotificationKind.Next, NotificationKind.Next], rig.Observer.Messages.Select(m => m.Kind));
        var seqs = rig.Observer.Values.Select(p => p.Packet.Sequence).ToArray();
        Assert.Equal<ushort>([65534, 65535, 0], seqs);
        var t = rig.Observer.Values.Select(p => p.FirstSampleUs).ToArray();
        Assert.True(t[0] < t[1] && t[1] < t[2]);
    }

    [Fact]
    public void Completion_releases_what_is_held_and_ends_the_subscription()
    {
        var rig = new Rig();
        foreach (int i in new[] { 0, 2, 3 }) rig.Source.OnNext(Packet(i));
        rig.Clock.AdvanceBy(TimeSpan.FromSeconds(5));
        rig.Source.OnCompleted();
        Assert.Equal([0, 2, 3], rig.Released);
        Assert.True(rig.Observer.Completed);
        Assert.Equal(1, rig.Counters.Lost);
        Assert.Equal((T0.UtcTicks, (long?)T0.AddSeconds(5).UtcTicks), rig.Source.Subscriptions.Single());
    }

    [Fact]
    public void A_failed_link_still_releases_every_packet_that_arrived_before_the_error()
    {
        // The reconnect gave up: the packets held behind the hole had arrived and must reach the analyzer and the
        // store before the session ends on the error, the hole counted as lost.
        var rig = new Rig();
        foreach (int i in new[] { 0, 2, 3 }) rig.Source.OnNext(Packet(i));
        var failure = new InvalidOperationException("link gave up");
        rig.Source.OnError(failure);
        Assert.Equal([0, 2, 3], rig.Released);
        Assert.Equal(1, rig.Counters.Lost);
        Assert.Equal(NotificationKind.Error, rig.Observer.Messages[^1].Kind);
        Assert.Same(failure, rig.Observer.Messages[^1].Error);
    }

    [Fact]
    public void Disposing_unsubscribes_at_that_moment()
    {
        var rig = new Rig();
        rig.Clock.AdvanceBy(TimeSpan.FromSeconds(3));
        rig.Subscription.Dispose();
        rig.Source.OnNext(Packet(0));
        Assert.Empty(rig.Observer.Messages);
        Assert.Equal(T0.AddSeconds(3).UtcTicks, rig.Source.Subscriptions.Single().DisposedTicks);
    }
}
