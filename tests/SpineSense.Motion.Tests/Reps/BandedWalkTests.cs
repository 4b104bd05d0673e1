using SpineSense.Motion.Analysis;
using SpineSense.Motion.Tests.Support;

namespace SpineSense.Motion.Tests.Reps;

public class BandedWalkTests
{
    private static readonly SensorModel Noisy = new(200, 15, -10, GyroBiasDps: 0.5, AccNoiseG: 0.01, GyroNoiseDps: 0.3, JitterFraction: 0.2);

    // Squat into a 17° walking stance (4.0–5.2 s), settle 1.3 s, ten side steps to the right (the pelvis tilts 4° over
    // the stance leg each step), a short pause, ten steps back to the left, stand up.
    private static (RepPlan Right, RepPlan Left, AngleFunction Angles) Walk()
    {
        var right = new RepPlan(6.5, 10, 0.45, 0.12, 0.45, 0.25, 4);
        var left = new RepPlan(right.EndS + 1.2, 10, 0.45, 0.12, 0.45, 0.25, 4);
        double standUpS = left.EndS + 1.5;
        AngleFunction angles = t =>
        {
            double stance = 17 * (MinJerk.Position((t - 4) / 1.2) - MinJerk.Position((t - standUpS) / 1.2));
            double lat = -right.Excursion(t) + left.Excursion(t);
            return (stance, lat, -0.4 * lat);
        };
        return (right, left, angles);
    }

    [Fact]
    public void Counts_every_step_when_the_set_starts_right_after_squatting_into_the_stance()
    {
        var (right, left, angles) = Walk();
        var samples = SyntheticImu.Generate(left.EndS + 5, angles, Noisy);
        var sink = RecordingSink.Run(AnalyzerSettings.For("banded-walk"), samples);

        Assert.Single(sink.Sets);
        Assert.Equal(20, sink.Sets[0].Reps);
        Assert.Equal(right.TruthOfRep(0).StartS, sink.Reps[0].StartS, 0.1);
        Assert.Equal(left.TruthOfRep(9).EndS, sink.Reps[^1].EndS, 0.1);
    }

    [Fact]
    public void Does_not_count_walking_upright_as_side_steps()
    {
        // Normal gait, upright: the pelvis drops to alternate sides each step (±3° obliquity) and turns ±4° with the
        // stride, one stride per second.
        AngleFunction angles = t =>
        {
            if (t < 5) return (0, 0, 0);
            double ramp = Math.Min(1, (t - 5) / 1.0);
            double phase = 2 * Math.PI * (t - 5);
            return (1.0 * ramp * Math.Sin(2 * phase), 3 * ramp * Math.Sin(phase), 4 * ramp * Math.Sin(phase + 0.5));
        };
        var samples = SyntheticImu.Generate(40, angles, Noisy);
        var sink = RecordingSink.Run(AnalyzerSettings.For("banded-walk"), samples);

        Assert.Empty(sink.Sets);
        Assert.Empty(sink.Reps);
    }
}
