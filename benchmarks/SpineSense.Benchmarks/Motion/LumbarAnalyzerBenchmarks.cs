using BenchmarkDotNet.Attributes;
using SpineSense.Motion.Analysis;
using SpineSense.Motion.Samples;
using SpineSense.Simulation;

namespace SpineSense.Benchmarks.Motion;

/// <summary>
/// The per-sample motion core in steady state: calibrated sample → AHRS → angles → alerts → reps/tempo/sets
/// (and holds for a hold exercise). Samples are a simulated Romanian-deadlift session at 200 Hz, replayed with
/// a growing time offset so the stream never goes back in time. Figure to defend: ≤ 250 ns and 0 B per sample.
/// </summary>
[MemoryDiagnoser]
public class LumbarAnalyzerBenchmarks
{
    private const int SamplesPerInvoke = 20_000;

    private ImuSample[] _samples = [];
    private LumbarAnalyzer _analyzer = null!;
    private readonly NullSink _sink = new();
    private double _offsetS;
    private int _next;

    [Params("romanian-deadlift", "side-plank")]
    public string Exercise { get; set; } = "romanian-deadlift";

    [GlobalSetup]
    public void Setup()
    {
        var rec = VirtualAthlete.Simulate(new ScenarioSpec { Exercise = Exercise, Seed = 7, RateHz = 200 });
        _samples = rec.Samples;
        _analyzer = new LumbarAnalyzer(AnalyzerSettings.For(Exercise));
        // Past calibration and the first sets: steady state.
        for (int i = 0; i < _samples.Length / 2; i++) _analyzer.Process(_samples[i], _sink);
        _next = _samples.Length / 2;
    }

    [Benchmark(OperationsPerInvoke = SamplesPerInvoke)]
    public void ProcessSample()
    {
        var samples = _samples;
        for (int k = 0; k < SamplesPerInvoke; k++)
        {
            if (_next == samples.Length)
            {
                // Wrap around: continue the stream later in time (a new session segment for the analyzer).
                _offsetS += samples[^1].TimeS + 0.01 - samples[0].TimeS;
                _next = 0;
            }
            ImuSample s = samples[_next++];
            _analyzer.Process(s with { TimeS = s.TimeS + _offsetS }, _sink);
        }
    }

    /// <summary>Receives everything and keeps a checksum so nothing is optimised away.</summary>
    private sealed class NullSink : MotionEventSink
    {
        public double Sum;
        public override void OnFrame(in MotionFrame frame) => Sum += frame.Angles.FlexionDeg;
    }
}
