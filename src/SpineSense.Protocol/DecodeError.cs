namespace SpineSense.Protocol;

/// <summary>
/// Why bytes were rejected. The only failure any SpineSense.Protocol decoder reports: decoders return
/// <c>false</c> with one of these and never throw. Names match the <c>error =</c> values of
/// firmware-protocol/vectors and <c>ss_error_name()</c> of the C reference.
/// </summary>
public enum DecodeError : byte
{
    None = 0,
    /// <summary>Fewer bytes than the fixed header of the message (including zero bytes).</summary>
    Truncated = 1,
    /// <summary>Protocol / status version this decoder does not implement.</summary>
    UnknownVersion = 2,
    /// <summary>Total length disagrees with what the header announces (sample count, opcode, format).</summary>
    LengthMismatch = 3,
    /// <summary>Data packet sample count is 0 or above <see cref="Packets.ImuPacketLayout.MaxSamples"/>.</summary>
    BadSampleCount = 4,
    /// <summary>Output data rate code not defined in PROTOCOL.md.</summary>
    BadRateCode = 5,
    /// <summary>Accelerometer or gyroscope full-scale code not defined in PROTOCOL.md.</summary>
    BadRangeCode = 6,
    /// <summary>Control point opcode not defined (commands start 0x01..0x05, responses with 0x80).</summary>
    UnknownOpcode = 7,
    /// <summary>A command or status field holds a value outside its documented domain.</summary>
    BadParameter = 8,
    /// <summary>Control point result code not defined.</summary>
    BadResultCode = 9,
}
