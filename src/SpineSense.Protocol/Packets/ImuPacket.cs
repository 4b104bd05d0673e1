using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SpineSense.Protocol.Packets;

/// <summary>
/// One decoded IMU data packet (PROTOCOL.md 3). A self-contained value: the up to 19 samples are held
/// inline (no heap), so a packet can be stored, queued or pushed through Rx without allocating.
/// Create with <see cref="ImuPacketCodec.TryDecode"/> or the constructor, write with <see cref="ImuPacketCodec.TryEncode"/>.
/// </summary>
public readonly struct ImuPacket : IEquatable<ImuPacket>
{
    [InlineArray(ImuPacketLayout.MaxSamples)]
    private struct SampleBuffer
    {
        private RawImuSample _element0;
    }

    private readonly SampleBuffer _samples;

    /// <summary>Builds a packet to encode. Throws <see cref="ArgumentException"/> for values the wire cannot carry
    /// (programming errors on the sending side; decoding never throws).</summary>
    /// <param name="flags">Backfill / overrun / compact bits; <see cref="PacketFlags.Compact"/> requires exactly one sample.</param>
    /// <param name="sequence">Packet counter, +1 per packet, wraps 65535 → 0.</param>
    /// <param name="firstSampleTimeUs">Sensor clock in µs at sample 0; wraps every 2^32 µs (71.6 min).</param>
    /// <param name="samplePeriodNs">Measured sample period in ns; 0 = nominal 1/ODR. Not carried by the compact format (must be 0).</param>
    public ImuPacket(
        PacketFlags flags, ushort sequence, uint firstSampleTimeUs,
        OutputDataRate rate, AccelRange accelRange, GyroRange gyroRange,
        uint samplePeriodNs, ReadOnlySpan<RawImuSample> samples)
    {
        if (!SensorCodes.IsDefined(rate)) throw new ArgumentException($"Undefined rate code {(byte)rate}.", nameof(rate));
        if (!SensorCodes.IsDefined(accelRange)) throw new ArgumentException($"Undefined accel range code {(byte)accelRange}.", nameof(accelRange));
        if (!SensorCodes.IsDefined(gyroRange)) throw new ArgumentException($"Undefined gyro range code {(byte)gyroRange}.", nameof(gyroRange));
        if ((byte)flags > ImuPacketLayout.FlagsMask) throw new ArgumentException("Flags use only the low nibble.", nameof(flags));
        if (samples.Length < 1 || samples.Length > ImuPacketLayout.MaxSamples)
            throw new ArgumentException($"A packet carries 1..{ImuPacketLayout.MaxSamples} samples, not {samples.Length}.", nameof(samples));
        if ((flags & PacketFlags.Compact) != 0 && (samples.Length != 1 || samplePeriodNs != 0))
            throw new ArgumentException("The compact format carries exactly one sample and no period.", nameof(flags));

        Version = ImuPacketLayout.CurrentVersion;
        Flags = flags;
        Sequence = sequence;
        FirstSampleTimeUs = firstSampleTimeUs;
        Rate = rate;
        AccelRange = accelRange;
        GyroRange = gyroRange;
        SamplePeriodNs = samplePeriodNs;
        SampleCount = samples.Length;
        samples.CopyTo(_samples);
    }

    /// <summary>Decoder's constructor: fields already validated; <paramref name="sampleBytes"/> is count × 12 wire bytes.</summary>
    internal ImuPacket(
        byte version, PacketFlags flags, ushort sequence, uint firstSampleTimeUs,
        OutputDataRate rate, AccelRange accelRange, GyroRange gyroRange,
        uint samplePeriodNs, int sampleCount, ReadOnlySpan<byte> sampleBytes)
    {
        Version = version;
        Flags = flags;
        Sequence = sequence;
        FirstSampleTimeUs = firstSampleTimeUs;
        Rate = rate;
        AccelRange = accelRange;
        GyroRange = gyroRange;
        SamplePeriodNs = samplePeriodNs;
        SampleCount = sampleCount;
        Span<RawImuSample> destination = _samples;
        if (BitConverter.IsLittleEndian)
        {
            // Wire layout == memory layout on little-endian hosts: one block copy instead of 6 reads per sample.
            MemoryMarshal.Cast<byte, RawImuSample>(sampleBytes).CopyTo(destination);
        }
        else
        {
            Span<short> values = MemoryMarshal.Cast<RawImuSample, short>(destination);
            for (int i = 0; i < sampleCount * 6; i++)
            {
                values[i] = BinaryPrimitives.ReadInt16LittleEndian(sampleBytes.Slice(i * 2, 2));
            }
        }
    }

    /// <summary>Protocol version from the header byte (1).</summary>
    public byte Version { get; }
    public PacketFlags Flags { get; }
    /// <summary>Packet counter, wraps 65535 → 0; unwrap with <see cref="Clock.SequenceUnwrapper"/>.</summary>
    public ushort Sequence { get; }
    /// <summary>Sensor clock (µs) at sample 0; wraps every 2^32 µs; unwrap with <see cref="Clock.SensorTimeUnwrapper"/>.</summary>
    public uint FirstSampleTimeUs { get; }
    public OutputDataRate Rate { get; }
    public AccelRange AccelRange { get; }
    public GyroRange GyroRange { get; }
    /// <summary>Measured sample period in ns as sent; 0 = nominal. See <see cref="EffectivePeriodNs"/>.</summary>
    public uint SamplePeriodNs { get; }
    public int SampleCount { get; }

    public bool IsCompact => (Flags & PacketFlags.Compact) != 0;
    public bool IsBackfill => (Flags & PacketFlags.Backfill) != 0;
    public bool HasOverrun => (Flags & PacketFlags.Overrun) != 0;

    /// <summary>Sample period in ns: the measured one when sent, else the nominal 1/ODR.</summary>
    public uint EffectivePeriodNs => SamplePeriodNs != 0 ? SamplePeriodNs : SensorCodes.NominalPeriodNs(Rate);

    public double RateHz => SensorCodes.RateHz(Rate);
    public double AccelGPerLsb => SensorCodes.AccelGPerLsb(AccelRange);
    public double GyroDpsPerLsb => SensorCodes.GyroDpsPerLsb(GyroRange);

    /// <summary>The samples, valid while this packet value lives.</summary>
    [UnscopedRef]
    public ReadOnlySpan<RawImuSample> Samples => ((ReadOnlySpan<RawImuSample>)_samples)[..SampleCount];

    /// <summary>Raw sample <paramref name="index"/> (0-based, &lt; <see cref="SampleCount"/>).</summary>
    public RawImuSample GetSample(int index)
    {
        if ((uint)index >= (uint)SampleCount) ThrowIndex(index);
        return _samples[index];
    }

    /// <summary>Sample <paramref name="index"/> scaled to g and degrees/second with this packet's range codes.</summary>
    public ScaledImuSample GetScaledSample(int index)
    {
        RawImuSample raw = GetSample(index);
        double g = AccelGPerLsb, dps = GyroDpsPerLsb;
        return new ScaledImuSample(raw.AccX * g, raw.AccY * g, raw.AccZ * g, raw.GyrX * dps, raw.GyrY * dps, raw.GyrZ * dps);
    }

    /// <summary>Time of sample <paramref name="index"/> after sample 0, in µs (index × period, rounded down).
    /// <paramref name="index"/> = <see cref="SampleCount"/> gives where the next packet's sample 0 is expected: a later
    /// t0 with a contiguous sequence means samples were lost on the sensor (<see cref="PacketFlags.Overrun"/>).</summary>
    public long SampleOffsetUs(int index) => (long)index * EffectivePeriodNs / 1000;

    public bool Equals(ImuPacket other) =>
        Version == other.Version && Flags == other.Flags && Sequence == other.Sequence
        && FirstSampleTimeUs == other.FirstSampleTimeUs && Rate == other.Rate
        && AccelRange == other.AccelRange && GyroRange == other.GyroRange
        && SamplePeriodNs == other.SamplePeriodNs && SampleCount == other.SampleCount
        && Samples.SequenceEqual(other.Samples);

    public override bool Equals(object? obj) => obj is ImuPacket other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Sequence, FirstSampleTimeUs, SampleCount, Flags, Rate);

    public static bool operator ==(ImuPacket left, ImuPacket right) => left.Equals(right);
    public static bool operator !=(ImuPacket left, ImuPacket right) => !left.Equals(right);

    public override string ToString() =>
        $"ImuPacket v{Version} seq={Sequence} t0={FirstSampleTimeUs}us n={SampleCount} {RateHz}Hz ±{SensorCodes.FullScaleG(AccelRange)}g ±{SensorCodes.FullScaleDps(GyroRange)}dps flags={Flags}";

    private static void ThrowIndex(int index) =>
        throw new ArgumentOutOfRangeException(nameof(index), index, "Sample index outside the packet.");
}
