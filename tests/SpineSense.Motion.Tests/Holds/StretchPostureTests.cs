using SpineSense.Motion.Analysis;
using SpineSense.Motion.Exercises;
using SpineSense.Motion.Geometry;
using SpineSense.Motion.Holds;
using SpineSense.Motion.Tests.Support;

namespace SpineSense.Motion.Tests.Holds;

/// <summary>Holds whose posture standing still does not satisfy (the live runner's cool-down stretches).</summary>
public class StretchPostureTests
{
    private static readonly ExerciseProfile Stretch = new("stretch", "Stretch", Posture.Standing, PrimarySignal.None,
        ExcursionDirection.Either, EachSide: false, IsHold: true, MinRangeDeg: 0, MinRepS: 0, MaxRepS: 0, SafetyLimits.General, []);

    private static readonly SensorModel Sensor = new(200, 10, -8, AccNoiseG: 0.004, GyroNoiseDps: 0.1);

    private static double Accel(double t, double start, double moveS, double heightM)
    {
        double u = (t - start) / moveS;
        if (u is <= 0 or >= 1) return 0;
        return heightM * (60 * u - 180 * u * u + 120 * u * u * u) / (moveS * moveS) / 9.80665;
    }

    // Stand still until 12 s (with slow sway), hinge to 35° over 1.5 s, hold until 40 s, come up over 1.5 s.
    private static List<Samples.ImuSample> HeldHinge() => SyntheticImu.Generate(48,
        t => (35 * (MinJerk.Position((t - 12) / 1.5) - MinJerk.Position((t - 40) / 1.5)) + 0.8 * Math.Sin(2 * Math.PI * 0.3 * t), 0, 0),
        Sensor);

    // Stand still until 12 s, get down to one knee (the sensor 0.35 m lower) over 2 s while the trunk tilts back 12°
    // (pelvis tucked), stay on the knee until 40 s, get up over 2 s the reverse way.
    private static List<Samples.ImuSample> HalfKneel(double dropM = 0.35) => SyntheticImu.Generate(50,
        t => (-12 * (MinJerk.Position((t - 12) / 2) - MinJerk.Position((t - 40) / 2)) + 0.8 * Math.Sin(2 * Math.PI * 0.3 * t), 0, 0),
        Sensor,
        linearAccWorldG: t => new Vec3(0, 0, -Accel(t, 12, 2, dropM) + Accel(t, 40, 2, dropM)));

    // Stand still until 12 s, get down to one knee (the sensor 0.35 m lower) over kneelS with the trunk upright: it tilts
    // back only tiltDeg (peaking at 1.875·tiltDeg/kneelS °/s, under the 6 °/s settle speed), stay on the knee until 40 s.
    private static List<Samples.ImuSample> UprightKneel(double tiltDeg, double kneelS) => SyntheticImu.Generate(45,
        t => (-tiltDeg * MinJerk.Position((t - 12) / kneelS) + 0.8 * Math.Sin(2 * Math.PI * 0.3 * t), 0, 0),
        Sensor,
        linearAccWorldG: t => new Vec3(0, 0, -Accel(t, 12, kneelS, 0.35)));

    // Stand still until 12 s, step up onto a 0.25 m platform over 0.8 s (leaning 12° forward and back as people do),
    // stand on it, step down at 25 s the same way, stand still on the floor until 50 s.
    private static List<Samples.ImuSample> StepUpAndDown(double platformM = 0.25) => SyntheticImu.Generate(50,
        t => (12 * (Bump((t - 12) / 0.8) + Bump((t - 25) / 0.8)) + 0.8 * Math.Sin(2 * Math.PI * 0.3 * t), 0, 0),
        Sensor,
        linearAccWorldG: t => new Vec3(0, 0, Accel(t, 12, 0.8, platformM) - Accel(t, 25, 0.8, platformM)));

    private static double Bump(double u) => u is <= 0 or >= 1 ? 0 : Math.Sin(Math.PI * u) * Math.Sin(Math.PI * u);

    private static RecordingSink Run(HoldSettings holds, List<Samples.ImuSample> samples) =>
        RecordingSink.Run(new AnalyzerSettings(Stretch, Holds: holds), samples);

    [Fact]
    public void A_held_hinge_is_a_hold_from_settling_to_coming_up_and_standing_still_before_it_is_not()
    {
        var sink = Run(new HoldSettings(MinLiftM: 0, MinInclinationDeg: 20), HeldHinge());
        var hold = Assert.Single(sink.Holds);
        Assert.Equal(12 + (1 - MinJerk.TenPercentTau) * 1.5, hold.StartS, 0.5);
        Assert.Equal(40 + MinJerk.TenPercentTau * 1.5, hold.EndS, 0.5);
    }

    [Fact]
    public void Without_the_inclination_bound_standing_still_was_a_hold()
    {
        // The bug: an upright hold with no posture bound is satisfied by the 12 s of standing before the hinge.
        var sink = Run(new HoldSettings(MinLiftM: 0), HeldHinge());
        Assert.Contains(sink.Holds, h => h.EndS < 12.5);
    }

    [Fact]
    public void Holding_still_on_one_knee_after_getting_down_is_a_hold_and_standing_still_is_not()
    {
        var sink = Run(new HoldSettings(MinLiftM: 0, MaxInclinationDeg: 25, MinDropM: 0.17), HalfKneel());
        var hold = Assert.Single(sink.Holds);
        Assert.InRange(hold.StartS, 13.5, 15.5);  // settled on the knee (the getting down ends at 14 s)
        Assert.InRange(hold.EndS, 39.5, 41);      // getting up starts at 40 s
    }

    [Fact]
    public void Standing_still_with_a_small_dip_is_not_getting_down_to_one_knee()
    {
        // A 6 cm dip (a weight shift, a fidget) with the same trunk movement: never down, never a hold.
        var sink = Run(new HoldSettings(MinLiftM: 0, MaxInclinationDeg: 25, MinDropM: 0.17), HalfKneel(dropM: 0.06));
        Assert.Empty(sink.Holds);
    }

    private static readonly HoldSettings HipFlexor = new(MinLiftM: 0, MaxInclinationDeg: 25, MinDropM: 0.17);

    [Theory]
    [InlineData(0, 2.0)]
    [InlineData(4, 2.0)]
    [InlineData(0, 3.0)]
    [InlineData(5, 4.0)]
    public void Kneeling_with_an_upright_trunk_is_getting_down(double tiltDeg, double kneelS)
    {
        // The bug: getting down was seen only as a movement turning the trunk faster than 6 °/s, so a kneel with the
        // trunk upright was never noticed and the stretch never held.
        var sink = Run(HipFlexor, UprightKneel(tiltDeg, kneelS));
        var hold = Assert.Single(sink.Holds);
        Assert.InRange(hold.StartS, 12 + kneelS - 0.5, 12 + kneelS + 1.5); // settled on the knee
        Assert.InRange(hold.EndS, 44.5, 45.01);                            // still on the knee at the end
    }

    [Fact]
    public void Stepping_down_off_a_platform_after_stepping_onto_it_is_not_getting_down()
    {
        // A back-extension bench's foot platform: stepping down lowers the sensor as far as a shallow kneel, but it
        // only undoes the step up; the athlete stands on the floor again, which is no hip-flexor stretch.
        var sink = Run(HipFlexor, StepUpAndDown());
        Assert.Empty(sink.Holds);
    }

    // Stand until 12 s, kneel upright over 2 s, settle on the knee, tuck the pelvis at 18 s (the trunk tilts back 4°
    // and the hips sink 5 cm over 1.2 s), hold, untuck at 40 s the same way back, stay on the knee until 46 s, get up.
    private static List<Samples.ImuSample> KneelTuckHoldUntuck() => SyntheticImu.Generate(52,
        t => (-4 * (MinJerk.Position((t - 18) / 1.2) - MinJerk.Position((t - 40) / 1.2))
            + 12 * MinJerk.Position((t - 46) / 2) * (1 - MinJerk.Position((t - 48) / 1)) + 0.8 * Math.Sin(2 * Math.PI * 0.3 * t), 0, 0),
        Sensor,
        linearAccWorldG: t => new Vec3(0, 0, -Accel(t, 12, 2, 0.35) - Accel(t, 18, 1.2, 0.05) + Accel(t, 40, 1.2, 0.05)
            + Accel(t, 46, 2, 0.35)));

    [Fact]
    public void The_hip_flexor_stretch_is_the_tuck_held_not_the_whole_time_on_the_knee()
    {
        // The bug: the hold ran from settling on the knee (14 s) to getting up (46 s), 10 s longer than the stretch.
        var sink = Run(HipFlexor with { MinHoldS = 8, MaxPostureShiftDeg = 2.5 }, KneelTuckHoldUntuck());
        var hold = Assert.Single(sink.Holds);
        Assert.InRange(hold.StartS, 18.6, 20.2); // the tuck ends at 19.2 s (its 10% point at 19.1 s)
        Assert.InRange(hold.EndS, 39.6, 41.0);   // the untuck starts at 40 s
    }

    [Theory]
    [InlineData(double.PositiveInfinity)]
    [InlineData(2.5)]
    public void Judges_a_stretch_by_the_inclination_itself_whatever_turn_the_unwrapped_angle_is_on(double maxShiftDeg)
    {
        // The analyzer's sagittal angle is unwrapped: after a long packet-loss gap its estimate can come back around the
        // far side, a full turn away (MOTION.md, 25805). A 40° hinge held 0–30 s reads 40° − 360° from 12 s on; the bug
        // ended the hamstring stretch there (−320° is not ≥ 20°, and a 360° "shift" of the mean inclination).
        var detector = new HoldDetector(new HoldSettings(MinLiftM: 0, MinInclinationDeg: 20, MaxPostureShiftDeg: maxShiftDeg));
        var level = new VerticalLevel();
        var sink = new RecordingSink();
        for (int i = 0; i <= 3000; i++)
        {
            double t = i * 0.01;
            double sagittalDeg = 40 + 0.5 * Math.Sin(2 * Math.PI * 0.3 * t) - (t >= 12 ? 360 : 0);
            detector.Update(t, 0.5, 0, Quat.Identity, sagittalDeg, level, inPosture: true, sink);
        }
        detector.Finish(sink);
        var hold = Assert.Single(sink.Holds);
        Assert.InRange(hold.StartS, 0, 0.5);
        Assert.Equal(30, hold.EndS, 0.05);
    }

    [Fact]
    public void Allocates_nothing_per_sample_while_judging_the_kneel_the_tuck_and_the_untuck()
    {
        // The paths the stretch adds: VerticalLevel judging the kneel, the posture-shift means, ending on the untuck.
        var holds = HipFlexor with { MinHoldS = 8, MaxPostureShiftDeg = 2.5 };
        var samples = KneelTuckHoldUntuck();
        Assert.Single(Run(holds, samples).Holds);
        var measured = AllocationMeter.Analyzing(new AnalyzerSettings(Stretch, Holds: holds), samples);
        Assert.Equal(0, measured.OtherBytes);
    }
}
