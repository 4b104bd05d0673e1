using BenchmarkDotNet.Attributes;
using SpineSense.Motion.Samples;
using SpineSense.Recording;

namespace SpineSense.Benchmarks.Recording;

/// <summary>
/// Reading a one-hour 200 Hz recording (720,000 rows, ~30 MB) as `spinesense analyze` does.
/// Issue 5 budget: the whole analyze run under 2 s, so parsing must take a small part of it.
/// Run: dotnet run -c Release --project benchmarks/SpineSense.Benchmarks -- --filter '*RecordingRead*'
/// </summary>
[MemoryDiagnoser]
public class RecordingReadBenchmark
{
    private const int Rows = 720_000;
    private string _path = "";

    [GlobalSetup]
    public void Setup()
    {
        // Values shaped like a real file: quantised accel near 1 g and small noisy rates with jittered time.
        var rng = new Random(1);
        var samples = new ImuSample[Rows];
        for (int i = 0; i < Rows; i++)
        {
            double t = i * 0.005 + rng.NextDouble() * 2e-5;
            samples[i] = new ImuSample(t,
                rng.Next(-400, 400) / 8192.0, rng.Next(7800, 8500) / 8192.0, rng.Next(-900, 900) / 8192.0,
                rng.Next(-3000, 3000) * 0.00875, rng.Next(-3000, 3000) * 0.00875, rng.Next(-3000, 3000) * 0.00875);
        }
        _path = Path.Combine(Path.GetTempPath(), "spinesense-bench-720k.csv");
        RecordingWriter.Write(_path, samples, [new("rate_hz", "200")]);
    }

    [GlobalCleanup]
    public void Cleanup() => File.Delete(_path);

    [Benchmark]
    public int Read720kRows() => RecordingReader.Read(_path).Samples.Length;
}
