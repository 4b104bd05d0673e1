using System.Buffers.Binary;

namespace SpineSense.Protocol.Status;

/// <summary>
/// Status characteristic codec (PROTOCOL.md 5). 16 bytes, little-endian, fits a 20-byte notification at ATT MTU 23.
/// <code>
///   0        1        2        3        4        5        6        7
/// +--------+--------+--------+--------+--------+--------+--------+--------+
/// | ver=1  | batt % | power  | state  | fw maj | fw min | fw build (u16)  |
/// +--------+--------+--------+--------+--------+--------+--------+--------+
/// | errors (u16)    | buffered samples (u32)            | next seq (u16)  |
/// +--------+--------+--------+--------+--------+--------+--------+--------+
/// </code>
/// </summary>
public static class SensorStatusCodec
{
    public const byte CurrentVersion = 1;
    public const int Size = 16;

    public const int VersionOffset = 0;
    public const int BatteryOffset = 1;
    public const int PowerOffset = 2;
    public const int StateOffset = 3;
    public const int FirmwareMajorOffset = 4;
    public const int FirmwareMinorOffset = 5;
    public const int FirmwareBuildOffset = 6;
    public const int ErrorsOffset = 8;
    public const int BufferedSamplesOffset = 10;
    public const int NextSequenceOffset = 14;

    private const byte PowerMask = (byte)(PowerFlags.Charging | PowerFlags.ExternalPower);
    private const ushort ErrorsMask = 0x007F;

    /// <summary>
    /// Empty → Truncated; version ≠ 1 → UnknownVersion; &lt; 16 bytes → Truncated; &gt; 16 → LengthMismatch;
    /// battery 101..254 or state &gt; 3 → BadParameter. Reserved bits are ignored (and not kept).
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<byte> bytes, out SensorStatus status, out DecodeError error)
    {
        status = default;
        if (bytes.IsEmpty)
        {
            error = DecodeError.Truncated;
            return false;
        }
        if (bytes[VersionOffset] != CurrentVersion)
        {
            error = DecodeError.UnknownVersion;
            return false;
        }
        if (bytes.Length != Size)
        {
            error = bytes.Length < Size ? DecodeError.Truncated : DecodeError.LengthMismatch;
            return false;
        }
        byte battery = bytes[BatteryOffset];
        byte state = bytes[StateOffset];
        if ((battery > 100 && battery != SensorStatus.UnknownBattery) || state > (byte)StreamingState.Logging)
        {
            error = DecodeError.BadParameter;
            return false;
        }
        status = new SensorStatus(
            battery,
            (PowerFlags)(bytes[PowerOffset] & PowerMask),
            (StreamingState)state,
            bytes[FirmwareMajorOffset],
            bytes[FirmwareMinorOffset],
            BinaryPrimitives.ReadUInt16LittleEndian(bytes[FirmwareBuildOffset..]),
            (SensorErrorFlags)(BinaryPrimitives.ReadUInt16LittleEndian(bytes[ErrorsOffset..]) & ErrorsMask),
            BinaryPrimitives.ReadUInt32LittleEndian(bytes[BufferedSamplesOffset..]),
            BinaryPrimitives.ReadUInt16LittleEndian(bytes[NextSequenceOffset..]));
        error = DecodeError.None;
        return true;
    }

    /// <summary>Writes 16 bytes. False when the destination is too small or a field is outside its domain.</summary>
    public static bool TryEncode(in SensorStatus status, Span<byte> destination, out int bytesWritten)
    {
        bytesWritten = 0;
        if (destination.Length < Size
            || (status.BatteryPercent > 100 && status.BatteryPercent != SensorStatus.UnknownBattery)
            || (byte)status.State > (byte)StreamingState.Logging)
        {
            return false;
        }
        destination[VersionOffset] = CurrentVersion;
        destination[BatteryOffset] = status.BatteryPercent;
        destination[PowerOffset] = (byte)((byte)status.Power & PowerMask);
        destination[StateOffset] = (byte)status.State;
        destination[FirmwareMajorOffset] = status.FirmwareMajor;
        destination[FirmwareMinorOffset] = status.FirmwareMinor;
        BinaryPrimitives.WriteUInt16LittleEndian(destination[FirmwareBuildOffset..], status.FirmwareBuild);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[ErrorsOffset..], (ushort)((ushort)status.Errors & ErrorsMask));
        BinaryPrimitives.WriteUInt32LittleEndian(destination[BufferedSamplesOffset..], status.BufferedSamples);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[NextSequenceOffset..], status.NextSequence);
        bytesWritten = Size;
        return true;
    }
}
