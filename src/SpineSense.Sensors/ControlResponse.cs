namespace SpineSense.Sensors;

/// <summary>
/// The sensor's answer to a control-point command: the payload of the indication that followed the write.
/// Decoding the result code is SpineSense.Protocol's job.
/// </summary>
/// <param name="Payload">Indication value bytes; owned by the receiver.</param>
/// <param name="HostArrivalUs">Host arrival time of the indication, Unix epoch µs (link's <see cref="TimeProvider"/>).</param>
/// <param name="RoundTripUs">Time from starting the write to receiving the indication, µs — useful for time sync.</param>
public readonly record struct ControlResponse(ReadOnlyMemory<byte> Payload, long HostArrivalUs, long RoundTripUs);
