using System.Reactive.Concurrency;
using System.Reactive.Linq;

namespace SpineSense.Streaming.Pipeline;

public static class InOrderPacketsExtensions
{
    /// <summary>
    /// Emits the packets in sequence order, each once: duplicates dropped, reordered and resent (backfill) packets
    /// merged into their place, holes asked to be resent through <paramref name="resend"/> and given up per
    /// <paramref name="policy"/> (see <see cref="PacketOrderBuffer"/>). On completion and on error every held packet is
    /// released after its hole is given up: those packets arrived, and a failed link must not lose them.
    /// </summary>
    /// <param name="clock">Fed with the live packets' clock observations, in arrival order.</param>
    /// <param name="scheduler">Host clock for the minimum wait after a resend request.</param>
    public static IObservable<OrderedPacket> InOrderPackets(this IObservable<ArrivedPacket> source, GapPolicy policy,
        PipelineCounters counters, IResendChannel? resend = null, SessionClock? clock = null, IScheduler? scheduler = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        return Observable.Create<OrderedPacket>(observer =>
        {
            var buffer = new PacketOrderBuffer(policy, counters, resend, clock, scheduler);
            Action<OrderedPacket> release = observer.OnNext;
            return source.Subscribe(
                p => buffer.Add(p, release),
                e =>
                {
                    buffer.Flush(release);
                    observer.OnError(e);
                },
                () =>
                {
                    buffer.Flush(release);
                    observer.OnCompleted();
                });
        });
    }
}
