namespace SpineSense.Sensors;

/// <summary>What went wrong on a sensor link; carried by <see cref="SensorLinkException"/>.</summary>
public enum SensorLinkError
{
    /// <summary>This machine cannot do Bluetooth: the kernel lacks AF_BLUETOOTH (EAFNOSUPPORT), there is no adapter,
    /// or the process lacks permission (CAP_NET_ADMIN / CAP_NET_RAW). The message points to <c>--sensor sim</c>.</summary>
    NoBluetooth,
    /// <summary>No sensor with the requested address / name / service was found.</summary>
    NotFound,
    /// <summary>The connection could not be established (refused, host down, L2CAP connect failed).</summary>
    ConnectFailed,
    /// <summary>An operation needs a connection and there is none (never connected, lost, or disposed).</summary>
    NotConnected,
    /// <summary>The connection ended (peer, radio, socket error); the link can be connected again.</summary>
    Disconnected,
    /// <summary>No answer in time: an ATT request (30 s rule), a command indication, a connect.</summary>
    Timeout,
    /// <summary>The peer sent something that breaks ATT/GATT or the SpineSense layout (missing service or
    /// characteristic, malformed PDU, unexpected response).</summary>
    ProtocolError,
    /// <summary>The peer answered an ATT request with an Error Response; see <see cref="SensorLinkException.AttError"/>.</summary>
    AttError,
    /// <summary>A replay log is malformed (file and line in the message).</summary>
    BadReplayLog,
    /// <summary>The link cannot do this at all, e.g. a replay link given a command without a responder.</summary>
    NotSupported,
}
