using SpineSense.Motion.Results;
using SpineSense.Motion.Analysis;
using SpineSense.Motion.Tests.Support;

namespace SpineSense.Motion.Tests.Orientation;

public class AttitudeFilterTests
{
    private static double MaxError(RecordingSink sink, AngleFunction truth, int component)
    {
        double worst = 0;
        foreach (var f in sink.Frames)
        {
            var t = truth(f.TimeS);
            double expected = component switch { 0 => t.FlexionDeg, 1 => t.LateralDeg, _ => t.RotationDeg };
            double actual = component switch { 0 => f.Angles.FlexionDeg, 1 => f.Angles.LateralDeg, _ => f.Angles.RotationDeg };
            worst = Math.Max(worst, Math.Abs(actual - expected));
        }
        return worst;
    }

    [Theory]
    [InlineData(52, 0, 0)]
    [InlineData(200, 25, 20)]
    [InlineData(833, -25, -20)]
    public void Tracks_fast_hinges_within_a_degree_at_any_rate_and_mounting(double rateHz, double rollDeg, double tiltDeg)
    {
        // 60° hinges in 0.8 s down and up: ~140 deg/s peaks.
        var plan = new RepPlan(3, 5, 0.8, 0.2, 0.8, 0.5, 60);
        AngleFunction truth = t => (plan.Excursion(t), 0, 0);
        var samples = SyntheticImu.Generate(plan.EndS + 2, truth, new SensorModel(rateHz, rollDeg, tiltDeg, GyroBiasDps: 0.8));
        var sink = RecordingSink.Run(AnalyzerSettings.For("romanian-deadlift"), samples);
        Assert.Equal(samples.Count, sink.Frames.Count);
        Assert.True(MaxError(sink, truth, 0) < 1.0, $"flexion error {MaxError(sink, truth, 0):F2}°");
        Assert.True(MaxError(sink, truth, 1) < 1.0, $"lateral error {MaxError(sink, truth, 1):F2}°");
    }

    [Fact]
    public void Lying_down_supine_reads_minus_ninety()
    {
        AngleFunction truth = t => (-90 * MinJerk.Position((t - 3) / 2.0), 0, 0);
        var samples = SyntheticImu.Generate(10, truth, new SensorModel(100, 10, -10));
        var sink = RecordingSink.Run(AnalyzerSettings.For("glute-bridge"), samples);
        Assert.Equal(-90, sink.Frames[^1].Angles.FlexionDeg, 0.5);
    }

    [Fact]
    public void Lateral_bend_and_turn_have_the_contract_signs()
    {
        AngleFunction truth = t => (0, 20 * MinJerk.Position((t - 3) / 1.0), 30 * MinJerk.Position((t - 5) / 1.0));
        var samples = SyntheticImu.Generate(8, truth, new SensorModel(200, -15, 12));
        var sink = RecordingSink.Run(AnalyzerSettings.For("hip-hinge-drill"), samples);
        Assert.Equal(20, sink.Frames[^1].Angles.LateralDeg, 0.5);
        Assert.Equal(30, sink.Frames[^1].Angles.RotationDeg, 0.5);
    }

    [Fact]
    public void Ignores_a_landing_spike_in_the_accelerometer()
    {
        // Standing still at 30° flexion while a 4 g landing and 0.3 s of free fall hit the accelerometer.
        AngleFunction truth = _ => (0, 0, 0);
        var samples = SyntheticImu.Generate(10, truth, new SensorModel(200), linearAccWorldG: t =>
            t is > 5 and < 5.3 ? new Geometry.Vec3(0, 0, -1) : t is >= 5.3 and < 5.38 ? new Geometry.Vec3(1.0, 0, 3) : default);
        var sink = RecordingSink.Run(AnalyzerSettings.For("hip-hinge-drill"), samples);
        Assert.True(MaxError(sink, truth, 0) < 0.5, $"flexion error {MaxError(sink, truth, 0):F2}°");
    }

    [Fact]
    public void Keeps_tracking_gyro_bias_that_drifts_after_calibration()
    {
        // Warm-up drift: the bias grows by 0.3 deg/s on every axis over two minutes after calibration, then stays.
        AngleFunction truth = _ => (0, 0, 0);
        var clean = SyntheticImu.Generate(300, truth, new SensorModel(100));
        static double Drift(double t) => 0.3 * Math.Clamp((t - 3) / 120, 0, 1);
        var biased = clean.Select(s => s with { GyrXDps = s.GyrXDps + Drift(s.TimeS), GyrYDps = s.GyrYDps + Drift(s.TimeS), GyrZDps = s.GyrZDps + Drift(s.TimeS) }).ToList();
        var analyzer = new LumbarAnalyzer(AnalyzerSettings.For("hip-hinge-drill"));
        var sink = new RecordingSink();
        foreach (var s in biased) analyzer.Process(s, sink);
        Assert.Equal(0.3, analyzer.GyroBiasDps.X, 0.02);
        Assert.Equal(0.3, analyzer.GyroBiasDps.Z, 0.02);
        // Untracked, 0.3 deg/s would have turned the heading by about 70°.
        Assert.True(Math.Abs(sink.Frames[^1].Angles.RotationDeg) < 10, $"heading drift {sink.Frames[^1].Angles.RotationDeg:F1}°");
        Assert.True(Math.Abs(sink.Frames[^1].Angles.FlexionDeg) < 0.5, $"flexion {sink.Frames[^1].Angles.FlexionDeg:F2}°");
    }

    [Fact]
    public void Postural_sway_while_standing_does_not_leak_into_the_gyro_bias_about_horizontal_axes()
    {
        // Quiet standing with slow sway (1° at 0.05 Hz forward–back, 0.7° at 0.08 Hz sideways): a mean-rate estimate
        // with a 10 s time constant keeps ~0.1 deg/s of the sway's rate as "bias"; the gravity reference sees the sway.
        const double biasDps = 0.8; // SyntheticImu adds (b, −0.5 b, 0.7 b) on the sensor axes
        AngleFunction truth = t => (Math.Sin(2 * Math.PI * 0.05 * t), 0.7 * Math.Sin(2 * Math.PI * 0.08 * t + 1), 0);
        var samples = SyntheticImu.Generate(90, truth, new SensorModel(100, GyroBiasDps: biasDps));
        var analyzer = new LumbarAnalyzer(AnalyzerSettings.For("hip-hinge-drill"));
        var sink = new RecordingSink();
        double worstDps = 0;
        foreach (var s in samples)
        {
            analyzer.Process(s, sink);
            if (s.TimeS < 40) continue;
            // Nominal mounting: sensor y is up, so x and z are the horizontal axes.
            worstDps = Math.Max(worstDps, Math.Max(Math.Abs(analyzer.GyroBiasDps.X - biasDps), Math.Abs(analyzer.GyroBiasDps.Z - 0.7 * biasDps)));
        }
        Assert.True(worstDps < 0.03, $"horizontal bias error up to {worstDps:F3} deg/s");
    }

    [Fact]
    public void Learns_the_bias_of_the_standing_vertical_axis_once_it_is_horizontal()
    {
        // The calibration window's bias is wrong by 0.5 deg/s about the superior axis (sensor y) and nothing while
        // standing can tell. Lying supine makes that axis horizontal, where gravity sees the drift: after 40 s
        // on the back the estimate is right, so heading stays put when the athlete lies there longer.
        AngleFunction truth = t => (-90 * MinJerk.Position((t - 5) / 2.0), 0, 0);
        var clean = SyntheticImu.Generate(100, truth, new SensorModel(100));
        // Bias appears after calibration (warm-up step) on sensor y only.
        var biased = clean.Select(s => s with { GyrYDps = s.GyrYDps + (s.TimeS > 3 ? 0.5 : 0) }).ToList();
        var analyzer = new LumbarAnalyzer(AnalyzerSettings.For("glute-bridge"));
        var sink = new RecordingSink();
        foreach (var s in biased) analyzer.Process(s, sink);
        Assert.Equal(0.5, analyzer.GyroBiasDps.Y, 0.02);
        Assert.Equal(-90, sink.Frames[^1].Angles.FlexionDeg, 0.5);
    }

    [Fact]
    public void Gravity_holds_the_tilt_when_lying_on_the_side_where_the_accelerometer_reads_0_89_g()
    {
        // Offset and sensitivity errors of the sensor axis that is vertical when lying on the side make |a| read 0.89 g
        // there (1 g while standing, where that axis is horizontal); modelled as the reading shrinking along gravity as
        // the athlete lies down, so the direction stays true. A gyro bias about a horizontal axis appears after
        // calibration. The side-lying tilt must still be held by gravity: judged against the standing 1 g, |a| looked
        // like movement for the whole minute, the gravity correction was off and the bias tilted the segment by ~25°.
        AngleFunction truth = t => (0, 80 * MinJerk.Position((t - 5) / 2.0), 0);
        var clean = SyntheticImu.Generate(60, truth, new SensorModel(100, 12, -8));
        var sensor = clean.Select(s =>
        {
            double gain = 1 - 0.11 * MinJerk.Position((s.TimeS - 5) / 2.0);
            return s with { AccXG = gain * s.AccXG, AccYG = gain * s.AccYG, AccZG = gain * s.AccZG, GyrZDps = s.GyrZDps + (s.TimeS > 3 ? 0.5 : 0) };
        }).ToList();
        var sink = RecordingSink.Run(AnalyzerSettings.For("side-plank"), sensor);
        Assert.Equal(80, sink.Frames[^1].Angles.LateralDeg, 1.5);
        // 2.5°, not 2°: a shrink of the whole vector is no error a real sensor has; the offset and sensitivity fit reads a
        // share of it as sensitivity of the vertical axis, which turns the direction by ~0.3°, and at 80° of lateral bend
        // flexion is near the decomposition's gimbal lock (1.96° → 2.05°). Without gravity holding the tilt it was ~25°.
        Assert.True(Math.Abs(sink.Frames[^1].Angles.FlexionDeg) < 2.5, $"flexion {sink.Frames[^1].Angles.FlexionDeg:F1}°");
    }

    // Stands (calibration), lies supine at 5 s, stands up at 25 s, lies down again at 35 s.
    private static (double, double, double) SupineStandSupine(double t) =>
        (-90 * MinJerk.Position((t - 5) / 2.0) + 90 * MinJerk.Position((t - 25) / 2.0) - 90 * MinJerk.Position((t - 35) / 2.0), 0, 0);

    private static double MeanFlexion(RecordingSink sink, double fromS, double toS) =>
        sink.Frames.Where(f => f.TimeS >= fromS && f.TimeS < toS).Average(f => f.Angles.FlexionDeg);

    [Fact]
    public void An_accelerometer_offset_is_learnt_from_still_postures_so_neither_the_neutral_nor_lying_supine_is_tilted_by_it()
    {
        // A zero-g offset of 0.04 g on the sensor axis that is vertical while standing (y) and −0.05 g on the one that
        // points backwards (z), within consumer datasheets. Read raw, the z offset tilts the calibrated neutral by 2.9°
        // and the y offset tilts gravity lying supine by 2.3° the same way: supine read ~−95°. Standing shows the y offset
        // as |a| = 1.04 g, lying supine the z offset as |a| = 1.05 g; once both are learnt, the neutral is re-taken while
        // the athlete gets up, and the second lie-down reads true (standing reads 0 either way: it is the calibration).
        // An axis seen only one way up cannot tell its offset from its sensitivity error (both add to |a| alike), so the
        // fit learns the share datasheet spreads give the offset (4/5 of the variance) and the rest as sensitivity: the
        // supine error shrinks from ~5° to ~1°, not to 0 (1.2° here; the offset-only fit reached 0.5° on this pure
        // offset, but read every sensitivity error as offset too).
        var clean = SyntheticImu.Generate(50, SupineStandSupine, new SensorModel(200));
        var offset = clean.Select(s => s with { AccYG = s.AccYG + 0.04, AccZG = s.AccZG - 0.05 }).ToList();
        var sink = RecordingSink.Run(AnalyzerSettings.For("glute-bridge"), offset);
        Assert.Equal(0, MeanFlexion(sink, 30, 34), 0.5);
        Assert.Equal(-90, MeanFlexion(sink, 45, 50), 1.2);
    }

    private static double MeanLateral(RecordingSink sink, double fromS, double toS) =>
        sink.Frames.Where(f => f.TimeS >= fromS && f.TimeS < toS).Average(f => f.Angles.LateralDeg);

    [Fact]
    public void A_sensitivity_error_seen_lying_on_both_sides_is_learnt_as_sensitivity_so_the_side_reads_true()
    {
        // The sensor's left-right axis (x) reads 3 % high, within consumer datasheets: |a| = 1.03 g lying on either side.
        // Read as an offset (the former offset-only fit), it flipped to ±0.03 g with whichever side was seen last, and an
        // offset across the standing vertical tilts the re-taken neutral by 1.7°, so lying on the side read 80 ± 1.7°.
        // An axis seen pointing up and then down tells the two apart (a sensitivity error reads the same excess both
        // ways, an offset the opposite), so the fit learns 3 % and no offset: side, stand, other side, stand, side again.
        AngleFunction truth = t => (0,
            80 * (MinJerk.Position((t - 5) / 2.0) - MinJerk.Position((t - 15) / 2.0))
            - 80 * (MinJerk.Position((t - 20) / 2.0) - MinJerk.Position((t - 30) / 2.0))
            + 80 * MinJerk.Position((t - 35) / 2.0), 0);
        var clean = SyntheticImu.Generate(45, truth, new SensorModel(200));
        var sensor = clean.Select(s => s with { AccXG = 1.03 * s.AccXG }).ToList();
        var sink = RecordingSink.Run(AnalyzerSettings.For("side-plank"), sensor);
        Assert.Equal(80, MeanLateral(sink, 41, 45), 0.5);
    }

    [Fact]
    public void The_neutral_is_re_taken_from_a_learnt_offset_only_while_the_segment_turns()
    {
        // Calibrated standing with |a| = 1 g; lying supine the anterior axis (sensor x here) reads 0.95 g: a −0.05 g
        // offset, which also tilted the calibrated neutral by 2.9°. Turning the neutral while the athlete lies still
        // would move the angle by 2.9° with nothing moving, which rep detection reads as movement; so the frame waits
        // for the segment's next turn (getting up) and takes the re-take along with it.
        var cal = new SpineSense.Motion.Calibration.NeutralCalibration(SpineSense.Motion.Geometry.Mat3.Identity, default, 1.0, 100, 0);
        var filter = new SpineSense.Motion.Orientation.AttitudeFilter(cal);
        var offset = new Geometry.Vec3(-0.05, 0, 0);
        double t = 0;
        for (; t < 3; t += 0.01) filter.Update(t, new Geometry.Vec3(0, 0, 1) + offset, default);
        for (; t < 20; t += 0.01) filter.Update(t, new Geometry.Vec3(1, 0, 0) + offset, default); // supine, lying still
        Assert.Equal(SpineSense.Motion.Geometry.Mat3.Identity, filter.SensorFromAnatomical);
        // Getting up: flexion −90° → 0° at 60 deg/s about the left axis.
        for (double end = t + 1.5; t < end; t += 0.01)
        {
            double flexRad = Geometry.Angle.DegToRad(-90 + 60 * (t - (end - 1.5)));
            filter.Update(t, new Geometry.Vec3(-Math.Sin(flexRad), 0, Math.Cos(flexRad)) + offset, new Geometry.Vec3(0, 60, 0));
        }
        var superior = filter.SensorFromAnatomical * new Geometry.Vec3(0, 0, 1);
        // The calibration's reading without the learnt offset and sensitivity error: the neutral the fit implies (most
        // of the way to the true (0.05, 0, 1): one posture cannot tell a pure offset from a sensitivity error).
        Geometry.Vec3 b = filter.AccOffsetG, s = filter.AccScaleError;
        var impliedUp = new Geometry.Vec3(-b.X / (1 + s.X), -b.Y / (1 + s.Y), (1 - b.Z) / (1 + s.Z)).Normalized();
        double errorDeg = Geometry.Angle.RadToDeg(Math.Asin(Math.Min(1, Geometry.Vec3.Cross(superior, impliedUp).Norm)));
        Assert.True(errorDeg < 0.3, $"neutral superior axis {errorDeg:F2}° off the vertical the learnt offset implies");
        var trueUp = new Geometry.Vec3(0.05, 0, 1).Normalized();
        double trueErrorDeg = Geometry.Angle.RadToDeg(Math.Asin(Math.Min(1, Geometry.Vec3.Cross(superior, trueUp).Norm)));
        Assert.True(trueErrorDeg < 1.0, $"neutral superior axis {trueErrorDeg:F2}° off the true standing vertical (2.9° raw)");
    }

    [Fact]
    public void A_posture_change_inside_a_gap_is_corrected_as_tilt_not_learnt_as_bias()
    {
        // Samples stop for 3 s while the athlete bends to 60° and resume with them holding it: the filter wakes up
        // 60° off in tilt. Gravity must pull that back as tilt; read as a gyro bias it would leave the segment
        // reading ~10° bent after standing up again.
        AngleFunction truth = t => (60 * MinJerk.Position((t - 5) / 1.5) - 60 * MinJerk.Position((t - 20) / 1.5), 0, 0);
        var samples = SyntheticImu.Generate(30, truth, new SensorModel(200, 10, -8, GyroBiasDps: 0.6), dropped: t => t is > 4.5 and < 7.5);
        var analyzer = new LumbarAnalyzer(AnalyzerSettings.For("romanian-deadlift"));
        var sink = new RecordingSink();
        foreach (var s in samples) analyzer.Process(s, sink);
        Assert.InRange(sink.Frames[^1].Angles.FlexionDeg, -1.0, 1.0);
        var trueBias = new Geometry.Vec3(0.6, -0.3, 0.42); // SyntheticImu's (b, −0.5 b, 0.7 b)
        Assert.True((analyzer.GyroBiasDps - trueBias).Norm < 0.1, $"bias off by {(analyzer.GyroBiasDps - trueBias).Norm:F2} deg/s");
    }

    [Fact]
    public void A_long_gap_that_hides_a_movement_does_not_invent_an_over_arch()
    {
        // Samples stop mid-way up from a 60° hinge (about −75 deg/s) and resume 2.5 s later with the athlete standing
        // still: the straight-line bridge between the end rates turns the segment ~90° backwards, a made-up extension
        // far past the 20° limit. The first samples after the gap must read the tilt from gravity instead.
        AngleFunction truth = t => (60 * MinJerk.Position((t - 5) / 1.5) - 60 * MinJerk.Position((t - 8) / 1.5), 0, 0);
        var samples = SyntheticImu.Generate(14, truth, new SensorModel(100, 5, -4), dropped: t => t is > 8.75 and < 11.25);
        var analyzer = new LumbarAnalyzer(AnalyzerSettings.For("romanian-deadlift"));
        var sink = new RecordingSink();
        foreach (var s in samples) analyzer.Process(s, sink);
        var first = sink.Frames.First(f => f.TimeS > 11.25);
        Assert.InRange(first.Angles.FlexionDeg, -3.0, 3.0);
        Assert.DoesNotContain(sink.Alerts, a => a.Kind == AlertKind.Extension);
    }

    // Reclined 42° (a Russian twist's seat), twisting ±45° about the trunk's long axis every 2 s (~140 deg/s); samples
    // stop at full speed through the middle (t = 12) and resume 1.5 s later at the far reversal. The bridge between the
    // edge rates turns the trunk ~150° the wrong way about its long axis.
    private static (double, double, double) TwistWhileReclined(double t) =>
        (-42 * MinJerk.Position((t - 3) / 1.5), 0, t < 6 ? 0 : 45 * Math.Sin(Math.PI * (t - 6)));

    [Fact]
    public void A_twist_lost_in_a_long_gap_is_retaken_about_the_trunk_axis_so_heading_flexion_and_lateral_stay_right()
    {
        var samples = SyntheticImu.Generate(20, TwistWhileReclined, new SensorModel(100, 12, -9),
            dropped: t => t is > 12.0 and < 13.5);
        var sink = RecordingSink.Run(AnalyzerSettings.For("dead-bug"), samples);
        // Before: the tilt was re-taken by the shortest turn to gravity, which left the twist's error in the heading:
        // flexion read about +25° instead of −42°, lateral 30°, rotation 140° off, for the rest of the recording.
        foreach (var f in sink.Frames.Where(f => f.TimeS is > 13.6 and < 20))
        {
            var (flexion, lateral, rotation) = TwistWhileReclined(f.TimeS);
            Assert.True(Math.Abs(f.Angles.FlexionDeg - flexion) < 3 && Math.Abs(f.Angles.LateralDeg - lateral) < 3
                        && Math.Abs(f.Angles.RotationDeg - rotation) < 3,
                $"at {f.TimeS:F2} s read {f.Angles}, true ({flexion:F1}, {lateral:F1}, {rotation:F1})");
        }
    }

    // Hinged at 30°, then samples stop for 3 s and resume mid-way through a further 30° bend (about 56 deg/s), the
    // first 0.15 s with a push on the trunk (|a| 1.06 g, off the rest reading by more than the first-sample gate).
    // The straight-line bridge from 0 to 56 deg/s adds ~84° of made-up flexion (≈ 114° against a true ≈ 45°).
    private static (double, double, double) HingeThenBendInsideAGap(double t) =>
        (30 * MinJerk.Position(t - 5) + 30 * MinJerk.Position(t - 12.5), 0, 0);

    private static List<SpineSense.Motion.Samples.ImuSample> BendEndingInsideAGapWithAPush() =>
        SyntheticImu.Generate(18, HingeThenBendInsideAGap, new SensorModel(100, 10, -8),
            linearAccWorldG: t => t is >= 12.99 and < 13.15 ? new Geometry.Vec3(0.05, 0, 0.06) : Geometry.Vec3.Zero,
            dropped: t => t is > 10.0 and < 12.99);

    [Fact]
    public void After_a_long_gap_whose_first_samples_are_pushed_the_tilt_is_retaken_at_the_first_trustworthy_sample()
    {
        var sink = RecordingSink.Run(AnalyzerSettings.For("romanian-deadlift"), BendEndingInsideAGapWithAPush());
        // From the first unpushed sample on, flexion is gravity's, not the bridge's (before: ~50° off for a second,
        // and still several degrees off seconds later under the slow moving gain).
        foreach (var f in sink.Frames.Where(f => f.TimeS is > 13.15 and < 16))
            Assert.True(Math.Abs(f.Angles.FlexionDeg - HingeThenBendInsideAGap(f.TimeS).Item1) < 3,
                $"flexion {f.Angles.FlexionDeg:F1}° at {f.TimeS:F2} s, true {HingeThenBendInsideAGap(f.TimeS).Item1:F1}°");
    }

    // A filter mounted as intended (sensor frame = anatomical frame) after 3 s of standing still and upright at 100 Hz;
    // the time of its next sample.
    private static (SpineSense.Motion.Orientation.AttitudeFilter Filter, double TimeS) AfterStandingStill()
    {
        var cal = new SpineSense.Motion.Calibration.NeutralCalibration(SpineSense.Motion.Geometry.Mat3.Identity, default, 1.0, 100, 0);
        var filter = new SpineSense.Motion.Orientation.AttitudeFilter(cal);
        double t = 0;
        for (; t < 3; t += 0.01) filter.Update(t, new Geometry.Vec3(0, 0, 1), default);
        return (filter, t);
    }

    [Fact]
    public void The_tilt_is_a_guess_from_a_long_gap_until_a_trustworthy_sample_and_at_most_for_the_retake_window()
    {
        var (filter, t) = AfterStandingStill();
        var still = new Geometry.Vec3(0, 0, 1);
        Assert.False(filter.TiltIsGuess);
        // A 1 s gap, then 3 s of a hard shake (|a| 1.3 g): nothing to re-take the tilt from.
        t += 1.0;
        double gapEndS = t;
        var shaken = new Geometry.Vec3(0, 0, 1.3);
        for (; t < gapEndS + 3; t += 0.01)
        {
            filter.Update(t, shaken, default);
            double sinceGapS = t - gapEndS;
            if (sinceGapS < 1.9) Assert.True(filter.TiltIsGuess, $"a guess {sinceGapS:F2} s after the gap");
            if (sinceGapS > 2.1) Assert.False(filter.TiltIsGuess, $"the window has passed {sinceGapS:F2} s after the gap");
        }
        // Another gap, then a trustworthy sample: the guess ends on it.
        t += 1.0;
        filter.Update(t, still, default);
        Assert.False(filter.TiltIsGuess);
    }

    [Fact]
    public void A_pushed_sample_at_a_reversal_right_after_a_long_gap_is_not_taken_for_gravity()
    {
        // Upright and still, a 1.5 s gap, then 0.1 s of a rep's reversal: no rotation but 0.3 g forward and 0.15 g up
        // of push (|a| 1.19 g), then still again. The segment never tilted, so no sample may tilt the estimate. Before,
        // the first sample after the gap became its own |a| mean and rest reading, passed as still gravity, and the
        // tilt was re-taken from it (about 15° of flexion).
        var (filter, t) = AfterStandingStill();
        var still = new Geometry.Vec3(0, 0, 1);
        t += 1.5;
        double gapEndS = t;
        for (; t < gapEndS + 1.0; t += 0.01)
        {
            filter.Update(t, t < gapEndS + 0.1 ? new Geometry.Vec3(0.3, 0, 1.15) : still, default);
            var angles = SpineSense.Motion.Orientation.CardanAngles.FromRelative(filter.Orientation.ToMatrix());
            Assert.True(Math.Abs(angles.FlexionDeg) < 3, $"flexion {angles.FlexionDeg:F1}° {t - gapEndS:F2} s after the gap");
        }
    }

    [Fact]
    public void Resetting_the_heading_keeps_the_tilt_and_zeroes_the_facing()
    {
        // Turn 40° to the left, then flex 50° forward (gyro-driven; the accelerometer reads the matching gravity).
        var cal = new SpineSense.Motion.Calibration.NeutralCalibration(SpineSense.Motion.Geometry.Mat3.Identity, default, 1.0, 200, 0);
        var filter = new SpineSense.Motion.Orientation.AttitudeFilter(cal);
        double t = 0;
        for (int i = 0; i <= 200; i++, t += 0.005) filter.Update(t, new Geometry.Vec3(0, 0, 1), new Geometry.Vec3(0, 0, 40));
        for (int i = 1; i <= 200; i++, t += 0.005)
        {
            double thetaRad = 50 * Math.PI / 180 * i / 200;
            filter.Update(t, new Geometry.Vec3(-Math.Sin(thetaRad), 0, Math.Cos(thetaRad)), new Geometry.Vec3(0, 50, 0));
        }
        var before = SpineSense.Motion.Orientation.CardanAngles.FromRelative(filter.Orientation.ToMatrix());
        Assert.True(Math.Abs(before.RotationDeg) > 20, $"the turn should show before the reset (rotation {before.RotationDeg:F1}°)");

        filter.ResetHeading();
        var after = SpineSense.Motion.Orientation.CardanAngles.FromRelative(filter.Orientation.ToMatrix());
        Assert.Equal(50, after.FlexionDeg, 1.0);
        Assert.Equal(0, after.LateralDeg, 1.0);
        Assert.Equal(0, after.RotationDeg, 1.0);
        // Tilt is untouched: world up seen from the body is the same before and after.
        var upBefore = new Geometry.Vec3(-Math.Sin(50 * Math.PI / 180), 0, Math.Cos(50 * Math.PI / 180));
        Assert.True((filter.Orientation.UpInBody() - upBefore).Norm < 0.02);
    }
}
