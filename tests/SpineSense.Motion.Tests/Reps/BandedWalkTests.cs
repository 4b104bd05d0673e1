using SpineSense.Motion.Geometry;
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
            double stance = WalkingStanceDeg(t, standUpS);
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

    [Fact]
    public void Counts_short_steps_between_long_ones()
    {
        // Step length varies and the pelvic tilt with it: 5° after a long step, 1.9° after a short one (ratio 0.38).
        double[] tiltsDeg = [5, 1.9, 4.6, 2.0, 5.2, 1.9, 4.8, 2.1, 5, 2];
        var steps = new List<RepPlan>();
        double t0 = 6.5;
        foreach (double tilt in tiltsDeg)
        {
            steps.Add(new RepPlan(t0, 1, 0.45, 0.12, 0.45, 0.25, tilt));
            t0 += steps[^1].PeriodS;
        }
        double standUpS = t0 + 1.5;
        AngleFunction angles = t =>
        {
            double stance = WalkingStanceDeg(t, standUpS);
            double lat = 0;
            foreach (var step in steps) lat -= step.Excursion(t);
            return (stance, lat, -0.4 * lat);
        };
        var samples = SyntheticImu.Generate(standUpS + 5, angles, Noisy);
        var sink = RecordingSink.Run(AnalyzerSettings.For("banded-walk"), samples);

        Assert.Single(sink.Sets);
        Assert.Equal(tiltsDeg.Length, sink.Sets[0].Reps);
    }

    [Fact]
    public void Ends_the_set_when_the_athlete_walks_off_right_after_it()
    {
        // Ten steps to the right, stand up and walk away at once: gait drops the pelvis to alternate sides each step.
        var right = new RepPlan(6.5, 10, 0.45, 0.12, 0.45, 0.25, 4);
        double standUpS = right.EndS + 0.5, walkS = standUpS + 1.5;
        AngleFunction angles = t =>
        {
            double stance = WalkingStanceDeg(t, standUpS);
            double phase = 2 * Math.PI * (t - walkS);
            double gait = t < walkS ? 0 : Math.Min(1, (t - walkS) / 0.5);
            double lat = -right.Excursion(t) + 3.5 * gait * Math.Sin(phase);
            return (stance + gait * Math.Sin(2 * phase), lat, -0.4 * right.Excursion(t) + 4 * gait * Math.Sin(phase + 0.5));
        };
        var samples = SyntheticImu.Generate(walkS + 12, angles, Noisy);
        var sink = RecordingSink.Run(AnalyzerSettings.For("banded-walk"), samples);

        Assert.Single(sink.Sets);
        Assert.Equal(10, sink.Sets[0].Reps);
    }

    // Squatting 17° into the walking stance at 4 s and standing up from it at standUpS, each over 1.2 s.
    private static double WalkingStanceDeg(double t, double standUpS) =>
        17 * (MinJerk.Position((t - 4) / 1.2) - MinJerk.Position((t - standUpS) / 1.2));

    // Sideways acceleration of the hips (world g, +y = left) while stepping right: each step carries them 0.13 m in the
    // tilt away and 0.13 m more as the trail foot follows, both min-jerk.
    private static Func<double, Vec3> HipPush(RepPlan steps, double stepM = 0.13) => t =>
    {
        if (t < steps.StartS || t >= steps.EndS) return Vec3.Zero;
        double u = (t - steps.StartS) % steps.PeriodS, durS;
        if (u < steps.EccentricS) durS = steps.EccentricS;
        else if ((u -= steps.EccentricS + steps.BottomS) >= 0 && u < steps.ConcentricS) durS = steps.ConcentricS;
        else return Vec3.Zero;
        double tau = u / durS, accMs2 = stepM / (durS * durS) * (60 * tau - 180 * tau * tau + 120 * tau * tau * tau);
        return new Vec3(0, -accMs2 / 9.81, 0);
    };

    // Ten steps to the right with the hips' sideways push, walking stance around them; packets are dropped where
    // dropped(step index, seconds into the step) says.
    private static RecordingSink TenStepsRightWithGaps(Func<int, double, bool> dropped)
    {
        var right = new RepPlan(6.5, 10, 0.45, 0.12, 0.45, 0.25, 4);
        double standUpS = right.EndS + 1.5;
        AngleFunction angles = t =>
        {
            double lat = -right.Excursion(t);
            return (WalkingStanceDeg(t, standUpS), lat, -0.4 * lat);
        };
        bool Dropped(double t) => t >= right.StartS && t < right.EndS
            && dropped((int)((t - right.StartS) / right.PeriodS), (t - right.StartS) % right.PeriodS);
        var samples = SyntheticImu.Generate(standUpS + 5, angles, Noisy, HipPush(right), Dropped);
        return RecordingSink.Run(AnalyzerSettings.For("banded-walk"), samples);
    }

    [Fact]
    public void Counts_every_step_when_packet_loss_gaps_fall_inside_steps_that_push_the_hips_sideways()
    {
        // Ten steps to the right; every other step loses 0.2 s of packets mid-way through the tilt away. The attitude
        // filter then recovers at the still gain while the step pushes the hips sideways (up to 0.38 g): the fused tilt
        // reads the push as lean. The step's own tilt is a rotation the gyro sees through it.
        var sink = TenStepsRightWithGaps((step, u) => step % 2 == 1 && u is >= 0.15 and < 0.35);

        Assert.Single(sink.Sets);
        Assert.Equal(10, sink.Sets[0].Reps);
    }

    [Fact]
    public void Counts_every_step_after_packet_loss_gaps_longer_than_half_a_step()
    {
        // Ten steps to the right; twice a 0.57 s gap hides the end of a step's return and the start of the next step.
        // After the gap the attitude filter re-takes the tilt from an accelerometer the next step is pushing sideways
        // (up to 0.38 g), so the fused tilt is degrees off for a second; the step signal must not start again from it.
        var sink = TenStepsRightWithGaps((step, u) => (step is 2 or 6 && u >= 0.8) || (step is 3 or 7 && u < 0.1));

        Assert.Single(sink.Sets);
        Assert.Equal(10, sink.Sets[0].Reps);
    }

    [Fact]
    public void Relearns_the_start_at_the_feet_set_pause_when_the_stance_shifted_inside_a_packet_loss_gap()
    {
        // Ten 2.5° steps to the right with a long feet-set pause (1 s). In the fourth pause a 0.3 s gap hides the
        // trail foot re-setting wider: the pelvis settles 1.45° the other way (tilted away from the steps) for the rest
        // of the set, unseen by the gyro bridge. Measured from the old start, the pause reads as a 1.45° excursion and
        // the next step as only 1.05°: the start must move to the still pause after the gap, on the far side.
        var right = new RepPlan(6.5, 10, 0.45, 0.12, 0.45, 1.0, 2.5);
        double gapS = right.StartS + 3 * right.PeriodS + 1.1, shiftS = gapS + 0.03;
        double standUpS = right.EndS + 1.5;
        AngleFunction angles = t =>
        {
            double shift = 1.45 * (MinJerk.Position((t - shiftS) / 0.25) - MinJerk.Position((t - right.EndS) / 0.8));
            double lat = -right.Excursion(t) + shift;
            return (WalkingStanceDeg(t, standUpS), lat, -0.4 * lat);
        };
        bool Dropped(double t) => t >= gapS && t < gapS + 0.3;
        var samples = SyntheticImu.Generate(standUpS + 5, angles, Noisy, HipPush(right), Dropped);
        var sink = RecordingSink.Run(AnalyzerSettings.For("banded-walk"), samples);

        Assert.Single(sink.Sets);
        Assert.Equal(10, sink.Sets[0].Reps);
        Assert.Equal(right.TruthOfRep(9).EndS, sink.Reps[^1].EndS, 0.15);
    }

    [Fact]
    public void Counts_steps_whose_tilt_comes_back_only_half_way_before_the_next_step()
    {
        // The trail foot re-sets the stance with the pelvis still tilted 45% of the step toward the stance leg, and the
        // next step starts from there (no pause); the stance levels out only after the last step.
        // So the pelvis tilts 0 → 4° → 1.8° on the first step, 1.8° → 4° → 1.8° on the others.
        var right = new RepPlan(6.5, 10, 0.45, 0.12, 0.45, 0.25, 2.2);
        double standUpS = right.EndS + 2.0;
        AngleFunction angles = t =>
        {
            double stance = WalkingStanceDeg(t, standUpS);
            double residual = 1.8 * (MinJerk.Position((t - right.StartS) / right.EccentricS)
                                     - MinJerk.Position((t - right.EndS) / 0.8));
            double lat = -(right.Excursion(t) + residual);
            return (stance, lat, -0.4 * lat);
        };
        var samples = SyntheticImu.Generate(standUpS + 5, angles, Noisy);
        var sink = RecordingSink.Run(AnalyzerSettings.For("banded-walk"), samples);

        Assert.Single(sink.Sets);
        Assert.Equal(10, sink.Sets[0].Reps);
    }
}
