using SpineSense.Motion.Calibration;
using SpineSense.Motion.Samples;

namespace SpineSense.Motion.Tests.Calibration;

public class CalibrationAccumulatorTests
{
    private const double RateHz = 200;

    // A standing window of 3 s at 200 Hz: gyro bias 4 °/s on x, breathing sway of 5 °/s on y, plus what `extraDps` adds.
    private static CalibrationAccumulator Window(double windowS, Func<double, double> extraDps)
    {
        var acc = new CalibrationAccumulator(windowS);
        for (int i = 0; ; i++)
        {
            double t = 10 + i / RateHz; // the recording need not start at 0
            double swayDps = 5 * Math.Sin(2 * Math.PI * 0.25 * t);
            if (!acc.Add(new ImuSample(t, 0, 1, 0, 4, swayDps, extraDps(t)))) return acc;
        }
    }

    [Fact]
    public void Quiet_standing_with_gyro_bias_and_breathing_sway_is_quiet()
    {
        var acc = Window(3, _ => 0);
        Assert.True(double.IsNaN(acc.FirstMotionS));
    }

    [Fact]
    public void A_turn_inside_the_window_is_found_at_its_start()
    {
        // A slow hinge starts at 11.2 s and turns at 25 °/s.
        var acc = Window(3, t => t >= 11.2 ? 25 : 0);
        Assert.Equal(11.2, acc.FirstMotionS, 0.01);
    }

    [Fact]
    public void A_tap_on_the_sensor_shorter_than_50_ms_is_not_movement()
    {
        var acc = Window(3, t => t >= 11 && t < 11.02 ? 200 : 0);
        Assert.True(double.IsNaN(acc.FirstMotionS));
    }
}
