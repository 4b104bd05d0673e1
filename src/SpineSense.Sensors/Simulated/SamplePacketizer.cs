using SpineSense.Motion.Samples;
using SpineSense.Protocol.Packets;

namespace SpineSense.Sensors.Simulated;

/// <summary>
/// Cuts a run of simulated samples into wire packets the way the firmware does: consecutive samples,
/// <c>SamplesPerPacket</c> per packet, sequence +1 per packet (wrapping at 65535), the sensor clock of sample 0
/// (µs, wrapping at 2^32, running <c>ClockDriftPpm</c> fast) and int16 counts at the configured full-scale ranges.
/// Pure: packet <c>k</c> is a function of <c>k</c>, so flash "resend" can rebuild any packet.
/// </summary>
public sealed class SamplePacketizer
{
    private readonly ReadOnlyMemory<ImuSample> _samples;
    private readonly int _perPacket;
    private readonly double _accLsbPerG, _gyroLsbPerDps, _clockScale;
    private readonly uint _periodNs;

    public SamplePacketizer(ReadOnlyMemory<ImuSample> samples, SimulatedSensorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (samples.Length < 2) throw new ArgumentException("need at least two samples", nameof(samples));
        _samples = samples;
        Options = options;
        _perPacket = options.SamplesPerPacket;
        var span = samples.Span;
        double meanPeriodS = (span[^1].TimeS - span[0].TimeS) / (span.Length - 1);
        if (!SensorCodes.TryFromHz(1 / meanPeriodS, out var rate))
            throw new ArgumentException($"sample rate {1 / meanPeriodS:F1} Hz is not a protocol rate (52..833 Hz)", nameof(samples));
        Rate = rate;
        _accLsbPerG = 1 / SensorCodes.AccelGPerLsb(options.AccelRange);
        _gyroLsbPerDps = 1 / SensorCodes.GyroDpsPerLsb(options.GyroRange);
        _clockScale = 1 + options.ClockDriftPpm * 1e-6;
        // Measured period in the sensor's own clock: a fast crystal counts more µs per real sample period.
        _periodNs = options.ClockDriftPpm == 0 ? 0 : (uint)Math.Round(SensorCodes.NominalPeriodNs(rate) * _clockScale);
        PacketCount = (samples.Length + _perPacket - 1) / _perPacket;
    }

    public SimulatedSensorOptions Options { get; }

    public OutputDataRate Rate { get; }

    public int PacketCount { get; }

    /// <summary>Simulated-world time of the first sample of packet <paramref name="index"/>, seconds from the first sample.</summary>
    public double PacketStartS(int index) => _samples.Span[index * _perPacket].TimeS - _samples.Span[0].TimeS;

    /// <summary>Simulated-world time of the last sample of packet <paramref name="index"/>: when the sensor can send it.</summary>
    public double PacketReadyS(int index)
    {
        int last = Math.Min((index + 1) * _perPacket, _samples.Length) - 1;
        return _samples.Span[last].TimeS - _samples.Span[0].TimeS;
    }

    public double DurationS => _samples.Span[^1].TimeS - _samples.Span[0].TimeS;

    /// <summary>Sequence number on the wire of packet <paramref name="index"/>.</summary>
    public ushort SequenceOf(long index) => unchecked((ushort)(Options.FirstSequence + index));

    /// <summary>The sensor clock (µs, wrapping) at simulated-world time <paramref name="timeS"/>.</summary>
    public uint SensorClockUs(double timeS) =>
        unchecked(Options.FirstSensorTimeUs + (uint)(long)Math.Round(timeS * 1e6 * _clockScale));

    /// <summary>Builds packet <paramref name="index"/> (0-based) with the given flags.</summary>
    public ImuPacket Build(int index, PacketFlags flags)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, PacketCount);
        var span = _samples.Span;
        int first = index * _perPacket;
        int count = Math.Min(_perPacket, span.Length - first);
        Span<RawImuSample> raw = stackalloc RawImuSample[ImuPacketLayout.MaxSamples];
        for (int i = 0; i < count; i++)
        {
            ref readonly var s = ref span[first + i];
            raw[i] = new RawImuSample(
                Counts(s.AccXG * _accLsbPerG), Counts(s.AccYG * _accLsbPerG), Counts(s.AccZG * _accLsbPerG),
                Counts(s.GyrXDps * _gyroLsbPerDps), Counts(s.GyrYDps * _gyroLsbPerDps), Counts(s.GyrZDps * _gyroLsbPerDps));
        }
        return new ImuPacket(flags, SequenceOf(index), SensorClockUs(span[first].TimeS - span[0].TimeS), Rate,
            Options.AccelRange, Options.GyroRange, _periodNs, raw[..count]);
    }

    /// <summary>Encodes packet <paramref name="index"/> into a new payload array (the link hands ownership to the reader).</summary>
    public byte[] Encode(int index, PacketFlags flags)
    {
        var packet = Build(index, flags);
        var bytes = new byte[ImuPacketCodec.EncodedLength(packet)];
        ImuPacketCodec.TryEncode(packet, bytes, out _);
        return bytes;
    }

    // A real IMU saturates at full scale; so does the simulated one.
    private static short Counts(double lsb) => (short)Math.Clamp(Math.Round(lsb), short.MinValue, short.MaxValue);
}
