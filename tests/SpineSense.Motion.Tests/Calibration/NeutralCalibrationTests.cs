using SpineSense.Motion.Calibration;
using SpineSense.Motion.Geometry;
using SpineSense.Motion.Samples;

namespace SpineSense.Motion.Tests.Calibration;

public class NeutralCalibrationTests
{
    [Fact]
    public void Nominal_mounting_gives_anterior_minus_z_left_minus_x_superior_plus_y()
    {
        Mat3 m = NeutralCalibration.FrameFromGravity(new Vec3(0, 1, 0));
        Assert.Equal(new Vec3(0, 0, -1), new Vec3(m.M00, m.M10, m.M20));
        Assert.Equal(new Vec3(-1, 0, 0), new Vec3(m.M01, m.M11, m.M21));
        Assert.Equal(new Vec3(0, 1, 0), new Vec3(m.M02, m.M12, m.M22));
    }

    [Fact]
    public void Frame_is_right_handed_and_superior_follows_tilted_gravity()
    {
        var acc = new Vec3(0.3, 0.9, -0.25);
        Mat3 m = NeutralCalibration.FrameFromGravity(acc);
        var x = new Vec3(m.M00, m.M10, m.M20); var y = new Vec3(m.M01, m.M11, m.M21); var z = new Vec3(m.M02, m.M12, m.M22);
        Vec3 up = acc.Normalized();
        Assert.Equal(0, (z - up).Norm, 1e-12);
        Assert.Equal(0, (Vec3.Cross(x, y) - z).Norm, 1e-12);
        Assert.Equal(0, Vec3.Dot(x, z), 1e-12);
        Assert.True(x.Z < 0, "anterior points out of the front, away from sensor +z");
    }

    [Fact]
    public void Accumulator_averages_the_window_and_reports_the_rate_despite_a_gap()
    {
        var acc = new CalibrationAccumulator(2.0);
        double t = 0;
        int n = 0;
        while (true)
        {
            bool gap = t is > 0.8 and < 1.0;
            if (!gap && !acc.Add(new ImuSample(t, 0, 1.02, 0, 0.5, -0.2, 0.1))) break;
            t += 1.0 / 104;
            n++;
        }
        Assert.True(acc.IsComplete);
        Assert.True(acc.TryGetCalibration(out var cal));
        Assert.Equal(104, cal.SampleRateHz, 0.5);
        Assert.Equal(0.5, cal.GyroBiasDps.X, 1e-9);
        Assert.Equal(1.02, cal.GravityG, 1e-9);
    }

    [Theory]
    [InlineData(100, 0, 0)]
    [InlineData(416, 20, -15)]
    public void Sway_in_the_window_does_not_enter_the_bias_about_horizontal_axes(double rateHz, double rollDeg, double tiltDeg)
    {
        // 3 s of standing swaying 0.6° forward–back (0.15 Hz) and 0.4° sideways (0.25 Hz): the window's mean rate
        // carries ~0.1 deg/s of sway about both horizontal axes; the gravity reference removes it.
        Tests.Support.AngleFunction sway = t => (0.6 * Math.Sin(2 * Math.PI * 0.15 * t + 0.3), 0.4 * Math.Sin(2 * Math.PI * 0.25 * t), 0);
        const double biasDps = 1.0; // SyntheticImu adds (b, −0.5 b, 0.7 b) on the sensor axes
        var samples = Tests.Support.SyntheticImu.Generate(3.5, sway, new Tests.Support.SensorModel(rateHz, rollDeg, tiltDeg, GyroBiasDps: biasDps));
        var acc = new CalibrationAccumulator(3.0);
        var window = new List<ImuSample>();
        foreach (var s in samples) { if (!acc.Add(s)) break; window.Add(s); }
        Assert.True(acc.TryGetCalibration(out var meanRate));
        var refined = meanRate.WithGravityReferencedBias(window.ToArray());

        var trueBias = new Vec3(biasDps, -0.5 * biasDps, 0.7 * biasDps);
        Vec3 up = meanRate.SensorFromAnatomical * new Vec3(0, 0, 1);
        static Vec3 Horizontal(Vec3 v, Vec3 up) => v - up * Vec3.Dot(v, up);
        double before = Horizontal(meanRate.GyroBiasDps - trueBias, up).Norm;
        double after = Horizontal(refined.GyroBiasDps - trueBias, up).Norm;
        Assert.True(before > 0.05, $"the scenario should fool the mean rate (error {before:F3} deg/s)");
        Assert.True(after < 0.01, $"horizontal bias error {after:F3} deg/s (mean rate: {before:F3})");
        // About the vertical the mean rate is all there is: unchanged.
        Assert.Equal(Vec3.Dot(meanRate.GyroBiasDps, up), Vec3.Dot(refined.GyroBiasDps, up), 1e-9);
    }
}
