using SpineSense.Simulation.Kinematics;

namespace SpineSense.Simulation.Tests.Kinematics;

public class SwayModelTests
{
    [Fact]
    public void Stepped_sway_matches_exact_evaluation()
    {
        var timeline = new MotionTimeline(new SwayModel(new Random(3)), default);
        timeline.Track.Add(0, new Pose { SwayGain = 1 });
        timeline.Track.Add(60, new Pose { SwayGain = 2.5 });
        var cursor = timeline.Sway.NewCursor();
        for (int i = 0; i < 120_000; i++)
        {
            double t = i * 0.0005;
            var exact = timeline.PoseAt(t);
            var stepped = timeline.PoseAt(t, cursor);
            Assert.Equal(exact.FlexionDeg, stepped.FlexionDeg, 1e-9);
            Assert.Equal(exact.RotationDeg, stepped.RotationDeg, 1e-9);
            Assert.Equal(exact.HipZM, stepped.HipZM, 1e-12);
        }
        // A jump in time falls back to exact evaluation.
        Assert.Equal(timeline.PoseAt(12.3456).LateralDeg, timeline.PoseAt(12.3456, cursor).LateralDeg, 1e-12);
    }

    [Fact]
    public void Quiet_standing_sway_is_about_half_a_degree_and_slow()
    {
        var timeline = new MotionTimeline(new SwayModel(new Random(4)), default);
        timeline.Track.Add(0, new Pose { SwayGain = 1 });
        var flex = Enumerable.Range(0, 60_000).Select(i => timeline.PoseAt(i * 0.005).FlexionDeg).ToArray(); // 300 s
        double mean = flex.Average();
        double rms = Math.Sqrt(flex.Select(f => (f - mean) * (f - mean)).Average());
        Assert.InRange(rms, 0.3, 0.8); // sway 0.45° plus breathing 0.2–0.4° amplitude
        double rateRms = Math.Sqrt(flex.Zip(flex.Skip(1), (a, b) => (b - a) / 0.005).Select(r => r * r).Average());
        Assert.InRange(rateRms, 0.3, 3); // deg/s: slow, like quiet stance, nothing like a rep
    }
}
