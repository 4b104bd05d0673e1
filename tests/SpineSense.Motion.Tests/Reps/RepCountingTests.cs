using SpineSense.Motion.Analysis;
using SpineSense.Motion.Tests.Support;

namespace SpineSense.Motion.Tests.Reps;

public class RepCountingTests
{
    private static readonly SensorModel Noisy = new(200, 15, -10, GyroBiasDps: 0.5, AccNoiseG: 0.01, GyroNoiseDps: 0.3, JitterFraction: 0.2);

    [Fact]
    public void Counts_ten_romanian_deadlifts_as_one_set_with_phases_within_50_ms()
    {
        var plan = new RepPlan(4, 10, 1.5, 0.4, 1.2, 0.8, 60);
        var samples = SyntheticImu.Generate(plan.EndS + 20, t => (plan.Excursion(t), 0, 0), Noisy);
        var sink = RecordingSink.Run(AnalyzerSettings.For("romanian-deadlift"), samples);

        Assert.Single(sink.Sets);
        Assert.Equal(10, sink.Sets[0].Reps);
        Assert.Equal(10, sink.Reps.Count);
        for (int i = 0; i < 10; i++)
        {
            var truth = plan.TruthOfRep(i);
            var rep = sink.Reps[i];
            Assert.Equal(i + 1, rep.Rep);
            Assert.Equal(truth.StartS, rep.StartS, 0.05);
            Assert.Equal(truth.EndS, rep.EndS, 0.05);
            Assert.Equal(truth.EccS, rep.EccentricS, 0.05);
            Assert.Equal(truth.BottomS, rep.BottomPauseS, 0.05);
            Assert.Equal(truth.ConS, rep.ConcentricS, 0.05);
            double topTruth = i < 9 ? plan.TruthOfRep(i + 1).StartS - truth.EndS : 0;
            Assert.Equal(topTruth, rep.TopPauseS, 0.05);
            Assert.Equal(60, rep.PeakFlexionDeg, 1.0);
        }
    }

    [Fact]
    public void Splits_sets_at_a_gap_of_fifteen_seconds()
    {
        var a = new RepPlan(4, 6, 1.2, 0.3, 1.0, 0.5, 50);
        var b = new RepPlan(a.EndS + 20, 8, 1.2, 0.3, 1.0, 0.5, 50);
        var samples = SyntheticImu.Generate(b.EndS + 3, t => (a.Excursion(t) + b.Excursion(t), 0, 0), Noisy);
        var sink = RecordingSink.Run(AnalyzerSettings.For("hip-hinge-drill"), samples);
        Assert.Equal([6, 8], sink.Sets.Select(s => s.Reps));
        Assert.Equal([1, 2], sink.Sets.Select(s => s.Set));
    }

    [Fact]
    public void Does_not_count_a_lone_reach_or_small_fidgets_between_sets()
    {
        var a = new RepPlan(4, 6, 1.2, 0.3, 1.0, 0.5, 50);
        var reach = new RepPlan(a.EndS + 8, 1, 1.0, 1.0, 1.0, 0, 70);            // bending for a bottle
        var fidget = new RepPlan(a.EndS + 14, 6, 0.4, 0, 0.4, 0.3, 6);            // shifting weight
        var samples = SyntheticImu.Generate(a.EndS + 30,
            t => (a.Excursion(t) + reach.Excursion(t) + fidget.Excursion(t), 0, 0), Noisy);
        var sink = RecordingSink.Run(AnalyzerSettings.For("romanian-deadlift"), samples);
        Assert.Single(sink.Sets);
        Assert.Equal(6, sink.Reps.Count);
    }

    [Fact]
    public void Counts_glute_bridges_from_supine_and_not_the_lying_down()
    {
        var plan = new RepPlan(10, 12, 1.0, 0.8, 1.0, 0.8, 30);
        AngleFunction truth = t => (-90 * MinJerk.Position((t - 4) / 2.5) - plan.Excursion(t), 0, 0);
        var samples = SyntheticImu.Generate(plan.EndS + 5, truth, Noisy);
        var sink = RecordingSink.Run(AnalyzerSettings.For("glute-bridge"), samples);
        Assert.Equal(12, sink.Reps.Count);
        Assert.Equal(plan.TruthOfRep(0).StartS, sink.Reps[0].StartS, 0.05);
    }

    [Fact]
    public void Counts_each_side_bird_dog_excursions_on_all_fours()
    {
        // On all fours (flexion +90); each rep the pelvis rolls 8° toward alternating sides.
        var plan = new RepPlan(10, 10, 1.0, 1.0, 1.0, 0.7, 8);
        AngleFunction truth = t =>
        {
            int rep = (int)Math.Floor((t - plan.StartS) / plan.PeriodS);
            double side = rep % 2 == 0 ? 1 : -1;
            return (90 * MinJerk.Position((t - 4) / 3.0), 0, side * plan.Excursion(t));
        };
        var samples = SyntheticImu.Generate(plan.EndS + 5, truth, Noisy);
        var sink = RecordingSink.Run(AnalyzerSettings.For("bird-dog"), samples);
        Assert.Equal(10, sink.Reps.Count);
    }
}
