using SpineSense.Sensors.Transport;

namespace SpineSense.Sensors.Tests.Fakes;

/// <summary>
/// The scanner's end of a fake socket, counting the packets it has taken (so a test waits for delivery, not for time).
/// Also compiled into SpineSense.Cli.Tests as a linked file: the shared TestSupport library stays free of src projects.
/// </summary>
internal sealed class CountingTransport(IPacketTransport inner, Action delivered) : IPacketTransport
{
    public ValueTask SendAsync(ReadOnlyMemory<byte> message, CancellationToken cancel) => inner.SendAsync(message, cancel);

    public async ValueTask<byte[]?> ReceiveAsync(CancellationToken cancel)
    {
        var packet = await inner.ReceiveAsync(cancel).ConfigureAwait(false);
        if (packet is not null) delivered();
        return packet;
    }

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
