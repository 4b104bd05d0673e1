using BenchmarkDotNet.Attributes;
using SpineSense.Protocol.Clock;
using SpineSense.Protocol.Packets;

namespace SpineSense.Benchmarks.Protocol;

/// <summary>
/// Per-packet cost of the wire protocol on the host: decode of a full 244-byte notification (19 samples, target
/// &lt; 100 ns and 0 B), the compact 20-byte one, encoding, and the per-packet host bookkeeping
/// (sequence + time unwrap, gap classification, clock-mapper observation).
///   dotnet run -c Release --project benchmarks/SpineSense.Benchmarks -- --filter '*PacketDecode*' --job short
/// </summary>
[MemoryDiagnoser]
public class PacketDecodeBenchmarks
{
    private readonly byte[] _full = new byte[ImuPacketLayout.MaxPacketSize];
    private readonly byte[] _compact = new byte[ImuPacketLayout.CompactPacketSize];
    private readonly byte[] _output = new byte[ImuPacketLayout.MaxPacketSize];
    private ImuPacket _packet;
    private readonly SequenceUnwrapper _sequences = new();
    private readonly SensorTimeUnwrapper _times = new();
    private readonly PacketOrderClassifier _classifier = new();
    private readonly SensorClockMapper _mapper = new();
    private ushort _sequence;
    private uint _timeUs;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        var samples = new RawImuSample[ImuPacketLayout.MaxSamples];
        for (int i = 0; i < samples.Length; i++)
        {
            samples[i] = new RawImuSample((short)random.Next(-2000, 2000), (short)random.Next(14000, 18000), (short)random.Next(-2000, 2000),
                (short)random.Next(-500, 500), (short)random.Next(-500, 500), (short)random.Next(-500, 500));
        }
        _packet = new ImuPacket(PacketFlags.None, 65535, 4_294_000_000, OutputDataRate.Hz208, AccelRange.G8, GyroRange.Dps1000, 4_807_000, samples);
        if (!ImuPacketCodec.TryEncode(_packet, _full, out int written) || written != 244) throw new InvalidOperationException("setup");
        var compact = new ImuPacket(PacketFlags.Compact, 7, 1000, OutputDataRate.Hz104, AccelRange.G4, GyroRange.Dps500, 0, samples.AsSpan(0, 1));
        if (!ImuPacketCodec.TryEncode(compact, _compact, out written) || written != 20) throw new InvalidOperationException("setup");
    }

    [Benchmark(Baseline = true, Description = "decode 244-byte packet (19 samples)")]
    public int DecodeFull()
    {
        ImuPacketCodec.TryDecode(_full, out ImuPacket packet, out _);
        return packet.SampleCount;
    }

    [Benchmark(Description = "decode 20-byte compact packet")]
    public int DecodeCompact()
    {
        ImuPacketCodec.TryDecode(_compact, out ImuPacket packet, out _);
        return packet.SampleCount;
    }

    [Benchmark(Description = "decode 244 B + scale 19 samples to g/dps")]
    public double DecodeAndScale()
    {
        ImuPacketCodec.TryDecode(_full, out ImuPacket packet, out _);
        double sum = 0;
        for (int i = 0; i < packet.SampleCount; i++)
        {
            ScaledImuSample s = packet.GetScaledSample(i);
            sum += s.AccYG + s.GyrZDps;
        }
        return sum;
    }

    [Benchmark(Description = "encode 244-byte packet")]
    public int EncodeFull()
    {
        ImuPacketCodec.TryEncode(_packet, _output, out int written);
        return written;
    }

    [Benchmark(Description = "per-packet host bookkeeping (unwrap, classify, clock map)")]
    public long Bookkeeping()
    {
        // One live packet every 91.3 ms of sensor time (208 Hz, 19 samples), arriving 10 ms later.
        _sequence++;
        _timeUs += 91_346;
        long sequence = _sequences.Unwrap(_sequence);
        PacketArrival arrival = _classifier.Classify(sequence);
        long sensorUs = _times.Unwrap(_timeUs);
        _mapper.AddObservation(sensorUs, sensorUs + 10_000);
        _mapper.TryMapToHost(sensorUs, out long hostUs);
        return hostUs + (long)arrival.Kind;
    }
}
