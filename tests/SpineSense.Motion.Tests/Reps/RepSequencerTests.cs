using SpineSense.Motion.Alerts;
using SpineSense.Motion.Analysis;
using SpineSense.Motion.Exercises;
using SpineSense.Motion.Geometry;
using SpineSense.Motion.Reps;
using SpineSense.Motion.Tests.Support;

namespace SpineSense.Motion.Tests.Reps;

/// <summary>Which excursions are reps and how they group into sets (src/SpineSense.Motion/Reps/RepSequencer.cs).</summary>
public class RepSequencerTests
{
    private static readonly SensorModel Noisy = new(200, 15, -10, GyroBiasDps: 0.5, AccNoiseG: 0.01, GyroNoiseDps: 0.3, JitterFraction: 0.2);

    [Fact]
    public void Reports_a_set_of_three_reps_once_the_set_gap_has_passed()
    {
        // Contract section 5: a set is a run of reps. Three hinges, then quiet standing past the 15 s set gap.
        var plan = new RepPlan(4, 3, 1.5, 0.4, 1.2, 0.8, 50);
        var samples = SyntheticImu.Generate(plan.EndS + 20, t => (plan.Excursion(t), 0, 0), Noisy);
        var sink = RecordingSink.Run(AnalyzerSettings.For("hip-hinge-drill"), samples);

        var set = Assert.Single(sink.Sets);
        Assert.Equal(3, set.Reps);
        Assert.Equal(3, sink.Reps.Count);
        Assert.Equal(plan.TruthOfRep(0).StartS, set.StartS, 0.05);
        Assert.Equal(plan.TruthOfRep(2).EndS, set.EndS, 0.05);
    }

    [Fact]
    public void Reports_a_three_rep_set_that_ends_the_recording()
    {
        var plan = new RepPlan(4, 3, 1.5, 0.4, 1.2, 0.8, 50);
        var samples = SyntheticImu.Generate(plan.EndS + 2, t => (plan.Excursion(t), 0, 0), Noisy);
        var sink = RecordingSink.Run(AnalyzerSettings.For("hip-hinge-drill"), samples);
        Assert.Equal(3, Assert.Single(sink.Sets).Reps);
    }

    [Fact]
    public void Does_not_report_two_bends_alone_as_a_set()
    {
        // Reaching for a bottle twice (reach, drink, put it back) is the commonest pair of excursions in a rest.
        var plan = new RepPlan(4, 2, 1.0, 0.5, 1.0, 3.0, 40);
        var samples = SyntheticImu.Generate(plan.EndS + 20, t => (plan.Excursion(t), 0, 0), Noisy);
        var sink = RecordingSink.Run(AnalyzerSettings.For("hip-hinge-drill"), samples);
        Assert.Empty(sink.Sets);
        Assert.Empty(sink.Reps);
    }

    [Fact]
    public void Does_not_report_three_fidgets_of_different_sizes_as_a_set()
    {
        var a = new RepPlan(4, 1, 1.0, 0.3, 1.0, 0, 25);
        var b = new RepPlan(a.EndS + 2, 1, 1.0, 0.3, 1.0, 0, 60);
        var c = new RepPlan(b.EndS + 2, 1, 1.0, 0.3, 1.0, 0, 35);
        var samples = SyntheticImu.Generate(c.EndS + 20, t => (a.Excursion(t) + b.Excursion(t) + c.Excursion(t), 0, 0), Noisy);
        var sink = RecordingSink.Run(AnalyzerSettings.For("romanian-deadlift"), samples);
        Assert.Empty(sink.Sets);
    }

    [Fact]
    public void Counts_a_deeper_rounded_rep_inside_a_set()
    {
        // A tired athlete rounds one squat 2.6× deeper than the others: it is a rep (and the one to flag).
        var plan = new RepPlan(4, 10, 1.6, 0.4, 1.2, 1.0, 28);
        var deeper = new RepPlan(plan.TruthOfRep(2).StartS, 1, 1.6, 0.4, 1.2, 1.0, 45);
        var samples = SyntheticImu.Generate(plan.EndS + 5, t => (plan.Excursion(t) + deeper.Excursion(t), 0, 0), Noisy);
        var sink = RecordingSink.Run(AnalyzerSettings.For("goblet-squat"), samples);
        Assert.Equal(10, Assert.Single(sink.Sets).Reps);
        Assert.Equal(73, sink.Reps[2].PeakFlexionDeg, 2.0);
    }

    [Fact]
    public void Does_not_count_mat_fidgets_off_the_sets_axis_after_a_bird_dog_set()
    {
        // On all fours (flexion +90) each rep rolls the pelvis 8° to alternating sides. Right after the set the athlete
        // shifts on the mat three times: a roll of 4.5° with a 3.5° tilt forward or back — mirrored left/right like
        // reps and in the set's rhythm, but 38° off the set's axis.
        var set = new RepPlan(10, 8, 1.0, 1.0, 1.0, 0.7, 8);
        var fidgets = new RepPlan(set.EndS + 2, 3, 1.0, 1.0, 1.0, 0.7, 1);
        var next = new RepPlan(fidgets.EndS + 40, 8, 1.0, 1.0, 1.0, 0.7, 8);
        AngleFunction truth = t =>
        {
            double onAllFours = 90 * MinJerk.Position((t - 4) / 3.0);
            double rollDeg = Side(set, t) * set.Excursion(t) + Side(next, t) * next.Excursion(t)
                + Side(fidgets, t) * 4.5 * fidgets.Excursion(t);
            return (onAllFours + 3.5 * fidgets.Excursion(t), 0, rollDeg);
        };
        var samples = SyntheticImu.Generate(next.EndS + 5, truth, Noisy);
        var sink = RecordingSink.Run(AnalyzerSettings.For("bird-dog"), samples);

        Assert.Equal([8, 8], sink.Sets.Select(s => s.Reps));
        Assert.True(sink.Sets[0].EndS < fidgets.StartS + 0.5, $"set 1 ends at {sink.Sets[0].EndS:F1} s, fidgets start at {fidgets.StartS:F1} s");
    }

    [Theory]
    [InlineData(5, 8)]    // still facing the set's way (gyro drift, a small shuffle): the 7th rep, and the 8th after it
    [InlineData(60, 6)]   // turned 60° toward the bench to bend for a bottle: not a rep (nor a lone one 12 s after the set)
    public void Counts_a_late_excursion_only_when_it_faces_where_the_set_was_done(double headingDeg, int expectedReps)
    {
        var sequencer = new RepSequencer(new RepSettings(), new AlertLog(), ExerciseCatalog.All.First(p => p.Id == "romanian-deadlift"));
        var sink = new RecordingSink();
        for (int i = 0; i < 6; i++) sequencer.Add(Candidate(4 + 4.0 * i, 50, headingDeg: 0), sink);
        // 8 s after the last rep: past the set's rhythm, still inside the 15 s set gap; the set goes on after it.
        double lateS = 4 + 4.0 * 5 + 2.6 + 8;
        sequencer.Add(Candidate(lateS, 47, headingDeg), sink);
        sequencer.Add(Candidate(lateS + 4, 50, headingDeg: 0), sink);
        sequencer.Finish(sink);
        Assert.Equal(expectedReps, Assert.Single(sink.Sets).Reps);
    }

    [Fact]
    public void Counts_clamshells_on_both_sides_but_not_rolling_the_other_way_on_the_mat_after_the_set()
    {
        // Lying on the left side (world-up toward the body's right), each rep rolls the pelvis back toward supine (world
        // up moves toward the anterior axis); after turning over onto the right side the reps roll it back too, mirrored
        // left/right. Shifting on the mat after the set, still on the right side, rolls it forward, against the reps.
        var sequencer = new RepSequencer(new RepSettings(), new AlertLog(), ExerciseCatalog.All.First(p => p.Id == "clamshell"));
        var sink = new RecordingSink();
        var onLeftSide = new Vec3(0, -1, 0);
        var onRightSide = new Vec3(0, 1, 0);
        var leftRep = new Vec3(0.95, 0.3, 0).Normalized();
        var rightRep = new Vec3(0.95, -0.3, 0.1).Normalized();
        var shift = new Vec3(-0.9, -0.2, 0.4).Normalized();
        double t = 4;
        for (int i = 0; i < 8; i++, t += 3.2) sequencer.Add(Tilt(t, 4, leftRep, onLeftSide), sink);
        t += 8; // turning over
        for (int i = 0; i < 8; i++, t += 3.2) sequencer.Add(Tilt(t, 4, rightRep, onRightSide), sink);
        for (int i = 0; i < 3; i++) sequencer.Add(Tilt(t + 5 + 4.0 * i, 4, shift, onRightSide), sink);
        sequencer.Finish(sink);
        Assert.Equal(16, Assert.Single(sink.Sets).Reps);
    }

    [Fact]
    public void A_roll_forward_among_the_first_clamshells_of_a_set_neither_counts_nor_costs_the_reps_before_it()
    {
        // Three clamshells (rolling the pelvis back), then the pelvis settles forward 1.5° before the fourth: the run
        // that opens the set has not reached four reps yet, and the settling must not restart it.
        var sequencer = new RepSequencer(new RepSettings(), new AlertLog(), ExerciseCatalog.All.First(p => p.Id == "clamshell"));
        var sink = new RecordingSink();
        var onLeftSide = new Vec3(0, -1, 0);
        var rep = new Vec3(0.97, 0.05, -0.24).Normalized();
        var settle = new Vec3(-0.98, -0.08, 0.18).Normalized();
        double t = 4;
        for (int i = 0; i < 3; i++, t += 3.2) sequencer.Add(Tilt(t, 4, rep, onLeftSide), sink);
        sequencer.Add(Tilt(t - 1.0, 1.5, settle, onLeftSide), sink);
        for (int i = 0; i < 7; i++, t += 3.2) sequencer.Add(Tilt(t + 1.6, 4, rep, onLeftSide), sink);
        sequencer.Finish(sink);
        Assert.Equal(10, Assert.Single(sink.Sets).Reps);
    }

    [Fact]
    public void Does_not_open_a_clamshell_set_with_the_shifts_before_an_odd_one_out_among_its_first_excursions()
    {
        // Settling onto the mat before the set: a roll back 5° off the reps' axis, then one 29° off it (24° from the
        // first, so the starting run takes it), then eight clamshells on the axis. Against the axis of the others the
        // second shift is the odd one out, so the set starts after it — and nothing before it belongs to the set either.
        var sequencer = new RepSequencer(new RepSettings(), new AlertLog(), ExerciseCatalog.All.First(p => p.Id == "clamshell"));
        var sink = new RecordingSink();
        var onLeftSide = new Vec3(0, -1, 0);
        var rep = new Vec3(0.97, 0.05, -0.24).Normalized();
        double t = 4;
        sequencer.Add(Tilt(t, 4, AboutLeftAxis(rep, 5), onLeftSide), sink);
        sequencer.Add(Tilt(t + 3.2, 4, AboutLeftAxis(rep, 29), onLeftSide), sink);
        double firstRepS = t + 6.4;
        for (int i = 0; i < 8; i++) sequencer.Add(Tilt(firstRepS + 3.2 * i, 4, rep, onLeftSide), sink);
        sequencer.Finish(sink);
        var set = Assert.Single(sink.Sets);
        Assert.Equal(8, set.Reps);
        Assert.Equal(firstRepS, set.StartS, 3);
    }

    [Fact]
    public void Two_clamshells_after_the_shifts_that_opened_their_run_are_not_a_set()
    {
        // Two shifts on the mat (the second 29° off the reps' axis), then only two clamshells and nothing for a minute:
        // without the shifts the run is two reps, fewer than any set (contract section 5: a set is a run of reps).
        var sequencer = new RepSequencer(new RepSettings(), new AlertLog(), ExerciseCatalog.All.First(p => p.Id == "clamshell"));
        var sink = new RecordingSink();
        var onLeftSide = new Vec3(0, -1, 0);
        var rep = new Vec3(0.97, 0.05, -0.24).Normalized();
        sequencer.Add(Tilt(4, 4, AboutLeftAxis(rep, 5), onLeftSide), sink);
        sequencer.Add(Tilt(7.2, 4, AboutLeftAxis(rep, 29), onLeftSide), sink);
        sequencer.Add(Tilt(10.4, 4, rep, onLeftSide), sink);
        sequencer.Add(Tilt(13.6, 4, rep, onLeftSide), sink);
        sequencer.Tick(80, sink);
        sequencer.Finish(sink);
        Assert.Empty(sink.Sets);
    }

    private static Vec3 AboutLeftAxis(Vec3 d, double deg)
    {
        double a = Angle.DegToRad(deg);
        return new Vec3(d.X * Math.Cos(a) + d.Z * Math.Sin(a), d.Y, -d.X * Math.Sin(a) + d.Z * Math.Cos(a));
    }

    [Fact]
    public void Does_not_count_shifts_on_the_mat_that_roll_back_off_the_axis_of_the_clamshells_before_them()
    {
        // Ten clamshells on each side, every one rolling the pelvis back along one axis (toward the anterior axis and a
        // little caudal), mirrored left/right. Right after the set the athlete shifts on the mat three times in the
        // set's rhythm, also rolling back a little but tipping cranially: 35° off the reps' axis.
        var sequencer = new RepSequencer(new RepSettings(), new AlertLog(), ExerciseCatalog.All.First(p => p.Id == "clamshell"));
        var sink = new RecordingSink();
        var onLeftSide = new Vec3(0, -1, 0);
        var onRightSide = new Vec3(0, 1, 0);
        var leftRep = new Vec3(0.97, 0.05, -0.24).Normalized();
        var rightRep = new Vec3(0.97, -0.05, -0.24).Normalized();
        var shift = new Vec3(0.92, 0.05, 0.38).Normalized();
        Assert.InRange(Angle.RadToDeg(Math.Acos(Vec3.Dot(shift, rightRep))), 33, 37);
        double t = 4;
        for (int i = 0; i < 10; i++, t += 2.6) sequencer.Add(Tilt(t, 4, leftRep, onLeftSide), sink);
        t += 6; // turning over
        for (int i = 0; i < 10; i++, t += 2.6) sequencer.Add(Tilt(t, 4, rightRep, onRightSide), sink);
        for (int i = 0; i < 3; i++, t += 2.6) sequencer.Add(Tilt(t, 4, shift, onRightSide), sink);
        sequencer.Finish(sink);
        Assert.Equal(20, Assert.Single(sink.Sets).Reps);
    }

    [Fact]
    public void Does_not_open_a_clamshell_set_with_shifts_on_the_mat_that_scatter_about_the_athletes_axis()
    {
        // A set of ten clamshells on one axis; 40 s later, right before the next set, four shifts on the mat in the
        // reps' rhythm and size, each 36–37° off that axis but tipping cranially and caudally in turn: 72° from one
        // another, where a run of reps agrees within 25°.
        var sequencer = new RepSequencer(new RepSettings(), new AlertLog(), ExerciseCatalog.All.First(p => p.Id == "clamshell"));
        var sink = new RecordingSink();
        var onLeftSide = new Vec3(0, -1, 0);
        var rep = new Vec3(0.97, 0.05, -0.24).Normalized();
        var shiftUp = new Vec3(0.92, 0.05, 0.38).Normalized();
        var shiftDown = new Vec3(0.65, 0.05, -0.75).Normalized();
        double t = 4;
        for (int i = 0; i < 10; i++, t += 2.6) sequencer.Add(Tilt(t, 4, rep, onLeftSide), sink);
        t += 40;
        for (int i = 0; i < 4; i++, t += 2.6) sequencer.Add(Tilt(t, 4, i % 2 == 0 ? shiftUp : shiftDown, onLeftSide), sink);
        for (int i = 0; i < 10; i++, t += 2.6) sequencer.Add(Tilt(t, 4, rep, onLeftSide), sink);
        sequencer.Finish(sink);
        Assert.Equal([10, 10], sink.Sets.Select(s => s.Reps));
    }

    [Fact]
    public void Does_not_open_a_clamshell_set_with_shifts_on_the_mat_that_agree_with_each_other_but_not_with_the_earlier_set()
    {
        // A set of ten clamshells; 40 s later four shifts on the mat in the reps' rhythm and size, all the same way but
        // 30° off the set's axis (clamshell directions, from the accelerometer's tilt, hold the athlete's axis within a
        // few degrees set after set), then the next ten clamshells.
        var sequencer = new RepSequencer(new RepSettings(), new AlertLog(), ExerciseCatalog.All.First(p => p.Id == "clamshell"));
        var sink = new RecordingSink();
        var onLeftSide = new Vec3(0, -1, 0);
        var rep = new Vec3(0.97, 0.05, -0.24).Normalized();
        var shift = new Vec3(0.97, 0.05, 0.27).Normalized();
        Assert.InRange(Angle.RadToDeg(Math.Acos(Vec3.Dot(shift, rep))), 29, 31);
        double t = 4;
        for (int i = 0; i < 10; i++, t += 2.6) sequencer.Add(Tilt(t, 4, rep, onLeftSide), sink);
        t += 40;
        for (int i = 0; i < 4; i++, t += 2.6) sequencer.Add(Tilt(t, 4, shift, onLeftSide), sink);
        for (int i = 0; i < 10; i++, t += 2.6) sequencer.Add(Tilt(t, 4, rep, onLeftSide), sink);
        sequencer.Finish(sink);
        Assert.Equal([10, 10], sink.Sets.Select(s => s.Reps));
    }

    [Fact]
    public void Counts_the_first_clamshell_after_turning_over_midway_even_when_the_settling_start_makes_it_larger()
    {
        // Eight 3–4° reps on the left side, 9 s to turn over (longer than the set's rhythm), then eight on the right
        // side; the first of them is measured from a start still settling after the roll: 5.5°, larger than 1.2× any
        // rep so far, but within the 1.5× allowed after a breather.
        var sequencer = new RepSequencer(new RepSettings(), new AlertLog(), ExerciseCatalog.All.First(p => p.Id == "clamshell"));
        var sink = new RecordingSink();
        var onLeftSide = new Vec3(0, -1, 0);
        var onRightSide = new Vec3(0, 1, 0);
        var leftRep = new Vec3(0.95, 0.3, 0).Normalized();
        var rightRep = new Vec3(0.95, -0.3, 0).Normalized();
        double t = 4;
        for (int i = 0; i < 8; i++, t += 3.2) sequencer.Add(Tilt(t, i % 2 == 0 ? 3 : 4, leftRep, onLeftSide), sink);
        t += 9 - 1.1; // 9 s after the last left rep ended (each ends 2.1 s after it starts, 1.1 s before the next)
        for (int i = 0; i < 8; i++, t += 3.2) sequencer.Add(Tilt(t, i == 0 ? 5.5 : 4, rightRep, onRightSide), sink);
        sequencer.Finish(sink);
        Assert.Equal(16, Assert.Single(sink.Sets).Reps);
    }

    [Fact]
    public void Does_not_start_a_set_from_mat_fidgets_off_the_axis_of_the_earlier_dead_bug_sets()
    {
        // Supine, every dead-bug rep tilts the pelvis along one axis (a roll with a little tuck), mirrored left/right.
        // Between sets the athlete shifts on the mat four times, alternating like reps and in a rep's rhythm, but with
        // the tuck the other way: 65° off the axis the first set showed, which the athlete's reps keep in the next set.
        var sequencer = new RepSequencer(new RepSettings(), new AlertLog(), ExerciseCatalog.All.First(p => p.Id == "dead-bug"));
        var sink = new RecordingSink();
        var supine = new Vec3(1, 0, 0);
        var rep = new Vec3(0, 0.9, 0.44).Normalized();
        var shift = new Vec3(0, 0.76, -0.64).Normalized();
        static Vec3 Mirror(Vec3 d, int i) => i % 2 == 0 ? d : new Vec3(d.X, -d.Y, d.Z);
        double t = 4;
        for (int i = 0; i < 12; i++, t += 3.2) sequencer.Add(Tilt(t, 4, Mirror(rep, i), supine), sink);
        t += 20;
        for (int i = 0; i < 4; i++, t += 3.2) sequencer.Add(Tilt(t, 4, Mirror(shift, i), supine), sink);
        t += 20;
        for (int i = 0; i < 12; i++, t += 3.2) sequencer.Add(Tilt(t, 4, Mirror(rep, i), supine), sink);
        sequencer.Finish(sink);
        Assert.Equal([12, 12], sink.Sets.Select(s => s.Reps));
    }

    [Fact]
    public void Keeps_the_first_dead_bug_when_the_other_side_tilts_the_pelvis_a_third_as_far()
    {
        // Supine, twelve dead bugs alternating sides along one axis; the left side braces less and tilts the pelvis 6.5°
        // on the first rep, the right side only 2.2° on the second (then 5° and 3°). The first rep is still a rep.
        var sequencer = new RepSequencer(new RepSettings(), new AlertLog(), ExerciseCatalog.All.First(p => p.Id == "dead-bug"));
        var sink = new RecordingSink();
        var supine = new Vec3(1, 0, 0);
        var rep = new Vec3(0, 0.9, 0.44).Normalized();
        double t = 4;
        for (int i = 0; i < 12; i++, t += 3.2)
        {
            double amplitudeDeg = i == 0 ? 6.5 : i == 1 ? 2.2 : i % 2 == 0 ? 5 : 3;
            sequencer.Add(Tilt(t, amplitudeDeg, i % 2 == 0 ? rep : new Vec3(rep.X, -rep.Y, rep.Z), supine), sink);
        }
        sequencer.Finish(sink);
        Assert.Equal(12, Assert.Single(sink.Sets).Reps);
    }

    [Fact]
    public void Keeps_a_dead_bug_among_the_first_reps_whose_small_tilt_points_off_the_others_axis()
    {
        // Supine, ten dead bugs alternating sides along one axis; the second rep's 2° tilt, read through sensor noise,
        // points 28° off the axis of the others (within the ±10–20° scatter plus noise such tilts have). Unlike a
        // clamshell's accelerometer tilt, that is no sign of a fidget: the run keeps every rep before it.
        var sequencer = new RepSequencer(new RepSettings(), new AlertLog(), ExerciseCatalog.All.First(p => p.Id == "dead-bug"));
        var sink = new RecordingSink();
        var supine = new Vec3(1, 0, 0);
        var rep = new Vec3(0, 0.9, 0.44).Normalized();
        var mirrored = new Vec3(rep.X, -rep.Y, rep.Z);
        double a = Angle.DegToRad(28);
        var offAxis = new Vec3(mirrored.X, mirrored.Y * Math.Cos(a) - mirrored.Z * Math.Sin(a), mirrored.Y * Math.Sin(a) + mirrored.Z * Math.Cos(a));
        double t = 4;
        for (int i = 0; i < 10; i++, t += 3.2)
            sequencer.Add(Tilt(t, i == 1 ? 2 : 4, i == 1 ? offAxis : i % 2 == 0 ? rep : mirrored, supine), sink);
        sequencer.Finish(sink);
        Assert.Equal(10, Assert.Single(sink.Sets).Reps);
    }

    [Theory]
    [InlineData(true, 11)]   // a 2 s packet-loss gap hid the sixth rep: the seventh, on the fifth's side, still counts
    [InlineData(false, 10)]  // no gap: the same side twice is a fidget, not a rep (the eighth then waits as late)
    public void Counts_a_dead_bug_on_the_same_side_again_only_when_a_packet_loss_gap_between_hid_the_other_sides_rep(
        bool gapHidTheRep, int expectedReps)
    {
        // Twelve dead bugs alternating sides along one axis, 3.2 s apart (2.1 s each). The sixth (right side) is never
        // seen; the seventh tilts to the left again. With the stream silent from 19.9 s to 21.9 s, the right-side rep was
        // done inside that gap (the athlete alternates): the seventh is a rep, not a repeat.
        var sequencer = new RepSequencer(new RepSettings(), new AlertLog(), ExerciseCatalog.All.First(p => p.Id == "dead-bug"));
        var sink = new RecordingSink();
        var supine = new Vec3(1, 0, 0);
        var rep = new Vec3(0, 0.9, 0.44).Normalized();
        double nowS = 0;
        void TickUntil(double untilS)
        {
            for (; nowS < untilS; nowS += 0.01)
                if (!(gapHidTheRep && nowS > 19.9 && nowS < 21.9)) sequencer.Tick(nowS, sink);
        }
        for (int i = 0; i < 12; i++)
        {
            double startS = 4 + 3.2 * i;
            TickUntil(startS + 2.4); // a candidate is known once it has come back to rest
            if (i != 5) sequencer.Add(Tilt(startS, 4, i % 2 == 0 ? rep : new Vec3(rep.X, -rep.Y, rep.Z), supine), sink);
        }
        TickUntil(nowS + 20);
        sequencer.Finish(sink);
        Assert.Equal(expectedReps, Assert.Single(sink.Sets).Reps);
    }

    [Fact]
    public void A_dead_bug_run_restarts_when_its_next_member_repeats_the_side_of_an_off_axis_excursion_between()
    {
        // A set of twelve dead bugs, alternating sides along one axis, teaches the athlete's axis. In the rest, a shift to
        // the left on that axis, then one to the right 50° off it (ignored: not the athlete's movement), then one to the
        // right on the axis again: the athlete did not alternate, so the left one is no first rep of a set. The next set's
        // eleven more reps, left and right, follow: the set counts from the second shift to the right, not from the left.
        var sequencer = new RepSequencer(new RepSettings(), new AlertLog(), ExerciseCatalog.All.First(p => p.Id == "dead-bug"));
        var sink = new RecordingSink();
        var supine = new Vec3(1, 0, 0);
        var right = new Vec3(0, 0.9, 0.44).Normalized();
        var left = new Vec3(right.X, -right.Y, right.Z);
        var rightOffAxis = new Vec3(0, 0.91, -0.41).Normalized(); // 50° from the axis, 40° from `right`
        double nowS = 0;
        void Add(double startS, Vec3 direction)
        {
            for (; nowS < startS + 2.4; nowS += 0.05) sequencer.Tick(nowS, sink); // known once back at rest
            sequencer.Add(Tilt(startS, 4, direction, supine), sink);
        }
        for (int i = 0; i < 12; i++) Add(4 + 3.2 * i, i % 2 == 0 ? right : left);
        Add(80, left);
        Add(83.2, rightOffAxis);
        for (int i = 0; i < 12; i++) Add(86.4 + 3.2 * i, i % 2 == 0 ? right : left);
        for (; nowS < 150; nowS += 0.05) sequencer.Tick(nowS, sink);
        sequencer.Finish(sink);
        Assert.Equal(2, sink.Sets.Count);
        Assert.Equal(12, sink.Sets[1].Reps);
        Assert.Equal(86.4, sink.Sets[1].StartS, 3);
    }

    [Theory]
    [InlineData(true, 12)]  // the stream was silent around its bottom: it went deeper unseen, and counts
    [InlineData(false, 11)] // seen whole, an excursion half as deep as every rep is not one
    public void Counts_a_rep_that_looks_shallow_only_because_a_packet_loss_gap_hid_its_deepest_part(bool gapHidTheBottom,
        int expectedReps)
    {
        // Twelve glute bridges of 28°, 4.6 s apart (2.6 s each). The sixth is measured at 14°: with the stream silent from
        // 27.6 s to 29.0 s (its bottom), the last samples before the gap and the first after it are half-way, and its
        // size is only a lower bound.
        var sequencer = new RepSequencer(new RepSettings(), new AlertLog(), ExerciseCatalog.All.First(p => p.Id == "glute-bridge"));
        var sink = new RecordingSink();
        double nowS = 0;
        for (int i = 0; i < 12; i++)
        {
            double startS = 4 + 4.6 * i;
            for (; nowS < startS + 3.0; nowS += 0.01) // a candidate is known once it has come back to rest
                if (!(gapHidTheBottom && nowS > 27.6 && nowS < 29.0)) sequencer.Tick(nowS, sink);
            sequencer.Add(Candidate(startS, i == 5 ? 14 : 28, headingDeg: 0), sink);
        }
        sequencer.Tick(nowS + 20, sink);
        sequencer.Finish(sink);
        Assert.Equal(expectedReps, Assert.Single(sink.Sets).Reps);
    }

    [Theory]
    [InlineData(false, 8)]  // sitting down on the bench 10 s after the set, nothing after it: not a rep
    [InlineData(true, 12)]  // a 10 s breather, then the set goes on: the first rep after it counts too
    public void Counts_an_excursion_long_after_the_sets_rhythm_only_when_the_set_resumes_after_it(bool resumes, int expectedReps)
    {
        var sequencer = new RepSequencer(new RepSettings(), new AlertLog(), ExerciseCatalog.All.First(p => p.Id == "goblet-squat"));
        var sink = new RecordingSink();
        double t = 4;
        for (int i = 0; i < 8; i++, t += 4) sequencer.Add(Candidate(t, 30, headingDeg: 0), sink);
        t += 10 - 1.4; // 10 s after the last rep ended (each ends 2.6 s after it starts, 1.4 s before the next)
        sequencer.Add(Candidate(t, 28, headingDeg: 0), sink);
        if (resumes)
            for (int i = 0; i < 3; i++) { t += 4; sequencer.Add(Candidate(t, 30, headingDeg: 0), sink); }
        sequencer.Tick(t + 30, sink);
        sequencer.Finish(sink);
        Assert.Equal(expectedReps, Assert.Single(sink.Sets).Reps);
    }

    [Fact]
    public void A_set_that_slows_down_past_the_late_threshold_keeps_every_rep()
    {
        // Four reps 4 s apart, then the athlete tires: each of the last four comes 7.4 s after the previous one ended
        // (past max(6 s, 2 × 2.6 s)). Each is late after the one before, but two set-like reps in a row are a slower
        // rhythm, not a fidget: all eight count, in one set (before, every held rep was dropped by the next late one and
        // the set closed at four).
        var sequencer = new RepSequencer(new RepSettings(), new AlertLog(), ExerciseCatalog.All.First(p => p.Id == "goblet-squat"));
        var sink = new RecordingSink();
        double t = 4;
        for (int i = 0; i < 4; i++, t += 4) sequencer.Add(Candidate(t, 30, headingDeg: 0), sink);
        t += 6;
        for (int i = 0; i < 4; i++, t += 10)
        {
            sequencer.Add(Candidate(t, 30, headingDeg: 0), sink);
            sequencer.Tick(t + 2.6 + 0.4, sink);
        }
        sequencer.Finish(sink);
        Assert.Equal(8, Assert.Single(sink.Sets).Reps);
    }

    [Fact]
    public void Keeps_the_set_open_while_a_rep_that_began_inside_the_set_gap_is_still_under_way()
    {
        // After 8 reps the athlete pauses 13 s (turning over for the other side, a long breather) and goes on. The first
        // rep after the pause began 13 s after the last one ended, but is only known once it has ended and come to rest,
        // after the 15 s set gap: the gap between the reps was 13 s, so it is one set (contract section 5).
        var sequencer = new RepSequencer(new RepSettings(), new AlertLog(), ExerciseCatalog.All.First(p => p.Id == "goblet-squat"));
        var sink = new RecordingSink();
        var starts = new List<double>();
        for (int i = 0; i < 8; i++) starts.Add(4 + 4.0 * i);
        double resumeS = starts[^1] + 2.6 + 13;
        for (int i = 0; i < 4; i++) starts.Add(resumeS + 4.0 * i);
        int next = 0;
        for (double t = 0; t < starts[^1] + 40; t += 0.01)
        {
            // A candidate is delivered 0.4 s after its end (coming to rest is what ends it).
            if (next < starts.Count && t >= starts[next] + 2.6 + 0.4) sequencer.Add(Candidate(starts[next++], 30, headingDeg: 0), sink);
            double since = next < starts.Count && t >= starts[next] - 0.2 ? starts[next] - 0.2 : double.NaN;
            sequencer.Tick(t, sink, since);
        }
        sequencer.Finish(sink);
        Assert.Equal(12, Assert.Single(sink.Sets).Reps);
    }

    [Fact]
    public void Times_the_pause_before_a_side_step_from_a_step_misread_as_the_other_side()
    {
        // Six steps to the right (the pelvis tilts right, −y), a seventh misread as a tilt to the left (a packet-loss gap
        // in it), a 5 s breather, then a longer step and four more to the right. The pause before the eighth step is 5 s
        // after the seventh, inside the set's rhythm; from the sixth it would be 6.3 s, where only a step just like the
        // others counts, and the eighth is 1.4× the others.
        var sequencer = new RepSequencer(new RepSettings(), new AlertLog(), ExerciseCatalog.All.First(p => p.Id == "banded-walk"));
        var sink = new RecordingSink();
        var standing = new Vec3(-0.26, 0, 0.97);
        var right = new Vec3(0, -1, 0);
        double t = 4;
        for (int i = 0; i < 6; i++, t += 1.3) sequencer.Add(Step(t, 4, right, standing), sink);
        sequencer.Add(Step(t, 4, -right, standing), sink);
        t += 0.95 + 5.0;
        sequencer.Add(Step(t, 5.5, right, standing), sink);
        for (int i = 0; i < 4; i++) sequencer.Add(Step(t += 1.3, 4, right, standing), sink);
        sequencer.Finish(sink);

        Assert.Equal(11, Assert.Single(sink.Sets).Reps);
    }

    [Fact]
    public void Keeps_the_first_side_steps_of_a_run_when_the_step_after_them_is_misread_as_the_other_side()
    {
        // Ten steps to the right; the third is misread as a tilt to the left (a packet-loss gap hid its tilt and showed
        // only its return). Right, right, left, right is not walking (gait changes side every step): the two steps
        // before the misread one are the set's first.
        var sequencer = new RepSequencer(new RepSettings(), new AlertLog(), ExerciseCatalog.All.First(p => p.Id == "banded-walk"));
        var sink = new RecordingSink();
        var standing = new Vec3(-0.26, 0, 0.97);
        var right = new Vec3(0, -1, 0);
        double t = 4;
        for (int i = 0; i < 10; i++, t += 1.3) sequencer.Add(Step(t, 4, i == 2 ? -right : right, standing), sink);
        sequencer.Finish(sink);

        var set = Assert.Single(sink.Sets);
        Assert.Equal(9, set.Reps);
        Assert.Equal(4, set.StartS, 0.01);
    }

    [Fact]
    public void Does_not_open_a_set_from_two_side_steps_then_walking()
    {
        // Two steps to the right, then walking: the pelvis drops to alternate sides every step. The step to the left after
        // the two is not misread when the steps after it keep changing side.
        var sequencer = new RepSequencer(new RepSettings(), new AlertLog(), ExerciseCatalog.All.First(p => p.Id == "banded-walk"));
        var sink = new RecordingSink();
        var standing = new Vec3(-0.26, 0, 0.97);
        var right = new Vec3(0, -1, 0);
        double t = 4;
        sequencer.Add(Step(t, 4, right, standing), sink);
        sequencer.Add(Step(t += 1.3, 4, right, standing), sink);
        for (int i = 0; i < 8; i++) sequencer.Add(Step(t += 1.3, 4, i % 2 == 0 ? -right : right, standing), sink);
        sequencer.Finish(sink);

        Assert.Empty(sink.Sets);
    }

    [Fact]
    public void Counts_a_later_clamshell_set_done_lying_differently_off_the_earlier_sets_axis()
    {
        // A set of ten clamshells; 40 s later the athlete lies more rolled (or the strap was re-seated): the next ten
        // clamshells agree with each other but move 32° off the first set's axis.
        var sequencer = new RepSequencer(new RepSettings(), new AlertLog(), ExerciseCatalog.All.First(p => p.Id == "clamshell"));
        var sink = new RecordingSink();
        var onLeftSide = new Vec3(0, -1, 0);
        var rep = new Vec3(0.97, 0.05, -0.24).Normalized();
        var rolled = AboutLeftAxis(rep, 32);
        Assert.InRange(Angle.RadToDeg(Math.Acos(Vec3.Dot(rolled, rep))), 31, 33);
        double t = 4;
        for (int i = 0; i < 10; i++, t += 2.6) sequencer.Add(Tilt(t, 4, rep, onLeftSide), sink);
        t += 40;
        for (int i = 0; i < 10; i++, t += 2.6) sequencer.Add(Tilt(t, 4, rolled, onLeftSide), sink);
        sequencer.Finish(sink);
        Assert.Equal([10, 10], sink.Sets.Select(s => s.Reps));
    }

    [Fact]
    public void Counts_every_clamshell_of_a_set_lying_differently_when_shifts_on_the_mat_began_its_run_off_the_earlier_axis()
    {
        // A set of ten clamshells; 40 s later the athlete lies more rolled, 32° off the first set's axis. Settling there
        // she shifts on the mat three times in the reps' rhythm (5°, 5° and 29° off the new axis), then does ten
        // clamshells. The run off the earlier axis is complete after two of them, and without the shifts (the third is
        // the odd one out) it is too short to open the set — but the two clamshells in it are still the start of a run
        // off that axis, which the next ones go on.
        var sequencer = new RepSequencer(new RepSettings(), new AlertLog(), ExerciseCatalog.All.First(p => p.Id == "clamshell"));
        var sink = new RecordingSink();
        var onLeftSide = new Vec3(0, -1, 0);
        var rep = new Vec3(0.97, 0.05, -0.24).Normalized();
        var rolled = AboutLeftAxis(rep, 32);
        double t = 4;
        for (int i = 0; i < 10; i++, t += 2.6) sequencer.Add(Tilt(t, 4, rep, onLeftSide), sink);
        t += 40;
        foreach (double offDeg in new[] { 5.0, 5.0, 29.0 }) { sequencer.Add(Tilt(t, 4, AboutLeftAxis(rolled, offDeg), onLeftSide), sink); t += 2.6; }
        double secondSetS = t;
        for (int i = 0; i < 10; i++, t += 2.6) sequencer.Add(Tilt(t, 4, rolled, onLeftSide), sink);
        sequencer.Finish(sink);
        Assert.Equal([10, 10], sink.Sets.Select(s => s.Reps));
        Assert.Equal(secondSetS, sink.Sets[1].StartS, 3);
    }

    [Fact]
    public void Does_not_open_a_clamshell_set_with_a_slow_shift_on_the_mat_held_seconds_before_it()
    {
        // Settling on the side before the set: the pelvis shifts along the reps' axis (10° off it) over 1.2 s, is held
        // there 2.2 s and comes back (4.5 s in all), and 5 s later ten clamshells follow in their rhythm (2.1 s each,
        // 0.5 s apart). The shift is slower than the reps and set apart from them by ten times their pauses.
        var sequencer = new RepSequencer(new RepSettings(), new AlertLog(), ExerciseCatalog.All.First(p => p.Id == "clamshell"));
        var sink = new RecordingSink();
        var onLeftSide = new Vec3(0, -1, 0);
        var rep = new Vec3(0.97, 0.05, -0.24).Normalized();
        sequencer.Add(new RepCandidate(new TempoPhases(4, 5.2, 7.4, 8.5, 4, 0, 0), 4, AboutLeftAxis(rep, 10), StartUp: onLeftSide), sink);
        double firstRepS = 13.5, t = firstRepS;
        for (int i = 0; i < 10; i++, t += 2.6) sequencer.Add(Tilt(t, 4, rep, onLeftSide), sink);
        sequencer.Finish(sink);
        var set = Assert.Single(sink.Sets);
        Assert.Equal(10, set.Reps);
        Assert.Equal(firstRepS, set.StartS, 3);
    }

    [Fact]
    public void Keeps_the_first_clamshell_of_a_set_when_a_breath_follows_it()
    {
        // The first clamshell in the set's tempo (2.1 s), a 4 s breath, then nine more 0.5 s apart: set apart like a
        // shift on the mat, but no slower than the reps, so it is one of them.
        var sequencer = new RepSequencer(new RepSettings(), new AlertLog(), ExerciseCatalog.All.First(p => p.Id == "clamshell"));
        var sink = new RecordingSink();
        var onLeftSide = new Vec3(0, -1, 0);
        var rep = new Vec3(0.97, 0.05, -0.24).Normalized();
        sequencer.Add(Tilt(4, 4, rep, onLeftSide), sink);
        double t = 4 + 2.1 + 4;
        for (int i = 0; i < 9; i++, t += 2.6) sequencer.Add(Tilt(t, 4, rep, onLeftSide), sink);
        sequencer.Finish(sink);
        var set = Assert.Single(sink.Sets);
        Assert.Equal(10, set.Reps);
        Assert.Equal(4, set.StartS, 3);
    }

    [Fact]
    public void Keeps_the_first_clamshells_of_a_set_when_a_packet_loss_gap_hid_the_rep_after_them()
    {
        // Three clamshells 3.3 s apart; a 2 s packet-loss gap then hides the fourth one's return (the detector drops it),
        // so the next one seen starts 6.6 s after the third ended — past the 6 s a starting run allows — and eight more
        // follow. The gap may hold the rep that was lost: the run goes on, and the three before it count.
        var sequencer = new RepSequencer(new RepSettings(), new AlertLog(), ExerciseCatalog.All.First(p => p.Id == "clamshell"));
        var sink = new RecordingSink();
        var onLeftSide = new Vec3(0, -1, 0);
        var rep = new Vec3(0.97, 0.05, -0.24).Normalized();
        double[] startsS = [4, 7.3, 10.6, 19.3, 22.6, 25.9, 29.2, 32.5, 35.8, 39.1, 42.4];
        double lostFromS = 16.3, lostToS = 18.3, nowS = 0;
        foreach (double startS in startsS)
        {
            for (; nowS < startS + 2.1; nowS += 0.1)
                if (nowS < lostFromS || nowS > lostToS) sequencer.Tick(nowS, sink);
            sequencer.Add(Tilt(startS, 4, rep, onLeftSide), sink);
        }
        sequencer.Finish(sink);
        var set = Assert.Single(sink.Sets);
        Assert.Equal(11, set.Reps);
        Assert.Equal(4, set.StartS, 3);
    }

    // A 0.95 s side step (0.4 s tilting away, 0.1 s at full tilt, 0.45 s back) starting at startS.
    private static RepCandidate Step(double startS, double amplitudeDeg, Vec3 direction, Vec3 startUp) =>
        new(new TempoPhases(startS, startS + 0.4, startS + 0.5, startS + 0.95, amplitudeDeg, 0, 0), amplitudeDeg, direction,
            StartUp: startUp);

    private static RepCandidate Tilt(double startS, double amplitudeDeg, Vec3 direction, Vec3 startUp) =>
        new(new TempoPhases(startS, startS + 0.7, startS + 1.4, startS + 2.1, amplitudeDeg, 0, 0), amplitudeDeg, direction,
            StartUp: startUp);

    // A 2.6 s rep (1.2 s down, 0.3 s pause, 1.1 s up) starting at startS.
    private static RepCandidate Candidate(double startS, double amplitudeDeg, double headingDeg) =>
        new(new TempoPhases(startS, startS + 1.2, startS + 1.5, startS + 2.6, amplitudeDeg, amplitudeDeg, 0),
            amplitudeDeg, new Vec3(-1, 0, 0), headingDeg);

    private static double Side(RepPlan plan, double t) =>
        (int)Math.Floor((t - plan.StartS) / plan.PeriodS) % 2 == 0 ? 1 : -1;
}
