namespace SpineSense.Sensors.Transport;

/// <summary>
/// A message-oriented, reliable, ordered byte transport: each send is one message and each receive returns one
/// whole message (boundaries preserved). The ATT bearer (an L2CAP LE socket on CID 4), the BlueZ management socket
/// and an AF_UNIX SOCK_SEQPACKET socket pair all fit, which is what lets the GATT client and the scanner be tested
/// against in-process fakes speaking the real bytes.
/// </summary>
public interface IPacketTransport : IAsyncDisposable
{
    /// <summary>Sends one message. Throws <see cref="SensorLinkException"/> (Disconnected) when the transport is gone.</summary>
    ValueTask SendAsync(ReadOnlyMemory<byte> message, CancellationToken cancel);

    /// <summary>
    /// Waits for the next message; the array is the caller's. Returns <c>null</c> once the peer closed the connection
    /// and everything before the close was delivered. Throws <see cref="SensorLinkException"/> (Disconnected) on a
    /// socket error (ECONNRESET, ETIMEDOUT = BLE supervision timeout, ...), with the errno in the message.
    /// </summary>
    ValueTask<byte[]?> ReceiveAsync(CancellationToken cancel);
}
