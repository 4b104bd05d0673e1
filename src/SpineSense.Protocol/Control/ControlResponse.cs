namespace SpineSense.Protocol.Control;

/// <summary>
/// The result indication of the control point (PROTOCOL.md 4.3): which command it answers, its result and the
/// opcode's response fields (zero when the command failed).
/// </summary>
/// <param name="RequestOpcode">Opcode of the command answered (raw value when <see cref="Result"/> is UnknownOpcode).</param>
/// <param name="Sequence">StartStreaming: sequence of the first live packet. ResendFrom: sequence of the first resent packet.</param>
/// <param name="PacketCount">ResendFrom: number of packets that will be resent.</param>
/// <param name="TimeSyncToken">TimeSync: the token of the command, echoed.</param>
/// <param name="SensorTimeUs">TimeSync: sensor clock (µs, wrapping u32) when the command was received.</param>
public readonly record struct ControlResponse(
    ControlOpcode RequestOpcode,
    ControlResult Result,
    ushort Sequence = 0,
    ushort PacketCount = 0,
    uint TimeSyncToken = 0,
    uint SensorTimeUs = 0)
{
    public bool IsSuccess => Result == ControlResult.Success;
}
