using SpineSense.Motion.Exercises;
using SpineSense.Motion.Analysis;
using SpineSense.Motion.Geometry;
using SpineSense.Motion.Orientation;
using SpineSense.Motion.Results;
using SpineSense.Motion.Tests.Support;

namespace SpineSense.Motion.Tests.Analysis;

public class LumbarAnalyzerAlertTests
{
    // Lying down on the right side (rolled 80°), then pivoting on the floor about the vertical by 75° (the head ends up
    // pointing where the athlete faced). The trunk stays rolled 80° throughout; literal flexion_deg goes from 0 to ≈ 80°
    // only because the heading changed, exactly as it does when the estimated heading drifts.
    private static (double, double, double) LieDownThenPivot(double t, double pivotDeg)
    {
        double rollDeg = 80 * MinJerk.Position((t - 3) / 2);
        double headingRad = Angle.DegToRad(pivotDeg * MinJerk.Position((t - 8) / 3));
        var a = CardanAngles.FromRelative(Mat3.RotZ(headingRad) * CardanAngles.ToRelative(0, rollDeg, 0));
        return (a.FlexionDeg, a.LateralDeg, a.RotationDeg);
    }

    [Fact]
    public void Lying_on_the_side_raises_no_flexion_or_extension_alert_whatever_the_heading()
    {
        var samples = SyntheticImu.Generate(20, t => LieDownThenPivot(t, 75), new SensorModel(200, 10, -8));
        var sink = RecordingSink.Run(AnalyzerSettings.For("side-plank"), samples);
        // The literal angle did cross the 70° flexion limit: the alert is withheld, not missed.
        Assert.True(sink.Frames[^1].Angles.FlexionDeg > 75, $"flexion_deg ended at {sink.Frames[^1].Angles.FlexionDeg:F1}°");
        Assert.DoesNotContain(sink.Alerts, a => a.Kind is AlertKind.Flexion or AlertKind.Extension);
    }

    // Hinged at 30°, samples stop for 3 s and resume mid-way through a further 30° bend (about 56 deg/s) with a push
    // on the trunk for the first 0.15 s (|a| 1.06 g): the straight-line bridge makes up ~114° of flexion.
    private static (double, double, double) HingeThenBendInsideAGap(double t) =>
        (30 * MinJerk.Position(t - 5) + 30 * MinJerk.Position(t - 12.5), 0, 0);

    [Fact]
    public void An_angle_a_long_gap_made_up_raises_no_flexion_alert()
    {
        var samples = SyntheticImu.Generate(18, HingeThenBendInsideAGap, new SensorModel(100, 10, -8),
            linearAccWorldG: t => t is >= 12.99 and < 13.15 ? new Vec3(0.05, 0, 0.06) : Vec3.Zero,
            dropped: t => t is > 10.0 and < 12.99);
        var sink = RecordingSink.Run(AnalyzerSettings.For("romanian-deadlift"), samples);
        // The bridge did make the angle up (the guard is what keeps it from the 85° alarm, not a small error).
        var firstAfterGap = sink.Frames.First(f => f.TimeS > 12.9);
        Assert.True(firstAfterGap.Angles.FlexionDeg > 85, $"bridged flexion {firstAfterGap.Angles.FlexionDeg:F1}°");
        Assert.DoesNotContain(sink.Alerts, a => a.Kind is AlertKind.Flexion or AlertKind.Extension);
    }

    [Fact]
    public void A_real_bend_past_the_limit_inside_a_long_gap_is_alerted_once_gravity_confirms_it()
    {
        // 0 → 90° between 4 and 6 s, hidden by a gap from 4.5 to 5.9 s whose first samples carry a push: the
        // crossing of 70° is real, and the alert comes from the first trustworthy sample, not from the guess.
        var samples = SyntheticImu.Generate(10, t => (90 * MinJerk.Position((t - 4) / 2), 0, 0), new SensorModel(100, 10, -8),
            linearAccWorldG: t => t is >= 5.89 and < 6.0 ? new Vec3(0, 0, 0.2) : Vec3.Zero,
            dropped: t => t is > 4.5 and < 5.89);
        var sink = RecordingSink.Run(AnalyzerSettings.For("side-plank"), samples);
        var alert = Assert.Single(sink.Alerts, a => a.Kind == AlertKind.Flexion);
        Assert.InRange(alert.TimeS, 4.5, 6.05);
        Assert.InRange(alert.Value, 85, 95);
    }

    [Fact]
    public void A_forward_bend_past_the_limit_still_raises_a_flexion_alert_at_the_crossing()
    {
        // 0 → 90° over 2 s from 4 s: the 70° limit is crossed where the minimum-jerk position passes 7/9.
        var samples = SyntheticImu.Generate(10, t => (90 * MinJerk.Position((t - 4) / 2), 0, 0), new SensorModel(200, 10, -8));
        var sink = RecordingSink.Run(AnalyzerSettings.For("side-plank"), samples);
        var alert = Assert.Single(sink.Alerts, a => a.Kind == AlertKind.Flexion);
        double crossS = 4 + 2 * Bisect(u => MinJerk.Position(u) - 70.0 / 90);
        Assert.Equal(crossS, alert.TimeS, 0.05);
    }

    // Turns 120° to the left (5–7 s), back again (9–11 s) hidden by a packet-loss gap, then hinges 50° forward (14–16 s)
    // and comes back up (20–22 s). The gap's straight-line bridge cannot know the turn back, so the estimated heading
    // stays 120° off: the literal reading of a 50° hinge facing 120° away is −30.8°, an "extension".
    private static (double, double, double) TurnBackInsideAGapThenHinge(double t) =>
        (50 * (MinJerk.Position((t - 14) / 2) - MinJerk.Position((t - 20) / 2)), 0,
         120 * (MinJerk.Position((t - 5) / 2) - MinJerk.Position((t - 9) / 2)));

    [Fact]
    public void A_forward_hinge_read_as_extension_through_a_heading_error_raises_no_extension_alert()
    {
        var samples = SyntheticImu.Generate(26, TurnBackInsideAGapThenHinge, new SensorModel(100, 10, -8),
            dropped: t => t is > 8.9 and < 11.1);
        var sink = RecordingSink.Run(AnalyzerSettings.For("romanian-deadlift"), samples);
        // The heading error is real (the rule is what keeps it from the 20° extension alarm, not a small error).
        var bottom = sink.Frames.First(f => f.TimeS >= 17);
        Assert.True(bottom.Angles.FlexionDeg < -25, $"literal flexion at the bottom {bottom.Angles.FlexionDeg:F1}°");
        Assert.DoesNotContain(sink.Alerts, a => a.Kind is AlertKind.Flexion or AlertKind.Extension);
    }

    [Fact]
    public void A_lean_back_past_the_limit_with_side_bend_and_twist_still_raises_one_extension_alert()
    {
        // Leaning back 30° with 20° of side bend and 30° of twist (the combination that inclines the trunk least far back):
        // gravity sees the lean, so the over-arch is alerted, at the crossing of −20°.
        static (double, double, double) LeanBack(double t)
        {
            double u = MinJerk.Position((t - 4) / 2) - MinJerk.Position((t - 9) / 2);
            return (-30 * u, 20 * u, -30 * u);
        }
        var samples = SyntheticImu.Generate(12, LeanBack, new SensorModel(200, 10, -8));
        var sink = RecordingSink.Run(AnalyzerSettings.For("romanian-deadlift"), samples);
        var alert = Assert.Single(sink.Alerts, a => a.Kind == AlertKind.Extension);
        double crossS = 4 + 2 * Bisect(u => MinJerk.Position(u) - 20.0 / 30);
        Assert.Equal(crossS, alert.TimeS, 0.05);
        Assert.InRange(alert.Value, 29, 31);
    }

    [Fact]
    public void On_the_bench_a_drop_below_a_negative_extension_limit_is_still_alerted()
    {
        // Back extension on a 45° bench with --max-extension-deg −20: the trunk is still inclined forward (+10°) when it
        // goes past "the line of the legs" (+20°), and that is the alert, although the trunk leans forward.
        static (double, double, double) Bench(double t) =>
            (45 * MinJerk.Position((t - 3) / 2) - 35 * (MinJerk.Position((t - 8) / 1.5) - MinJerk.Position((t - 11) / 1.5)), 0, 0);
        var samples = SyntheticImu.Generate(15, Bench, new SensorModel(200, 10, -8));
        var sink = RecordingSink.Run(AnalyzerSettings.For("back-extension", new SafetyLimits(MaxExtensionDeg: -20)), samples);
        var alert = Assert.Single(sink.Alerts, a => a.Kind == AlertKind.Extension);
        Assert.InRange(alert.Value, -11, -9);
    }

    [Fact]
    public void On_the_bench_facing_away_from_the_calibration_the_literal_angle_under_a_negative_limit_is_alerted_once()
    {
        // Turned 67° from where they calibrated, then inclined 45° on the bench and lowered to 40° (10–11 s), held 10 s:
        // literal flexion 21.3° → 18.2°, past "the line of the legs" (extension limit −20: below +20°), although the trunk
        // stays inclined 40° forward. With a negative limit the literal angle is the truth, not a heading artefact.
        static (double, double, double) FacingAwayOnTheBench(double t)
        {
            double inclineDeg = 45 * MinJerk.Position((t - 6) / 2) - 5 * MinJerk.Position(t - 10) + 5 * MinJerk.Position(t - 21);
            var a = CardanAngles.FromRelative(Mat3.RotZ(Angle.DegToRad(67 * MinJerk.Position((t - 3) / 2)))
                * CardanAngles.ToRelative(inclineDeg, 0, 0));
            return (a.FlexionDeg, a.LateralDeg, a.RotationDeg);
        }
        var samples = SyntheticImu.Generate(25, FacingAwayOnTheBench, new SensorModel(200, 10, -8));
        var sink = RecordingSink.Run(AnalyzerSettings.For("back-extension", new SafetyLimits(MaxExtensionDeg: -20)), samples);
        var alert = Assert.Single(sink.Alerts, a => a.Kind == AlertKind.Extension);
        Assert.InRange(alert.TimeS, 10, 11);
        Assert.InRange(alert.Value, -19, -17.5);
    }

    private static double Bisect(Func<double, double> f)
    {
        double lo = 0, hi = 1;
        for (int i = 0; i < 50; i++)
        {
            double mid = 0.5 * (lo + hi);
            if (f(mid) < 0) lo = mid; else hi = mid;
        }
        return 0.5 * (lo + hi);
    }
}
