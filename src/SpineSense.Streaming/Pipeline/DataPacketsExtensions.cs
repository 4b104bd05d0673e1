using System.Diagnostics;
using System.Reactive.Linq;
using SpineSense.Protocol.Packets;
using SpineSense.Sensors;

namespace SpineSense.Streaming.Pipeline;

public static class DataPacketsExtensions
{
    /// <summary>
    /// Emits the IMU data packets among the link's notifications, decoded. Malformed payloads are counted in
    /// <paramref name="counters"/> and skipped (a corrupt packet is a gap the order stage can ask to be resent).
    /// Other characteristics (status, control point) are ignored here.
    /// </summary>
    public static IObservable<ArrivedPacket> DataPackets(this IObservable<SensorNotification> source, PipelineCounters counters)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(counters);
        return Observable.Create<ArrivedPacket>(observer => source.Subscribe(
            n =>
            {
                if (n.Characteristic != SensorCharacteristic.ImuData) return;
                if (!ImuPacketCodec.TryDecode(n.Payload.Span, out var packet, out _))
                {
                    counters.AddMalformed();
                    return;
                }
                counters.AddReceived();
                observer.OnNext(new ArrivedPacket(packet, n.HostArrivalUs, Stopwatch.GetTimestamp()));
            },
            observer.OnError,
            observer.OnCompleted));
    }
}
