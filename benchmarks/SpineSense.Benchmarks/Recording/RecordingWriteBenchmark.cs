using BenchmarkDotNet.Attributes;
using SpineSense.Motion.Samples;
using SpineSense.Recording;

namespace SpineSense.Benchmarks.Recording;

/// <summary>Writing the same 720,000-row recording to a stream that discards bytes (formatting cost only).</summary>
[MemoryDiagnoser]
public class RecordingWriteBenchmark
{
    private const int Rows = 720_000;
    private ImuSample[] _samples = [];

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(1);
        _samples = new ImuSample[Rows];
        for (int i = 0; i < Rows; i++)
            _samples[i] = new ImuSample(i * 0.005 + rng.NextDouble() * 2e-5,
                rng.Next(-400, 400) / 8192.0, rng.Next(7800, 8500) / 8192.0, rng.Next(-900, 900) / 8192.0,
                rng.Next(-3000, 3000) * 0.00875, rng.Next(-3000, 3000) * 0.00875, rng.Next(-3000, 3000) * 0.00875);
    }

    [Benchmark]
    public void Write720kRows() => RecordingWriter.Write(Stream.Null, _samples);
}
