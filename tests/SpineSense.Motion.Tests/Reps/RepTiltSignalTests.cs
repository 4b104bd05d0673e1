using SpineSense.Motion.Analysis;
using SpineSense.Motion.Calibration;
using SpineSense.Motion.Exercises;
using SpineSense.Motion.Geometry;
using SpineSense.Motion.Reps;
using SpineSense.Motion.Results;
using SpineSense.Motion.Tests.Support;

namespace SpineSense.Motion.Tests.Reps;

/// <summary>The tilt a rep detector reads (src/SpineSense.Motion/Reps/RepTiltSignal.cs).</summary>
public class RepTiltSignalTests
{
    [Fact]
    public void Counting_side_steps_through_packet_loss_gaps_allocates_nothing_per_sample()
    {
        // Side steps with a 0.3 s gap every 3 s: the gyro-carried tilt loses its anchor and takes it again from gravity.
        var steps = new RepPlan(6.5, 20, 0.45, 0.12, 0.45, 0.25, 4);
        AngleFunction angles = t => (17 * MinJerk.Position((t - 4) / 1.2), -steps.Excursion(t), 0.4 * steps.Excursion(t));
        var samples = SyntheticImu.Generate(steps.EndS + 3, angles, new SensorModel(200, 15, -10), dropped: t => t % 3 < 0.3);
        AssertAllocatesOnlyTheAttitudeFilter("banded-walk", samples);
    }

    [Fact]
    public void Floor_work_starts_its_tilt_again_from_the_accelerometer_after_a_packet_loss_gap()
    {
        // A bird-dog pelvis tipped 6° left, still; the link drops 0.6 s, and the first sample after it shows the pelvis
        // 6° right. Across a gap the tilt is a guess, so floor work starts again from the accelerometer's reading:
        // nothing of the pre-gap tilt may remain (a low-pass carried across would leave ~17 % of it: ~2°, a third of a rep).
        var signal = new RepTiltSignal(ExerciseCatalog.All.First(p => p.Id == "bird-dog"));
        double t = 0;
        for (; t < 2; t += DtS) signal.Update(t, Upright, TippedLeft(6), Zero);
        Vec3 after = signal.Update(t + 0.6, Upright, TippedLeft(-6), Zero);
        Assert.True(AngleDeg(after, TippedLeft(-6)) < 0.01, $"{AngleDeg(after, TippedLeft(-6)):F2}° from the accelerometer's tilt");
    }

    [Fact]
    public void Counting_bird_dogs_through_packet_loss_gaps_allocates_nothing_per_sample()
    {
        // On all fours (flexion +90) the pelvis rolls 8° to alternating sides per rep; a 0.6 s gap every 5 s makes the
        // gyro-on-accelerometer tilt start again.
        var reps = new RepPlan(10, 10, 1.0, 1.0, 1.0, 0.7, 8);
        AngleFunction angles = t =>
        {
            double side = (int)Math.Floor((t - reps.StartS) / reps.PeriodS) % 2 == 0 ? 1 : -1;
            return (90 * MinJerk.Position((t - 4) / 3.0), 0, side * reps.Excursion(t));
        };
        var samples = SyntheticImu.Generate(reps.EndS + 5, angles, new SensorModel(200, 15, -10), dropped: t => t > 8 && t % 5 < 0.6);
        // The path under test runs: the reps are being counted through the gaps.
        Assert.InRange(RecordingSink.Run(AnalyzerSettings.For("bird-dog"), samples).Reps.Count, 8, 10);
        AssertAllocatesOnlyTheAttitudeFilter("bird-dog", samples);
    }

    // Measured from the very first sample, every gap included: the only allocation is the attitude filter, built once
    // when the calibration window completes (it derives from the calibration); see LumbarAnalyzerAllocationTests.
    private static void AssertAllocatesOnlyTheAttitudeFilter(string exercise, List<Samples.ImuSample> samples)
    {
        var measured = AllocationMeter.Analyzing(AnalyzerSettings.For(exercise), samples);
        Assert.Equal(measured.AttitudeFilterBytes, measured.CalibrationEndBytes);
        Assert.Equal(0, measured.OtherBytes);
    }

    // Side steps read the gyro-carried tilt. Standing still at 200 Hz, pelvis upright, then a packet-loss gap.
    private const double DtS = 0.005;
    private static readonly Vec3 Upright = new(0, 0, 1);
    private static readonly Vec3 Zero = default;

    private static RepTiltSignal SideSteps() => new(ExerciseCatalog.All.First(p => p.Id == "banded-walk"));

    // World up tipped by deg toward the segment's left (+y).
    private static Vec3 TippedLeft(double deg) =>
        new(0, Math.Sin(Angle.DegToRad(deg)), Math.Cos(Angle.DegToRad(deg)));

    private static double AngleDeg(Vec3 a, Vec3 b) =>
        Angle.RadToDeg(Math.Acos(Math.Clamp(Vec3.Dot(a.Normalized(), b.Normalized()), -1.0, 1.0)));

    // 2 s standing still, anchored: fused tilt and gravity agree on upright.
    private static double StandStill(RepTiltSignal signal)
    {
        double t = 0;
        for (; t < 2; t += DtS) signal.Update(t, Upright, Upright, Zero);
        return t;
    }

    [Fact]
    public void Takes_the_side_step_tilt_from_gravity_at_the_first_still_moment_after_a_packet_loss_gap()
    {
        // During a 0.5 s gap the pelvis tipped 5° left; after it the athlete stands still (gravity alone in the specific
        // force) while the attitude filter's recovery reads 8° the other way. The carried tilt is held across the gap and
        // then taken from gravity, not from the disturbed fused tilt.
        var signal = SideSteps();
        double t = StandStill(signal) + 0.5;
        Vec3 gravity = TippedLeft(5), fused = TippedLeft(-8);

        Vec3 first = signal.Update(t, fused, gravity, Zero);
        Assert.True(AngleDeg(first, Upright) < 0.01, $"first sample after the gap {AngleDeg(first, Upright):F3}° from the tilt before it");
        // Still for 0.05 s (steady specific force, no rate): the tilt is gravity's at once (later samples are pulled
        // toward the fused tilt again, over a second).
        double closestDeg = double.PositiveInfinity;
        for (double end = t + 0.1; (t += DtS) < end;) closestDeg = Math.Min(closestDeg, AngleDeg(signal.Update(t, fused, gravity, Zero), gravity));
        Assert.True(closestDeg < 0.01, $"within 0.1 s after the gap at best {closestDeg:F3}° from gravity");
    }

    [Fact]
    public void Holds_the_side_step_tilt_across_a_gap_longer_than_a_step()
    {
        // Turning at 20 °/s when samples return after a 1.5 s gap: bridged by the straight line from the 0 °/s before it,
        // the tilt would turn by 15°; the steps inside the gap tilted out and back, so it is held.
        var signal = SideSteps();
        double t = StandStill(signal) + 1.5;

        Vec3 up = signal.Update(t, Upright, Upright, new Vec3(20, 0, 0));

        Assert.True(AngleDeg(up, Upright) < 0.01, $"{AngleDeg(up, Upright):F3}° from the tilt before the gap");
    }

    [Fact]
    public void Falls_back_to_the_fused_tilt_when_no_still_moment_comes_within_three_seconds_of_a_gap()
    {
        // After a 0.5 s gap the hips keep being pushed sideways (±0.3 g at 2 Hz) without turning: never still, so the
        // carried tilt holds its value until the attitude filter's recovery is over (3 s), then follows the fused tilt
        // (3° left) over about a second.
        var signal = SideSteps();
        double t = StandStill(signal) + 0.5, gapEndS = t;
        Vec3 fused = TippedLeft(3);
        Vec3 Pushed(double s) => new(0, 0.3 * Math.Sin(2 * Math.PI * 2 * s), 1);

        Vec3 up = default;
        for (; t < gapEndS + 2.9; t += DtS) up = signal.Update(t, fused, Pushed(t), Zero);
        Assert.True(AngleDeg(up, Upright) < 0.01, $"2.9 s after the gap {AngleDeg(up, Upright):F3}° from the tilt before it");
        for (; t < gapEndS + 9; t += DtS) up = signal.Update(t, fused, Pushed(t), Zero);
        Assert.True(AngleDeg(up, fused) < 0.05, $"9 s after the gap {AngleDeg(up, fused):F3}° from the fused tilt");
    }

    private static RepTiltSignal FloorWork() => new(ExerciseCatalog.All.First(p => p.Id == "bird-dog"));

    [Fact]
    public void Floor_work_carries_a_turn_only_the_gyro_shows_and_pulls_it_toward_the_accelerometers_tilt_over_one_second()
    {
        // On all fours, still; the gyro reports a 0.1 s roll to the left at 60 °/s (6°) that the accelerometer does not
        // show (it stays upright). The carried tilt takes the turn at once (only 0.1 s of the 1 s pull acts on it: ~0.3°),
        // then decays toward the accelerometer's tilt as a first-order lag of 1 s: to e^-1 of its size 1 s later, e^-3
        // 3 s later. A time constant of 0.8 s or 1.2 s would miss the 1 s value by 0.5° or 0.4°.
        var signal = FloorWork();
        double t = 0;
        for (; t < 2; t += DtS) signal.Update(t, Upright, Upright, Zero);
        var roll = new Vec3(60, 0, 0); // about anterior (+x), positive: the pelvis tips left, world up turns toward +y
        Vec3 up = default;
        for (double end = t + 0.1; t < end - 1e-9; t += DtS) up = signal.Update(t, Upright, Upright, roll);
        up = signal.Update(t, Upright, Upright, Zero);
        t += DtS;
        double carriedDeg = AngleDeg(up, Upright);
        Assert.True(AngleDeg(up, TippedLeft(carriedDeg)) < 0.01, $"turned {AngleDeg(up, TippedLeft(carriedDeg)):F3}° off the left tilt");
        Assert.InRange(carriedDeg, 5.5, 6.0);

        double startS = t;
        for (; t < startS + 1 - 1e-9; t += DtS) up = signal.Update(t, Upright, Upright, Zero);
        Assert.InRange(AngleDeg(up, Upright), carriedDeg * Math.Exp(-1) - 0.1, carriedDeg * Math.Exp(-1) + 0.1);
        for (; t < startS + 3 - 1e-9; t += DtS) up = signal.Update(t, Upright, Upright, Zero);
        Assert.InRange(AngleDeg(up, Upright), carriedDeg * Math.Exp(-3) - 0.05, carriedDeg * Math.Exp(-3) + 0.05);
    }

    [Fact]
    public void Floor_work_is_pulled_toward_the_fused_tilt_while_the_specific_force_is_below_half_a_g()
    {
        // Still on all fours, then 3 s in which the accelerometer reads 0.3 g pointing forward (a fall or a sensor
        // fault: not gravity, which would mean the pelvis stood on end, 90° away) while the fused tilt shows 5° left.
        // The accelerometer is not trusted below 0.5 g: the carried tilt is pulled toward the fused one (over 1 s)
        // and never toward forward; reading the accelerometer it would be ~50° forward within a second.
        var signal = FloorWork();
        double t = 0;
        for (; t < 2; t += DtS) signal.Update(t, Upright, Upright, Zero);
        Vec3 lowForceG = new(0.3, 0, 0), fused = TippedLeft(5);
        Vec3 up = default;
        double mostForwardDeg = 0, startS = t;
        for (; t < startS + 1 - 1e-9; t += DtS)
        {
            up = signal.Update(t, fused, lowForceG, Zero);
            mostForwardDeg = Math.Max(mostForwardDeg, Angle.RadToDeg(Math.Asin(up.X)));
        }
        // Only while the 0.1 s low-pass of the specific force is still above 0.5 g (its first ~0.08 s, leaning forward
        // by up to ~20° as 1 g upright gives way to 0.3 g forward) is it read, and the 1 s pull moves the tilt ~0.6° then.
        Assert.True(mostForwardDeg < 1.0, $"leaned {mostForwardDeg:F2}° forward");
        Assert.InRange(AngleDeg(up, fused), 5 * Math.Exp(-1) - 0.3, 5 * Math.Exp(-1) + 0.3);
        for (; t < startS + 3 - 1e-9; t += DtS) up = signal.Update(t, fused, lowForceG, Zero);
        Assert.True(AngleDeg(up, fused) < 0.5, $"3 s on {AngleDeg(up, fused):F2}° from the fused tilt");
    }

    [Fact]
    public void Side_lying_reads_the_fused_tilt_while_the_specific_force_is_below_half_a_g_and_the_accelerometer_again_after()
    {
        // A clamshell reads the accelerometer alone (0.1 s low-pass). While it reads 0.3 g forward the fused tilt (5°
        // left) is read instead, exactly, from the moment the low-passed force falls under 0.5 g (~0.08 s); back at
        // 1 g upright, the accelerometer is read again (0.5 s = five time constants: e^-5 · 0.3 g forward left, 0.12°).
        var signal = new RepTiltSignal(ExerciseCatalog.All.First(p => p.Id == "clamshell"));
        double t = 0;
        for (; t < 2; t += DtS) signal.Update(t, Upright, Upright, Zero);
        Vec3 lowForceG = new(0.3, 0, 0), fused = TippedLeft(5);
        double startS = t, worstDeg = 0;
        for (; t < startS + 1; t += DtS)
        {
            Vec3 up = signal.Update(t, fused, lowForceG, Zero);
            if (t >= startS + 0.1) worstDeg = Math.Max(worstDeg, AngleDeg(up, fused));
        }
        Assert.True(worstDeg < 1e-6, $"{worstDeg:F4}° from the fused tilt");
        Vec3 after = default;
        for (double end = t + 0.5; t < end; t += DtS) after = signal.Update(t, fused, Upright, Zero);
        Assert.True(AngleDeg(after, Upright) < 0.2, $"{AngleDeg(after, Upright):F3}° from the accelerometer's tilt");
    }

    [Fact]
    public void Floor_work_starts_its_tilt_again_from_the_accelerometer_once_still_after_lying_down()
    {
        // Standing still, then lying down for a dead bug: the pelvis turns 90° back over 1.5 s (world up moves from the
        // superior axis to the anterior one) and stays there. The gyro reads 4 % fast, a scale error within a MEMS
        // gyro's tolerance, so the carried tilt ends the turn 3.6° past it. Pulled toward gravity over 1 s, that error
        // would still be ~2.4° 0.4 s after lying still, when the rep detector learns its start, and fade over the next
        // seconds — as large as a dead bug's rep. Still after a turn far larger than any rep, the tilt is gravity's.
        var signal = new RepTiltSignal(ExerciseCatalog.All.First(p => p.Id == "dead-bug"));
        const double TurnStartS = 1.0, TurnS = 1.5, GyroScale = 1.04;
        double Theta(double t) => Math.PI / 2 * MinJerk.Position((t - TurnStartS) / TurnS);
        Vec3 TrueUp(double t) => new(Math.Sin(Theta(t)), 0, Math.Cos(Theta(t)));
        double worstDeg = 0;
        for (double t = 0; t < 6; t += DtS)
        {
            // d up/dt = −ω × up: turning world up from +z toward +x is a rotation about −y.
            double thetaDotRadS = (Theta(t + 1e-4) - Theta(t - 1e-4)) / 2e-4;
            var rateDps = new Vec3(0, -thetaDotRadS * Angle.DegPerRad * GyroScale, 0);
            Vec3 up = signal.Update(t, TrueUp(t), TrueUp(t), rateDps);
            if (t >= TurnStartS + TurnS + 0.4) worstDeg = Math.Max(worstDeg, AngleDeg(up, TrueUp(t)));
        }
        Assert.True(worstDeg < 0.3, $"lying still from 0.4 s on, the tilt read up to {worstDeg:F2}° off gravity");
    }
}
