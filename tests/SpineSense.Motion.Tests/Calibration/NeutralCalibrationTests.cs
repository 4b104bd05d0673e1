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
}
