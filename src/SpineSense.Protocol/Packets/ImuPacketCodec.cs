using System.Buffers.Binary;
using System.Runtime.InteropServices;
using static SpineSense.Protocol.Packets.ImuPacketLayout;

namespace SpineSense.Protocol.Packets;

/// <summary>
/// Decodes and encodes IMU data notifications (layout diagram: <see cref="ImuPacketLayout"/>, spec: PROTOCOL.md 3).
/// Stateless and thread-safe; no allocation.
/// </summary>
public static class ImuPacketCodec
{
    /// <summary>
    /// Decodes one notification payload. Returns false with the reason for malformed input; never throws.
    /// Checks, in this order: empty → Truncated; version ≠ 1 → UnknownVersion; shorter than the format's header →
    /// Truncated; undefined ODR code → BadRateCode; compact length ≠ 20 → LengthMismatch; count 0 or &gt; 19 →
    /// BadSampleCount; length ≠ 16 + 12 × count → LengthMismatch. Reserved bits and bytes are ignored.
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<byte> bytes, out ImuPacket packet, out DecodeError error)
    {
        packet = default;
        if (bytes.IsEmpty)
        {
            error = DecodeError.Truncated;
            return false;
        }

        byte header = bytes[HeaderOffset];
        byte version = (byte)(header >> VersionShift);
        if (version != CurrentVersion)
        {
            error = DecodeError.UnknownVersion;
            return false;
        }

        var flags = (PacketFlags)(header & FlagsMask);
        bool compact = (flags & PacketFlags.Compact) != 0;
        if (bytes.Length < (compact ? CompactHeaderSize : StandardHeaderSize))
        {
            error = DecodeError.Truncated;
            return false;
        }

        byte config = bytes[ConfigOffset];
        var rate = (OutputDataRate)(config & RateMask);
        if (!SensorCodes.IsDefined(rate))
        {
            error = DecodeError.BadRateCode;
            return false;
        }
        // Both range fields are 2 bits and every 2-bit value is defined.
        var accelRange = (AccelRange)((config >> AccelRangeShift) & RangeMask);
        var gyroRange = (GyroRange)((config >> GyroRangeShift) & RangeMask);

        ushort sequence = BinaryPrimitives.ReadUInt16LittleEndian(bytes[SequenceOffset..]);
        uint firstSampleTimeUs = BinaryPrimitives.ReadUInt32LittleEndian(bytes[FirstSampleTimeOffset..]);

        uint periodNs;
        int count;
        int samplesOffset;
        if (compact)
        {
            if (bytes.Length != CompactPacketSize)
            {
                error = DecodeError.LengthMismatch;
                return false;
            }
            periodNs = 0;
            count = 1;
            samplesOffset = CompactHeaderSize;
        }
        else
        {
            count = bytes[CountOffset];
            if (count == 0 || count > MaxSamples)
            {
                error = DecodeError.BadSampleCount;
                return false;
            }
            if (bytes.Length != StandardHeaderSize + count * SampleSize)
            {
                error = DecodeError.LengthMismatch;
                return false;
            }
            periodNs = BinaryPrimitives.ReadUInt32LittleEndian(bytes[PeriodOffset..]);
            samplesOffset = StandardHeaderSize;
        }

        packet = new ImuPacket(version, flags, sequence, firstSampleTimeUs, rate, accelRange, gyroRange,
            periodNs, count, bytes.Slice(samplesOffset, count * SampleSize));
        error = DecodeError.None;
        return true;
    }

    /// <summary>Bytes <see cref="TryEncode"/> writes for <paramref name="packet"/>.</summary>
    public static int EncodedLength(in ImuPacket packet) =>
        packet.IsCompact ? CompactPacketSize : StandardHeaderSize + packet.SampleCount * SampleSize;

    /// <summary>
    /// Writes <paramref name="packet"/> in its format (standard, or compact when <see cref="PacketFlags.Compact"/> is set).
    /// Returns false, writing nothing, when <paramref name="destination"/> is too small or the packet is
    /// <c>default</c> (no samples).
    /// </summary>
    public static bool TryEncode(in ImuPacket packet, Span<byte> destination, out int bytesWritten)
    {
        bytesWritten = 0;
        int length = EncodedLength(packet);
        if (packet.SampleCount == 0 || destination.Length < length)
        {
            return false;
        }

        destination[HeaderOffset] = (byte)((CurrentVersion << VersionShift) | ((byte)packet.Flags & FlagsMask));
        destination[ConfigOffset] = (byte)((byte)packet.Rate
            | ((byte)packet.AccelRange << AccelRangeShift)
            | ((byte)packet.GyroRange << GyroRangeShift));
        BinaryPrimitives.WriteUInt16LittleEndian(destination[SequenceOffset..], packet.Sequence);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[FirstSampleTimeOffset..], packet.FirstSampleTimeUs);

        int samplesOffset = CompactHeaderSize;
        if (!packet.IsCompact)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(destination[PeriodOffset..], packet.SamplePeriodNs);
            destination[CountOffset] = (byte)packet.SampleCount;
            destination.Slice(ReservedOffset, StandardHeaderSize - ReservedOffset).Clear();
            samplesOffset = StandardHeaderSize;
        }

        ReadOnlySpan<RawImuSample> samples = packet.Samples;
        Span<byte> sampleBytes = destination.Slice(samplesOffset, samples.Length * SampleSize);
        if (BitConverter.IsLittleEndian)
        {
            MemoryMarshal.AsBytes(samples).CopyTo(sampleBytes);
        }
        else
        {
            ReadOnlySpan<short> values = MemoryMarshal.Cast<RawImuSample, short>(samples);
            for (int i = 0; i < values.Length; i++)
            {
                BinaryPrimitives.WriteInt16LittleEndian(sampleBytes.Slice(i * 2, 2), values[i]);
            }
        }
        bytesWritten = length;
        return true;
    }
}
