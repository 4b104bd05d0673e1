namespace SpineSense.Protocol.Control;

/// <summary>Result code of a control point command, carried in its result indication (PROTOCOL.md 4.3).</summary>
public enum ControlResult : byte
{
    Success = 0x00,
    /// <summary>The sensor does not know the opcode.</summary>
    UnknownOpcode = 0x01,
    /// <summary>Wrong length or a parameter outside its domain (rate / range code, identify mode or duration).</summary>
    InvalidParameter = 0x02,
    /// <summary>Start refused: the negotiated ATT MTU cannot carry the rate (above 208 Hz needs MTU ≥ 31).</summary>
    RateTooHighForMtu = 0x03,
    /// <summary>A backfill is still running; retry after its last packet.</summary>
    Busy = 0x04,
    /// <summary>ResendFrom: the requested sequence was already overwritten in flash; resending from the oldest kept packet.</summary>
    PartiallyAvailable = 0x05,
    /// <summary>The hardware lacks the feature (e.g. no buzzer for Identify).</summary>
    NotSupported = 0x06,
    /// <summary>Start refused: battery critical.</summary>
    LowBattery = 0x07,
    /// <summary>The IMU does not respond.</summary>
    SensorFault = 0x08,
}
