using SpineSense.Simulation.Geometry;
using SpineSense.Simulation.Kinematics;
using SpineSense.Simulation.Sessions;
using SpineSense.Simulation.Truth;

namespace SpineSense.Simulation.Tests.Truth;

public class PhaseFinderTests
{
    // Minimum-jerk speed is 30τ²(1−τ)² of its mean: it is above 10% of its 1.875 peak for τ in [0.0865, 0.9135].
    private const double Tau = 0.0865471;

    private static MotionTimeline OneRep()
    {
        var tl = new MotionTimeline(SwayModel.None(), new Vec3(-0.1, 0, 0.15));
        var stand = new Pose { HipZM = 0.95, SwayGain = 0 };
        tl.Track.Add(0, stand);
        tl.Track.Add(2, stand);
        tl.Track.Add(4, stand.With(flexionDeg: 50));
        tl.Track.Add(5, stand.With(flexionDeg: 50));
        tl.Track.Add(6.5, stand);
        tl.Track.Add(9, stand);
        return tl;
    }

    [Fact]
    public void Finds_the_ten_percent_speed_boundaries_of_a_minimum_jerk_rep()
    {
        var rep = new DesignedRep("romanian-deadlift", 1, 0, 2, 4, 5, 6.5, new Vec3(1, 0, 0));
        var p = PhaseFinder.Find(OneRep(), rep, 0, 9);
        Assert.Equal(2 + Tau * 2, p.EccStartS, 0.002);
        Assert.Equal(4 - Tau * 2, p.EccEndS, 0.002);
        Assert.Equal(5 + Tau * 1.5, p.ConStartS, 0.002);
        Assert.Equal(6.5 - Tau * 1.5, p.ConEndS, 0.002);
        Assert.Equal(50, p.PeakFlexionDeg, 1e-6);
    }
}
