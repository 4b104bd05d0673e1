using BenchmarkDotNet.Attributes;
using SpineSense.Motion.Samples;
using SpineSense.Protocol.Packets;
using SpineSense.Sensors;
using SpineSense.Sensors.Simulated;
using SpineSense.Streaming.Pipeline;

namespace SpineSense.Benchmarks.Streaming;

/// <summary>
/// The live pipeline's work per packet (19 samples at 200 Hz), without Rx plumbing: decode + order, then scale and
/// time-stamp into a <see cref="SampleBatch"/>, then the motion core. Allocation per packet is the batch's two arrays
/// (samples and angles) and the batch object: nothing per sample.
/// dotnet run -c Release --project benchmarks/SpineSense.Benchmarks -- --filter '*PipelinePerPacket*'
/// </summary>
[MemoryDiagnoser]
public class PipelinePerPacketBenchmarks
{
    private byte[][] _payloads = [];
    private int _next;
    private PacketOrderBuffer _order = null!;
    private SessionClock _clock = null!;
    private ExerciseAnalyzer _analyzer = null!;
    private PipelineCounters _counters = null!;
    private Action<OrderedPacket> _release = null!;
    private OrderedPacket _last;

    [GlobalSetup]
    public void Setup()
    {
        // 10 minutes of hinging: standing 3 s, then slow 60° hinges, nominal mounting, as a sensor would send them.
        int n = 200 * 600;
        var samples = new ImuSample[n];
        for (int i = 0; i < n; i++)
        {
            double t = i / 200.0;
            double deg = t < 3 ? 0 : 30 * (1 - Math.Cos(2 * Math.PI * (t - 3) / 4));
            double rad = deg * Math.PI / 180, rateDps = t < 3 ? 0 : 30 * 2 * Math.PI / 4 * Math.Sin(2 * Math.PI * (t - 3) / 4);
            samples[i] = new ImuSample(t, 0, Math.Cos(rad), Math.Sin(rad), -rateDps, 0, 0);
        }
        var packetizer = new SamplePacketizer(samples, new SimulatedSensorOptions());
        _payloads = new byte[packetizer.PacketCount][];
        for (int k = 0; k < _payloads.Length; k++) _payloads[k] = packetizer.Encode(k, PacketFlags.None);
        Reset();
    }

    private void Reset()
    {
        _counters = new PipelineCounters();
        _clock = new SessionClock();
        _order = new PacketOrderBuffer(GapPolicy.Default, _counters, null, _clock);
        _analyzer = new ExerciseAnalyzer("romanian-deadlift");
        _release = p => _last = p;
        _next = 0;
        // Past calibration, so the steady state is measured.
        for (int i = 0; i < 100; i++) OrderAndAnalyze();
    }

    private ArrivedPacket Arrive()
    {
        if (_next == _payloads.Length) Reset();
        int k = _next++;
        ImuPacketCodec.TryDecode(_payloads[k], out var packet, out _);
        return new ArrivedPacket(packet, 1_700_000_000_000_000 + k * 95_000L, 0);
    }

    [Benchmark(Description = "decode + order (per packet)")]
    public long DecodeAndOrder()
    {
        _order.Add(Arrive(), _release);
        return _last.Sequence;
    }

    [Benchmark(Description = "decode + order + scale + motion core (per packet of 19 samples)")]
    public int OrderAndAnalyze()
    {
        _order.Add(Arrive(), _release);
        var batch = SampleBatchesExtensions.ToSampleBatch(_last, _clock);
        var analyzed = _analyzer.Analyze(batch);
        return analyzed.Events.Length;
    }
}
