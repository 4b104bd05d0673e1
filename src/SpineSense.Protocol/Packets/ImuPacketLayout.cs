namespace SpineSense.Protocol.Packets;

/// <summary>
/// Byte offsets and sizes of the IMU data packet, protocol v1 (PROTOCOL.md 3.2). Little-endian.
/// <code>
/// Standard format (16-byte header + 1..19 samples; 244 bytes with 19 samples = one notification at ATT MTU 247)
///   0        1        2        3        4        5        6        7
/// +--------+--------+--------+--------+--------+--------+--------+--------+
/// | header | config | sequence (u16)  | t0_us: sensor time of sample 0    |
/// +--------+--------+--------+--------+--------+--------+--------+--------+
/// | period_ns: measured sample period | count  | reserved (0, ignored)    |
/// +--------+--------+--------+--------+--------+--------+--------+--------+
/// | sample 0: acc x,y,z  gyr x,y,z  (6 x int16 = 12 bytes) | sample 1 ...
///
/// Compact format (exactly 20 bytes = one notification at the default ATT MTU 23, one sample)
/// +--------+--------+--------+--------+--------+--------+--------+--------+
/// | header | config | sequence (u16)  | t0_us (u32)                       |
/// +--------+--------+--------+--------+--------+--------+--------+--------+
/// | sample 0 (12 bytes)
///
/// header: bits 7..4 protocol version (1), bit 3 COMPACT, bit 2 reserved, bit 1 OVERRUN, bit 0 BACKFILL
/// config: bits 3..0 ODR code, bits 5..4 accel full-scale code, bits 7..6 gyro full-scale code
/// </code>
/// </summary>
public static class ImuPacketLayout
{
    public const byte CurrentVersion = 1;

    public const int HeaderOffset = 0;
    public const int ConfigOffset = 1;
    public const int SequenceOffset = 2;
    public const int FirstSampleTimeOffset = 4;
    // Standard format only:
    public const int PeriodOffset = 8;
    public const int CountOffset = 12;
    public const int ReservedOffset = 13;

    public const int StandardHeaderSize = 16;
    public const int CompactHeaderSize = 8;
    public const int SampleSize = 12;
    public const int CompactPacketSize = CompactHeaderSize + SampleSize;

    /// <summary>19 samples fill exactly 244 bytes, the largest notification payload at ATT MTU 247.</summary>
    public const int MaxSamples = 19;
    public const int MaxPacketSize = StandardHeaderSize + MaxSamples * SampleSize;

    public const int VersionShift = 4;
    public const byte FlagsMask = 0x0F;
    public const byte RateMask = 0x0F;
    public const int AccelRangeShift = 4;
    public const int GyroRangeShift = 6;
    public const byte RangeMask = 0x03;

    /// <summary>ATT header of a Handle Value Notification: opcode (1) + handle (2).</summary>
    public const int AttNotificationOverhead = 3;

    /// <summary>
    /// Samples per standard-format packet that fit one notification at <paramref name="attMtu"/>, or 0 when
    /// not even one fits (MTU below 31): then the sensor sends the compact format.
    /// </summary>
    public static int MaxSamplesForMtu(int attMtu)
    {
        int payload = attMtu - AttNotificationOverhead - StandardHeaderSize;
        if (payload < SampleSize)
        {
            return 0;
        }
        return Math.Min(MaxSamples, payload / SampleSize);
    }
}
