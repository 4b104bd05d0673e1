using System.Reactive.Concurrency;
using System.Reactive.Linq;

namespace SpineSense.Streaming.Pipeline;

public static class InOrderPacketsExtensions
{
    /// <summary>
    /// Emits the packets in sequence order, each once: duplicates dropped, reordered and resent (backfill) packets
    /// merged into their place, holes asked to be resent and given up per <paramref name="policy"/> (see
    /// <see cref="PacketOrderBuffer"/>). On completion every held packet is released after its hole is given up.
    /// </summary>
    /// <param name="scheduler">Host clock for the minimum wait after a resend request.</param>
    /// <param name="requestResend">"Resend from this extended sequence": the link supervisor sends the command.</param>
    public static IObservable<OrderedPacket> InOrderPackets(this IObservable<ArrivedPacket> source, GapPolicy policy,
        PipelineCounters counters, Action<long>? requestResend = null, SessionClock? clock = null, Func<int>? connectionEpoch = null,
        Func<ushort?>? firstSequence = null, IScheduler? scheduler = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        return Observable.Create<OrderedPacket>(observer =>
        {
            var buffer = new PacketOrderBuffer(policy, counters, requestResend, clock, connectionEpoch, scheduler);
            Action<OrderedPacket> release = observer.OnNext;
            return source.Subscribe(
                p =>
                {
                    if (!buffer.HasStarted) buffer.FirstSequence = firstSequence?.Invoke();
                    buffer.Add(p, release);
                },
                observer.OnError,
                () =>
                {
                    buffer.Flush(release);
                    observer.OnCompleted();
                });
        });
    }
}
