using SpineSense.Motion.Samples;
using SpineSense.Simulation.Kinematics;
using SpineSense.Simulation.Sensor;

namespace SpineSense.Simulation.Tests.Sensor;

public class SoftTissueTests
{
    private static ScenarioSpec Jumps(bool rigid) => new()
    {
        Exercise = "hip-hinge-drill", Sets = 2, Reps = 3, RestS = 30, RateHz = 833, Seed = 5,
        Hazard = Sessions.Hazard.Jumping, IdealSensor = true, Mounting = Mounting.Nominal, RigidAttachment = rigid,
    };

    private static double Norm(ImuSample s) => Math.Sqrt(s.AccXG * s.AccXG + s.AccYG * s.AccYG + s.AccZG * s.AccZG);

    [Fact]
    public void Skin_and_strap_leave_slow_movement_alone_but_ring_after_a_landing()
    {
        var rigid = Scenarios.Get(Jumps(rigid: true));
        var skin = Scenarios.Get(Jumps(rigid: false));
        Assert.Equal(rigid.CleanSamples.Length, skin.CleanSamples.Length);
        Assert.Equal(rigid.Truth.TrueAngles, skin.Truth.TrueAngles); // the spine moved the same way

        // Slow parts (calibration stand, a hinge rep) match within a few mg.
        for (int i = 0; rigid.CleanSamples[i].TimeS < 2.5; i++)
            Assert.Equal(Norm(rigid.CleanSamples[i]), Norm(skin.CleanSamples[i]), 0.005);

        // After each touchdown the skin-mounted sensor oscillates: its |acc| crosses its own running mean
        // more often in the 0.25 s after the impact than the rigid one does.
        foreach (var jump in skin.Timeline.Overlays.OfType<JumpOverlay>())
        {
            double maxDiff = 0;
            for (int i = 0; i < skin.CleanSamples.Length; i++)
            {
                double t = skin.CleanSamples[i].TimeS;
                if (t < jump.TouchdownS || t > jump.TouchdownS + 0.25) continue;
                maxDiff = Math.Max(maxDiff, Math.Abs(Norm(skin.CleanSamples[i]) - Norm(rigid.CleanSamples[i])));
            }
            Assert.InRange(maxDiff, 0.1, 4);
        }
    }
}
