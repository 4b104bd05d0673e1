using System.Threading.Channels;

namespace SpineSense.Sensors;

/// <summary>
/// A connection to one SpineSense sensor: a stream of notification payloads from it, plus commands to it.
/// Implementations: Bluetooth LE on Linux (<c>Ble/BleSensorLink</c>), simulated (<c>Simulated/</c>), replay
/// (<c>Replay/ReplaySensorLink</c>). Payloads are the raw bytes of the characteristic value; decoding them is
/// SpineSense.Protocol's job, so a link never interprets packets.
/// </summary>
/// <remarks>
/// Lifetime: <see cref="ConnectAsync"/> → notifications flow → the link may be lost (<see cref="LinkLost"/> fires,
/// <see cref="State"/> becomes <see cref="SensorLinkState.Lost"/>) → the owner may call <see cref="ConnectAsync"/>
/// again (reconnect policy and "resend from sequence" belong to the caller) → <see cref="IAsyncDisposable.DisposeAsync"/>
/// completes <see cref="Notifications"/>.
/// <para>
/// <see cref="Notifications"/> is ONE channel for the whole lifetime of the link: it survives reconnects and is
/// completed only by dispose (or with a <see cref="SensorLinkException"/> when the link can never deliver again,
/// e.g. a replay log that is malformed). The radio side never blocks on it: when the reader falls behind by
/// <see cref="SensorLinkOptions.NotificationCapacity"/> payloads, new ones are dropped and counted in
/// <see cref="DroppedNotifications"/>, never silently.
/// </para>
/// Threading: members may be called from any thread; <see cref="SendCommandAsync"/> and <see cref="ReadAsync"/>
/// are serialised internally (ATT allows one outstanding request). Every failure is a
/// <see cref="SensorLinkException"/> (plus <see cref="OperationCanceledException"/> when the caller cancels).
/// </remarks>
public interface ISensorLink : IAsyncDisposable
{
    /// <summary>Human-readable identity, e.g. <c>ble:C0:11:22:33:44:55</c>, <c>sim</c>, <c>replay:run.sspl</c>.</summary>
    string Name { get; }

    SensorLinkState State { get; }

    /// <summary>
    /// Connects (or reconnects after a loss) and enables every notification and indication, so that data payloads
    /// arrive as soon as the sensor streams. Returns when the link is <see cref="SensorLinkState.Connected"/>.
    /// A no-op when already connected. Throws <see cref="SensorLinkException"/> (NoBluetooth, NotFound,
    /// ConnectFailed, Timeout, ProtocolError, AttError).
    /// </summary>
    Task ConnectAsync(CancellationToken cancel);

    /// <summary>Notification payloads (IMU data, status, unsolicited control-point indications) in arrival order.</summary>
    ChannelReader<SensorNotification> Notifications { get; }

    /// <summary>
    /// Writes one control-point command PDU (encoded by SpineSense.Protocol) with response and waits for the
    /// sensor's result indication on the control point. One command at a time; the next one waits.
    /// Throws <see cref="SensorLinkException"/>: NotConnected, Disconnected (lost while waiting), Timeout
    /// (no indication within <see cref="SensorLinkOptions.CommandTimeout"/>), AttError (write rejected).
    /// </summary>
    Task<ControlResponse> SendCommandAsync(ReadOnlyMemory<byte> commandPdu, CancellationToken cancel);

    /// <summary>Reads a readable characteristic's current value (<see cref="SensorCharacteristic.Status"/>,
    /// <see cref="SensorCharacteristic.BatteryLevel"/>, device information strings).</summary>
    Task<ReadOnlyMemory<byte>> ReadAsync(SensorCharacteristic characteristic, CancellationToken cancel);

    /// <summary>Payloads dropped because <see cref="Notifications"/> was full (reader too slow), since creation.</summary>
    long DroppedNotifications { get; }

    /// <summary>
    /// Received signal strength of the open connection, dBm (about −40 good … −95 unusable), as last measured;
    /// <c>null</c> when unknown: not connected, or the link cannot measure it. Cheap to read (a cached value; links
    /// measure off the sample path).
    /// </summary>
    double? RssiDbm { get; }

    /// <summary>
    /// Raised once per loss, promptly (on the link's I/O thread; do not block in the handler), when an established
    /// connection ends without the owner asking: peer disconnect, radio out of range, socket error, supervision timeout.
    /// Not raised by <see cref="IAsyncDisposable.DisposeAsync"/>.
    /// </summary>
    event EventHandler<SensorLinkLostEventArgs>? LinkLost;
}
