namespace SpineSense.Sensors;

/// <summary>Why a connected link ended: the error (code <see cref="SensorLinkError.Disconnected"/> usually)
/// and when the loss was noticed (Unix epoch µs, link's <see cref="TimeProvider"/>).</summary>
public sealed class SensorLinkLostEventArgs(SensorLinkException reason, long detectedAtUs) : EventArgs
{
    public SensorLinkException Reason { get; } = reason;
    public long DetectedAtUs { get; } = detectedAtUs;
}
