using System.Reactive.Concurrency;
using SpineSense.Streaming.Pipeline;
using SpineSense.Streaming.Tests.Support;

namespace SpineSense.Streaming.Tests.Pipeline;

public sealed class DecoupledTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Delivers_items_in_order_on_the_scheduler_not_on_the_producer()
    {
        var clock = new HistoricalScheduler(T0);
        var source = new TrackedSubject<int>(clock);
        var observer = new RecordingObserver<int>(clock);
        var dropped = new DropCounter();
        using var sub = source.Decoupled(8, OverflowPolicy.DropNewest, clock, dropped).Subscribe(observer);
        source.OnNext(1);
        source.OnNext(2);
        Assert.Empty(observer.Messages); // the producer returned without running the observer
        clock.AdvanceBy(TimeSpan.FromMilliseconds(1));
        Assert.Equal([1, 2], observer.Values);
        Assert.Equal(0, dropped.Count);
    }

    [Fact]
    public void Full_buffer_drops_the_newest_and_counts_it()
    {
        var clock = new HistoricalScheduler(T0);
        var source = new TrackedSubject<int>(clock);
        var observer = new RecordingObserver<int>(clock);
        var dropped = new DropCounter();
        using var sub = source.Decoupled(3, OverflowPolicy.DropNewest, clock, dropped).Subscribe(observer);
        for (int i = 1; i <= 5; i++) source.OnNext(i);
        source.OnCompleted();
        clock.AdvanceBy(TimeSpan.FromTicks(1));
        Assert.Equal([1, 2, 3], observer.Values);
        Assert.Equal(2, dropped.Count);
        Assert.True(observer.Completed);
    }

    [Fact]
    public void Full_buffer_drops_the_oldest_for_a_live_view()
    {
        var clock = new HistoricalScheduler(T0);
        var source = new TrackedSubject<int>(clock);
        var observer = new RecordingObserver<int>(clock);
        var dropped = new DropCounter();
        using var sub = source.Decoupled(3, OverflowPolicy.DropOldest, clock, dropped).Subscribe(observer);
        for (int i = 1; i <= 5; i++) source.OnNext(i);
        clock.AdvanceBy(TimeSpan.FromTicks(1));
        Assert.Equal([3, 4, 5], observer.Values);
        Assert.Equal(2, dropped.Count);
    }

    [Fact]
    public void Error_arrives_after_the_queued_items_and_ends_the_upstream_subscription()
    {
        var clock = new HistoricalScheduler(T0);
        var source = new TrackedSubject<int>(clock);
        var observer = new RecordingObserver<int>(clock);
        var sub = source.Decoupled(8, OverflowPolicy.DropNewest, clock, new DropCounter()).Subscribe(observer);
        clock.AdvanceBy(TimeSpan.FromSeconds(1));
        source.OnNext(7);
        source.OnError(new InvalidOperationException("link"));
        Assert.Empty(observer.Messages); // queued, not delivered on the failing producer's stack
        clock.AdvanceBy(TimeSpan.FromSeconds(1));
        Assert.Equal([NotificationKind.Next, NotificationKind.Error], observer.Messages.Select(m => m.Kind));
        Assert.IsType<InvalidOperationException>(observer.Error);
        Assert.All(observer.Messages, m => Assert.Equal(T0.AddSeconds(1).UtcTicks, m.Ticks));
        // The upstream subscription ended with the upstream's terminal message.
        Assert.Equal(T0.AddSeconds(1).UtcTicks, source.Subscriptions[0].DisposedTicks);
        Assert.Equal(T0.UtcTicks, source.Subscriptions[0].SubscribedTicks);
        sub.Dispose();
    }

    [Fact]
    public void Disposing_discards_the_queue_and_unsubscribes()
    {
        var clock = new HistoricalScheduler(T0);
        var source = new TrackedSubject<int>(clock);
        var observer = new RecordingObserver<int>(clock);
        var sub = source.Decoupled(8, OverflowPolicy.DropNewest, clock, new DropCounter()).Subscribe(observer);
        source.OnNext(1);
        clock.AdvanceBy(TimeSpan.FromSeconds(3));
        sub.Dispose();
        source.OnNext(2);
        clock.AdvanceBy(TimeSpan.FromSeconds(1));
        Assert.Equal([1], observer.Values);
        Assert.Equal(T0.AddSeconds(3).UtcTicks, source.Subscriptions[0].DisposedTicks);
    }
}
