namespace SpineSense.Sensors;

/// <summary>
/// The one exception type SpineSense.Sensors lets escape (besides <see cref="OperationCanceledException"/> when the
/// caller cancels). <see cref="Exception.Message"/> is a single sentence fit to show a user as is.
/// </summary>
public sealed class SensorLinkException : Exception
{
    public SensorLinkException(SensorLinkError error, string message, Exception? inner = null)
        : base(message, inner)
    {
        Error = error;
    }

    public SensorLinkException(byte attErrorCode, byte requestOpcode, ushort handle, string message)
        : base(message)
    {
        Error = SensorLinkError.AttError;
        AttError = attErrorCode;
        AttRequestOpcode = requestOpcode;
        AttHandle = handle;
    }

    public SensorLinkError Error { get; }

    /// <summary>The ATT error code (Core spec Vol 3 Part F 3.4.1.1) when <see cref="Error"/> is AttError, else 0.</summary>
    public byte AttError { get; }

    /// <summary>The opcode of the request the peer rejected, when <see cref="Error"/> is AttError.</summary>
    public byte AttRequestOpcode { get; }

    /// <summary>The attribute handle in error, when <see cref="Error"/> is AttError.</summary>
    public ushort AttHandle { get; }

    /// <summary>The message every "this machine has no usable Bluetooth" path uses, with the reason first.</summary>
    public static SensorLinkException NoBluetooth(string reason, Exception? inner = null) =>
        new(SensorLinkError.NoBluetooth,
            $"Bluetooth is not available on this machine ({reason}). Use the simulated sensor instead: --sensor sim",
            inner);
}
