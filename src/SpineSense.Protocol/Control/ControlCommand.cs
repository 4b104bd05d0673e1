using SpineSense.Protocol.Packets;

namespace SpineSense.Protocol.Control;

/// <summary>
/// A command written to the control point (PROTOCOL.md 4.2). One flat value; only the fields of
/// <see cref="Opcode"/> are meaningful, the others are default. Build with the static factories.
/// </summary>
public readonly record struct ControlCommand(
    ControlOpcode Opcode,
    OutputDataRate Rate = default,
    AccelRange AccelRange = default,
    GyroRange GyroRange = default,
    IdentifyMode IdentifyMode = default,
    byte IdentifyDurationS = 0,
    uint TimeSyncToken = 0,
    ushort ResendFromSequence = 0)
{
    /// <summary>Longest identify the sensor accepts, seconds.</summary>
    public const byte MaxIdentifyDurationS = 60;

    /// <summary>Start (or reconfigure) live streaming. The sensor answers with the sequence of its first live packet.</summary>
    public static ControlCommand StartStreaming(OutputDataRate rate, AccelRange accelRange, GyroRange gyroRange) =>
        new(ControlOpcode.StartStreaming, Rate: rate, AccelRange: accelRange, GyroRange: gyroRange);

    public static ControlCommand StopStreaming() => new(ControlOpcode.StopStreaming);

    /// <summary>Blink and/or buzz for <paramref name="durationS"/> seconds (1..60).</summary>
    public static ControlCommand Identify(IdentifyMode mode, byte durationS) =>
        new(ControlOpcode.Identify, IdentifyMode: mode, IdentifyDurationS: durationS);

    /// <summary>Ask for the sensor clock; <paramref name="token"/> is echoed so the host can match the answer to its send time.</summary>
    public static ControlCommand TimeSync(uint token) => new(ControlOpcode.TimeSync, TimeSyncToken: token);

    /// <summary>Resend buffered packets from <paramref name="sequence"/> (wire value, serial arithmetic) up to the last live one.</summary>
    public static ControlCommand ResendFrom(ushort sequence) => new(ControlOpcode.ResendFrom, ResendFromSequence: sequence);
}
