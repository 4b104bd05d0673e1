using SpineSense.Motion.Analysis;
using SpineSense.Motion.Results;
using SpineSense.Simulation;
using SpineSense.Simulation.Sensor;
using SpineSense.Simulation.Sessions;
using SpineSense.Motion.Tests.Support;

namespace SpineSense.Motion.Tests.Accuracy;

/// <summary>
/// A handful of the virtual athlete's scenarios with the tolerances: the full suite runs in
/// benchmarks/SpineSense.Accuracy (docs/ACCURACY.md); these keep the core honest on every test run.
/// </summary>
public class SimulatedSessionAccuracyTests
{
    private static (SimulatedRecording Rec, RecordingSink Sink) Analyze(ScenarioSpec spec, string? exercise = null)
    {
        var rec = VirtualAthlete.Simulate(spec);
        var sink = RecordingSink.Run(AnalyzerSettings.For(exercise ?? spec.Exercise!, rec.Truth.Limits, spec.CalibrationS), rec.Samples);
        return (rec, sink);
    }

    private static double Rmse(SimulatedRecording rec, RecordingSink sink, Func<SpineAngles, double> pick)
    {
        double sum = 0;
        for (int i = 0; i < sink.Frames.Count; i++)
        {
            double d = pick(sink.Frames[i].Angles) - pick(rec.Truth.TrueAngles[i]);
            d -= 360 * Math.Round(d / 360);
            sum += d * d;
        }
        return Math.Sqrt(sum / sink.Frames.Count);
    }

    [Theory]
    [InlineData("romanian-deadlift", 200, 11)]
    [InlineData("hip-hinge-drill", 52, 12)]
    [InlineData("glute-bridge", 416, 13)]
    public void Counts_every_set_and_rep_with_tempo_within_a_tenth_of_a_second(string exercise, double rateHz, int seed)
    {
        var (rec, sink) = Analyze(new ScenarioSpec { Exercise = exercise, RateHz = rateHz, Seed = seed, Noise = NoiseLevel.Low });
        Assert.Equal(rec.Truth.Sets.Select(s => s.Result.Reps), sink.Sets.Select(s => s.Reps));
        double phaseError = 0;
        int n = 0;
        for (int i = 0; i < sink.Reps.Count; i++)
        {
            var t = rec.Truth.Reps[i].Result; var f = sink.Reps[i];
            phaseError += Math.Abs(f.EccentricS - t.EccentricS) + Math.Abs(f.BottomPauseS - t.BottomPauseS)
                        + Math.Abs(f.ConcentricS - t.ConcentricS) + Math.Abs(f.TopPauseS - t.TopPauseS);
            n += 4;
            Assert.True(Math.Abs(f.PeakFlexionDeg - t.PeakFlexionDeg) < 3, $"rep {i}: peak {f.PeakFlexionDeg:F1} vs {t.PeakFlexionDeg:F1}");
        }
        Assert.True(phaseError / n <= 0.10, $"tempo phase MAE {phaseError / n:F3} s");
    }

    [Fact]
    public void Flexion_rmse_stays_within_one_and_a_half_degrees_on_a_hinge_session()
    {
        var (rec, sink) = Analyze(new ScenarioSpec { Exercise = "hip-hinge-drill", RateHz = 200, Seed = 21, Noise = NoiseLevel.Typical });
        double flex = Rmse(rec, sink, a => a.FlexionDeg);
        Assert.True(flex <= 1.5, $"flexion RMSE {flex:F2}°");
    }

    [Fact]
    public void Alerts_every_rounded_rep_at_the_crossing_without_false_alarms()
    {
        var (rec, sink) = Analyze(new ScenarioSpec { Exercise = "romanian-deadlift", RateHz = 104, Seed = 901, Hazard = Hazard.Rounding });
        var truth = rec.Truth.Alerts;
        Assert.NotEmpty(truth);
        int matched = 0;
        foreach (var t in truth)
        {
            var m = sink.Alerts.Where(a => a.Kind == t.Kind && Math.Abs(a.TimeS - t.TimeS) <= 0.1).ToList();
            if (m.Count > 0) matched++;
        }
        Assert.True(matched >= 0.97 * truth.Count, $"recall {matched}/{truth.Count}");
        Assert.True(matched >= 0.97 * sink.Alerts.Count, $"precision {matched}/{sink.Alerts.Count}");
        // Raised no later than 0.2 s after the crossing (contract latency).
        for (int i = 0; i < sink.Raised.Count; i++) Assert.True(sink.RaisedAtS[i] - sink.Raised[i].TimeS <= 0.2);
    }
}
