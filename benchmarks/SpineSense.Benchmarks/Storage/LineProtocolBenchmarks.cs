using BenchmarkDotNet.Attributes;
using SpineSense.Motion.Results;
using SpineSense.Motion.Samples;
using SpineSense.Storage.Influx;
using SpineSense.Storage.LineProtocol;
using SpineSense.Storage.Model;

namespace SpineSense.Benchmarks.Storage;

/// <summary>
/// Serialising one raw-sample point (6 fixed-point fields, escaped athlete tag prepared once, µs timestamp) into the
/// batch buffer — the per-sample cost of storing to InfluxDB. Target: ≤ 150 ns and 0 B per point.
/// <c>dotnet run -c Release --project benchmarks/SpineSense.Benchmarks -- --filter '*LineProtocolBenchmarks*'</c>
/// </summary>
// Min and median next to the mean: on a shared 2-core machine the mean carries other processes' load.
[MemoryDiagnoser, MinColumn, MedianColumn]
public class LineProtocolBenchmarks
{
    private const int PointsPerInvoke = 1000;
    private readonly ImuSample[] _samples = new ImuSample[PointsPerInvoke];
    private readonly LineProtocolBuffer _buffer = new(1 << 20);
    private SessionPoints _points = null!;

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(42);
        for (int i = 0; i < _samples.Length; i++)
            _samples[i] = new ImuSample(i * 0.005, rng.NextDouble() - 0.5, 0.98 + 0.04 * rng.NextDouble(), rng.NextDouble() * 0.2,
                (rng.NextDouble() - 0.5) * 200, (rng.NextDouble() - 0.5) * 50, (rng.NextDouble() - 0.5) * 20);
        _points = new SessionPoints(new SessionInfo("20261124T051200Z-3fa2c1", "Ann O'Neil", "beginner", null,
            new DateTimeOffset(2026, 11, 24, 5, 12, 0, TimeSpan.Zero), null), TimestampPrecision.Microseconds);
    }

    /// <summary>One raw sample → one line of line protocol (per-point figure: ns/op and B/op are per point).</summary>
    [Benchmark(OperationsPerInvoke = PointsPerInvoke)]
    public int RawSamplePoint()
    {
        _buffer.Clear();
        var s = _samples;
        for (int i = 0; i < s.Length; i++) _points.Sample(_buffer, s[i]);
        return _buffer.Length;
    }

    /// <summary>One angle row (3 fixed-point fields).</summary>
    [Benchmark(OperationsPerInvoke = PointsPerInvoke)]
    public int AnglesPoint()
    {
        _buffer.Clear();
        var s = _samples;
        for (int i = 0; i < s.Length; i++) _points.Angles(_buffer, s[i].TimeS, new SpineAngles(s[i].GyrXDps, s[i].GyrYDps, s[i].GyrZDps));
        return _buffer.Length;
    }
}
