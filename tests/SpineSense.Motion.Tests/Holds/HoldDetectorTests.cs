using SpineSense.Motion.Analysis;
using SpineSense.Motion.Geometry;
using SpineSense.Motion.Holds;
using SpineSense.Motion.Results;
using SpineSense.Motion.Tests.Support;

namespace SpineSense.Motion.Tests.Holds;

public class HoldDetectorTests
{
    // Lie down on the right side (3–5 s), lift into a side plank (hips up 0.3 m, trunk 10° more upright) over
    // 1.5 s from 8 s, hold until 30 s, lower over 1.5 s, rest on the side.
    private const double LiftS = 8, LowerS = 30, MoveS = 1.5, LiftM = 0.3;

    private static double Fraction(double t, double lowerMoveS, double liftS, double liftMoveS) =>
        MinJerk.Position((t - liftS) / liftMoveS) - MinJerk.Position((t - LowerS) / lowerMoveS);

    /// <summary>Vertical acceleration (g) of a minimum-jerk movement of <paramref name="heightM"/> starting at
    /// <paramref name="start"/>.</summary>
    private static double Accel(double t, double start, double moveS, double heightM = LiftM)
    {
        double u = (t - start) / moveS;
        if (u is <= 0 or >= 1) return 0;
        return heightM * (60 * u - 180 * u * u + 120 * u * u * u) / (moveS * moveS) / 9.80665;
    }

    private static List<Samples.ImuSample> SidePlank(double shakeDeg, double lowerMoveS = MoveS, double lowerTurnDeg = 10,
        double liftS = LiftS, double liftMoveS = MoveS, double liftTurnDeg = 10, double liftM = LiftM) =>
        SyntheticImu.Generate(40,
        t => (0, 80 * MinJerk.Position((t - 3) / 2) - liftTurnDeg * MinJerk.Position((t - liftS) / liftMoveS)
            + lowerTurnDeg * MinJerk.Position((t - LowerS) / lowerMoveS)
            + shakeDeg * Math.Sin(2 * Math.PI * 0.7 * t) * Fraction(t, lowerMoveS, liftS, liftMoveS), 0),
        new SensorModel(200, 10, -8, AccNoiseG: 0.004, GyroNoiseDps: 0.1),
        linearAccWorldG: t => new Vec3(0, 0, Accel(t, liftS, liftMoveS, liftM) - Accel(t, LowerS, lowerMoveS, liftM)));

    [Fact]
    public void Times_a_side_plank_from_settling_to_leaving_within_half_a_second()
    {
        var sink = RecordingSink.Run(AnalyzerSettings.For("side-plank"), SidePlank(shakeDeg: 1.0));
        var hold = Assert.Single(sink.Holds);
        double start = LiftS + (1 - MinJerk.TenPercentTau) * MoveS, end = LowerS + MinJerk.TenPercentTau * MoveS;
        Assert.Equal(start, hold.StartS, 0.5);
        Assert.Equal(end, hold.EndS, 0.5);
        // A 1° sinusoidal shake has an RMS of 0.71°.
        Assert.Equal(0.71, hold.SwayDeg, 0.3);
        Assert.Equal(hold.StartS, Assert.Single(sink.HoldStarts), 1e-9);
    }

    [Fact]
    public void A_lowering_slower_than_the_leave_speed_still_ends_the_hold_where_the_hips_went_down()
    {
        // 10° over 2.5 s peaks at 7.5 °/s: never above the 10 °/s leave speed, but the hips drop 0.3 m.
        const double lowerMoveS = 2.5;
        var sink = RecordingSink.Run(AnalyzerSettings.For("side-plank"), SidePlank(shakeDeg: 0.5, lowerMoveS));
        var hold = Assert.Single(sink.Holds);
        Assert.Equal(LowerS + MinJerk.TenPercentTau * lowerMoveS, hold.EndS, 0.5);
    }

    [Fact]
    public void Hips_dropping_with_almost_no_trunk_turn_end_the_hold_where_they_went_down()
    {
        // Lowering out of a side plank is mostly a translation: 0.3 m down in 1 s with the trunk turning only 3°
        // peaks at 5.6 °/s, below even the settle speed, so no angular-speed rule sees it; the vertical travel does.
        const double lowerMoveS = 1.0;
        var sink = RecordingSink.Run(AnalyzerSettings.For("side-plank"), SidePlank(shakeDeg: 0.3, lowerMoveS, lowerTurnDeg: 3));
        var hold = Assert.Single(sink.Holds);
        Assert.Equal(LowerS + MinJerk.TenPercentTau * lowerMoveS, hold.EndS, 0.5);
    }

    [Theory]
    [InlineData(9.5)]
    [InlineData(10.5)]
    [InlineData(11.5)]
    public void A_lift_slower_than_the_settle_speed_starts_the_hold_where_the_lift_ended(double liftS)
    {
        // Lifting the hips 0.3 m in 1 s while the trunk turns only 3° peaks at 5.6 °/s: the stillness that confirms the
        // hold may have begun before the lift, but the hold starts at its end.
        HoldStartingWhereTheLiftEnded(liftS, liftMoveS: 1.0, liftTurnDeg: 3);
    }

    [Theory]
    [InlineData(7.5)] // under way when the stillness since lying down (from 5 s) is judged "no lift" at 8 s
    [InlineData(9.0)] // inside the stillness that follows that judgement
    public void A_lift_that_never_breaks_the_stillness_starts_the_hold_where_it_ended(double liftS)
    {
        // Hips up 0.3 m in 1.5 s while the trunk turns 1°: 1.25 °/s at most, below even half the settle speed, so
        // there is no settling movement at all before the stillness; only the vertical travel shows the lift.
        var hold = HoldStartingWhereTheLiftEnded(liftS, liftMoveS: 1.5, liftTurnDeg: 1);
        Assert.Equal(LowerS + MinJerk.TenPercentTau * MoveS, hold.EndS, 0.5);
    }

    // The single hold of a side plank lifted into at liftS, asserted to start where the lift ended (its 10% point).
    private static HoldResult HoldStartingWhereTheLiftEnded(double liftS, double liftMoveS, double liftTurnDeg)
    {
        var sink = RecordingSink.Run(AnalyzerSettings.For("side-plank"),
            SidePlank(shakeDeg: 0.3, liftS: liftS, liftMoveS: liftMoveS, liftTurnDeg: liftTurnDeg));
        var hold = Assert.Single(sink.Holds);
        Assert.Equal(liftS + (1 - MinJerk.TenPercentTau) * liftMoveS, hold.StartS, 0.3);
        return hold;
    }

    [Fact]
    public void Shifting_on_the_floor_that_raises_the_sensor_6_cm_is_not_a_lift_into_a_side_plank()
    {
        // A side plank lifts the hips 15–35 cm; a shift of the pelvis while lying on the side moves the sensor a few
        // centimetres, and double integration around it reads up to ≈ 6 cm on noisy sensors.
        var samples = SidePlank(shakeDeg: 0.3, liftM: 0.06);
        var sink = RecordingSink.Run(AnalyzerSettings.For("side-plank"), samples);
        Assert.Empty(sink.Holds);
    }

    [Fact]
    public void Lying_down_inside_a_packet_loss_gap_is_still_lying_down_not_a_lift()
    {
        // Up onto the knees (hips 15 cm higher, trunk turning 8°), then down onto the side (hips 40 cm lower, trunk
        // rolled 80°) while the link drops 2.2 s of samples: the lowering is never seen, so the rise before it looks like
        // the last movement before the stillness. The orientation either side of the gap shows the roll.
        var samples = SyntheticImu.Generate(30,
            t => (0, 8 * MinJerk.Position((t - 3) / 1.5) + 80 * MinJerk.Position((t - 4.7) / 2), 0),
            new SensorModel(104, 10, -8, AccNoiseG: 0.004, GyroNoiseDps: 0.1),
            linearAccWorldG: t => new Vec3(0, 0, Accel(t, 3, 1.5, 0.15) + Accel(t, 4.7, 2, -0.4)),
            dropped: t => t is > 4.6 and < 6.8);
        var sink = RecordingSink.Run(AnalyzerSettings.For("side-plank"), samples);
        Assert.Empty(sink.Holds);
    }

    [Fact]
    public void Hips_lowered_inside_a_packet_loss_gap_end_the_hold_there_once_the_next_lift_shows_they_were_down()
    {
        // Two side planks (lift at 8 s and 45 s, lower at 30 s and 60 s, each over 1.5 s: hips 0.3 m, trunk 10°), shaking
        // 0.5° while up. The link drops 1.2 s inside the first plank, then the whole first lowering (29.8–32 s), then
        // 1 s while lying on the side: after the hidden lowering, lying still looks like holding on until the next lift.
        var sink = RecordingSink.Run(AnalyzerSettings.For("side-plank"), TwoPlanksLoweringInsideAGap());
        Assert.Equal(2, sink.Holds.Count);
        // Last seen holding at 29.8 s; the lowering began at 30 s.
        Assert.Equal(30, sink.Holds[0].EndS, 0.5);
        Assert.Equal(60 + MinJerk.TenPercentTau * MoveS, sink.Holds[1].EndS, 0.5);
        Assert.True(sink.Holds[0].EndS < sink.Holds[1].StartS);
    }

    [Theory]
    [InlineData(5)]
    [InlineData(3)]
    public void A_slow_lift_after_hips_lowered_inside_a_gap_still_ends_the_hold_there_and_starts_the_next(double secondTurnDeg)
    {
        // As above, but the second plank turns the trunk only 5° or 3° over 1.5 s (peak ≈ 6 or 4 °/s): never fast enough to
        // leave the hold by angular speed, so lying still after the hidden lowering must not run on into the second plank.
        var sink = RecordingSink.Run(AnalyzerSettings.For("side-plank"), TwoPlanksLoweringInsideAGap(secondTurnDeg));
        Assert.Equal(2, sink.Holds.Count);
        Assert.Equal(sink.Holds.Count, sink.HoldStarts.Count);
        Assert.Equal(30, sink.Holds[0].EndS, 0.5);
        // The second plank starts where its lift settled, and ends where its lowering began.
        Assert.Equal(45 + (1 - MinJerk.TenPercentTau) * MoveS, sink.Holds[1].StartS, 0.5);
        Assert.Equal(60 + MinJerk.TenPercentTau * MoveS, sink.Holds[1].EndS, 0.5);
    }

    [Fact]
    public void A_lift_hidden_inside_a_packet_loss_gap_is_a_hold_from_the_gap_once_the_hips_come_down()
    {
        // The link drops the whole lift into the plank (7.8–9.6 s; the lift is 8–9.5 s): no settling movement and no
        // vertical travel is seen, so the hold cannot be confirmed when it begins. Lowering the hips 0.3 m at 30 s can
        // only follow hips that were up: the hold ran from the first sample after the gap to the lowering.
        var sink = RecordingSink.Run(AnalyzerSettings.For("side-plank"), PlankLiftedInsideAGap());
        var hold = Assert.Single(sink.Holds);
        Assert.Equal(LiftS + (1 - MinJerk.TenPercentTau) * MoveS, hold.StartS, 0.5);
        Assert.Equal(LowerS + MinJerk.TenPercentTau * MoveS, hold.EndS, 0.5);
        Assert.Equal(hold.StartS, Assert.Single(sink.HoldStarts), 1e-9);
    }

    [Fact]
    public void Allocates_nothing_per_sample_while_judging_holds_across_packet_loss_gaps()
    {
        // The gap paths: scoring a hold's gaps, a hold held back until its leaving movement is judged, the watch after a
        // gap while not holding and the hold it reports.
        var settings = AnalyzerSettings.For("side-plank");
        foreach (var samples in new[] { TwoPlanksLoweringInsideAGap(), TwoPlanksLoweringInsideAGap(secondTurnDeg: 3), PlankLiftedInsideAGap() })
        {
            Assert.NotEmpty(RecordingSink.Run(settings, samples).Holds);
            Assert.Equal(0, AllocationMeter.Analyzing(settings, samples).OtherBytes);
        }
    }

    // Two side planks (lift at 8 s and 45 s, lower at 30 s and 60 s, each over 1.5 s), shaking 0.5° while up; the link
    // drops 18–19.2 s (inside the first plank), 29.8–32 s (the whole first lowering) and 38–39 s (lying on the side).
    // The second plank's lift and lowering turn the trunk secondTurnDeg.
    private static List<Samples.ImuSample> TwoPlanksLoweringInsideAGap(double secondTurnDeg = 10)
    {
        static double Up(double t, double s) => MinJerk.Position((t - s) / MoveS);
        static double Raised(double t) => Up(t, 8) - Up(t, 30) + Up(t, 45) - Up(t, 60);
        double Turned(double t) => 10 * (Up(t, 8) - Up(t, 30)) + secondTurnDeg * (Up(t, 45) - Up(t, 60));
        return SyntheticImu.Generate(70,
            t => (0, 80 * MinJerk.Position((t - 3) / 2) - Turned(t) + 0.5 * Math.Sin(2 * Math.PI * 0.7 * t) * Raised(t), 0),
            new SensorModel(52, 10, -8, AccNoiseG: 0.004, GyroNoiseDps: 0.1),
            linearAccWorldG: t => new Vec3(0, 0, Accel(t, 8, MoveS) - Accel(t, 30, MoveS) + Accel(t, 45, MoveS) - Accel(t, 60, MoveS)),
            dropped: t => t is > 18 and < 19.2 or > 29.8 and < 32 or > 38 and < 39);
    }

    // One side plank (lift at LiftS, lower at LowerS), shaking 0.5° while up; the link drops 7.8–9.6 s, the whole lift.
    private static List<Samples.ImuSample> PlankLiftedInsideAGap() =>
        SyntheticImu.Generate(40,
            t => (0, 80 * MinJerk.Position((t - 3) / 2) - 10 * Fraction(t, MoveS, LiftS, MoveS)
                + 0.5 * Math.Sin(2 * Math.PI * 0.7 * t) * Fraction(t, MoveS, LiftS, MoveS), 0),
            new SensorModel(52, 10, -8, AccNoiseG: 0.004, GyroNoiseDps: 0.1),
            linearAccWorldG: t => new Vec3(0, 0, Accel(t, LiftS, MoveS) - Accel(t, LowerS, MoveS)),
            dropped: t => t is > 7.8 and < 9.6);

    [Fact]
    public void Lying_still_on_the_side_is_not_a_hold()
    {
        var samples = SyntheticImu.Generate(30, t => (0, 80 * MinJerk.Position((t - 3) / 2), 0), new SensorModel(200));
        var sink = RecordingSink.Run(AnalyzerSettings.For("side-plank"), samples);
        Assert.Empty(sink.Holds);
    }

    [Theory]
    [InlineData(nameof(HoldSettings.SettleDps))]
    [InlineData(nameof(HoldSettings.LeaveDps))]
    [InlineData(nameof(HoldSettings.LeaveConfirmS))]
    [InlineData(nameof(HoldSettings.MinHoldS))]
    [InlineData(nameof(HoldSettings.MinHoldS) + " below the gap judgement")]
    [InlineData(nameof(HoldSettings.MaxSettleTurnDeg))]
    [InlineData(nameof(HoldSettings.MinInclinationDeg))]
    [InlineData(nameof(HoldSettings.MinDropM))]
    [InlineData(nameof(HoldSettings.MaxPostureShiftDeg))]
    public void Each_invalid_hold_setting_is_named_in_the_error(string name)
    {
        var bad = name switch
        {
            nameof(HoldSettings.SettleDps) => new HoldSettings(SettleDps: 0),
            nameof(HoldSettings.LeaveDps) => new HoldSettings(LeaveDps: 3),
            nameof(HoldSettings.LeaveConfirmS) => new HoldSettings(LeaveConfirmS: -1),
            nameof(HoldSettings.MinHoldS) => new HoldSettings(MinHoldS: 0),
            nameof(HoldSettings.MinHoldS) + " below the gap judgement" => new HoldSettings(MinHoldS: 0.3),
            nameof(HoldSettings.MaxSettleTurnDeg) => new HoldSettings(MaxSettleTurnDeg: 0),
            nameof(HoldSettings.MinInclinationDeg) => new HoldSettings(MinInclinationDeg: 30, MaxInclinationDeg: 20),
            nameof(HoldSettings.MinDropM) => new HoldSettings(MinDropM: -0.1),
            _ => new HoldSettings(MaxPostureShiftDeg: 0),
        };
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() =>
            new LumbarAnalyzer(AnalyzerSettings.For("side-plank") with { Holds = bad }));
        string param = name.Split(' ')[0];
        Assert.Equal(param, ex.ParamName);
        Assert.Contains(param, ex.Message);
    }
}
