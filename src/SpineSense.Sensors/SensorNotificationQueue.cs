using System.Threading.Channels;

namespace SpineSense.Sensors;

/// <summary>
/// The bounded, never-blocking notification channel every link uses behind <see cref="ISensorLink.Notifications"/>:
/// the writer (radio / generator side) never waits; when the reader is <c>capacity</c> payloads behind, the newest
/// payload is dropped and counted. Any link implementation (simulated included) can reuse it.
/// </summary>
public sealed class SensorNotificationQueue
{
    private readonly Channel<SensorNotification> _channel;
    private long _dropped;

    /// <param name="capacity">Payloads held before the writer drops (or, with <paramref name="waitWhenFull"/>, waits).</param>
    /// <param name="waitWhenFull">For sources that can pause without losing anything (a replay log): <see cref="WriteAsync"/>
    /// waits for room instead of dropping. Radio links never wait.</param>
    public SensorNotificationQueue(int capacity, bool waitWhenFull = false)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        // DropWrite: keep what the reader has not seen yet and refuse the newest — the stream stays contiguous up to
        // the drop, and the Protocol layer sees the loss as a sequence gap it can ask the sensor to resend.
        _channel = Channel.CreateBounded<SensorNotification>(
            new BoundedChannelOptions(capacity)
            {
                FullMode = waitWhenFull ? BoundedChannelFullMode.Wait : BoundedChannelFullMode.DropWrite,
                AllowSynchronousContinuations = false,
            },
            _ => Interlocked.Increment(ref _dropped));
    }

    /// <summary>Queues a payload, waiting for room when the queue was built with <c>waitWhenFull</c>.</summary>
    public ValueTask WriteAsync(SensorNotification notification, CancellationToken cancel) =>
        _channel.Writer.WriteAsync(notification, cancel);

    public ChannelReader<SensorNotification> Reader => _channel.Reader;

    /// <summary>Payloads refused because the queue was full or already completed.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Queues a payload without waiting. A full queue drops it (counted); a completed queue counts it too.</summary>
    public void Write(in SensorNotification notification)
    {
        if (!_channel.Writer.TryWrite(notification)) Interlocked.Increment(ref _dropped);
    }

    /// <summary>Ends the stream: readers drain what is queued, then see completion (or <paramref name="error"/>).</summary>
    public void Complete(SensorLinkException? error = null) => _channel.Writer.TryComplete(error);
}
