namespace SpineSense.Protocol.Status;

/// <summary>Status bytes 8..9 (u16). Latched until the status is read; bits 7..15 reserved.</summary>
[Flags]
public enum SensorErrorFlags : ushort
{
    None = 0,
    /// <summary>The IMU stopped answering.</summary>
    ImuFault = 0x0001,
    /// <summary>Flash read/write failed: backfill may be incomplete.</summary>
    FlashFault = 0x0002,
    /// <summary>Flash ring full: the oldest buffered packets were overwritten.</summary>
    FlashOverwritten = 0x0004,
    /// <summary>Battery critical: streaming will stop soon.</summary>
    BatteryCritical = 0x0008,
    /// <summary>The sensor rebooted since the last status read: sensor clock and sequence restarted; the host resets its unwrappers.</summary>
    Rebooted = 0x0010,
    OverTemperature = 0x0020,
    /// <summary>The IMU FIFO overflowed (samples lost on the sensor; data packets carry the OVERRUN flag).</summary>
    FifoOverrun = 0x0040,
}
