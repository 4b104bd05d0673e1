using SpineSense.Motion.Samples;
using SpineSense.Simulation.Sensor;

namespace SpineSense.Simulation.Tests.Sensor;

public class SensorErrorsTests
{
    private static ImuSample[] Still(int n, double rateHz)
    {
        var clean = new ImuSample[n];
        for (int i = 0; i < n; i++) clean[i] = new ImuSample(i / rateHz, 0, 1, 0, 0, 0, 0);
        return clean;
    }

    private static double Sd(IEnumerable<double> xs)
    {
        var a = xs.ToArray();
        double m = a.Average();
        return Math.Sqrt(a.Select(x => (x - m) * (x - m)).Average());
    }

    [Fact]
    public void White_noise_matches_the_datasheet_density()
    {
        // σ = density·√(ODR/2): 100 µg/√Hz → 1.02 mg and 4.5 mdps/√Hz → 0.046 dps at 208 Hz.
        var model = SensorErrorModel.Draw(NoiseLevel.Typical, new Random(1)) with { GyroBiasWalkDpsPerRtS = 0 };
        var noisy = SensorErrors.Apply(Still(40_000, 208), model, 208, new Random(2));
        Assert.Equal(100e-6 * Math.Sqrt(104), Sd(noisy.Select(s => s.AccXG)), 0.15e-3);
        Assert.Equal(4.5e-3 * Math.Sqrt(104), Sd(noisy.Select(s => s.GyrZDps)), 0.007);
    }

    [Fact]
    public void Outputs_are_int16_counts_at_the_full_scale_range()
    {
        var model = SensorErrorModel.Draw(NoiseLevel.High, new Random(3));
        var noisy = SensorErrors.Apply(Still(2000, 104), model, 104, new Random(4));
        double accLsb = model.AccRangeG / 32768, gyroLsb = model.GyroRangeDps / 32768;
        foreach (var s in noisy)
        {
            Assert.Equal(0, Math.Abs(s.AccYG / accLsb - Math.Round(s.AccYG / accLsb)), 1e-6);
            Assert.Equal(0, Math.Abs(s.GyrXDps / gyroLsb - Math.Round(s.GyrXDps / gyroLsb)), 1e-6);
        }
    }

    [Fact]
    public void Saturates_at_the_full_scale_range()
    {
        Assert.Equal(8 * 32767.0 / 32768, SensorErrors.Quantise(11.3, 8.0 / 32768), 1e-12);
        Assert.Equal(-8, SensorErrors.Quantise(-9, 8.0 / 32768), 1e-12);
    }

    [Fact]
    public void Gyro_bias_drifts_as_a_random_walk()
    {
        var model = SensorErrorModel.Draw(NoiseLevel.High, new Random(5)) with { GyroWarmupDriftDps = [0, 0, 0] };
        var noisy = SensorErrors.Apply(Still(208 * 600, 208), model, 208, new Random(6));
        double early = noisy.Take(208 * 10).Average(s => s.GyrXDps);
        double late = noisy.Skip(208 * 590).Average(s => s.GyrXDps);
        // 0.015 dps/√s over ~590 s: σ ≈ 0.36 dps; a frozen bias would differ by noise only (< 0.01 dps).
        Assert.True(Math.Abs(late - early) > 0.02, $"bias moved by {late - early:F3} dps");
        Assert.InRange(Math.Abs(late - early), 0, 2);
    }

    [Fact]
    public void Timestamps_jitter_but_keep_increasing()
    {
        var model = SensorErrorModel.Draw(NoiseLevel.High, new Random(7));
        var noisy = SensorErrors.Apply(Still(5000, 833), model, 833, new Random(8));
        double maxDev = 0;
        for (int i = 0; i < noisy.Length; i++)
        {
            if (i > 0) Assert.True(noisy[i].TimeS > noisy[i - 1].TimeS);
            maxDev = Math.Max(maxDev, Math.Abs(noisy[i].TimeS - i / 833.0));
        }
        Assert.InRange(maxDev, 1e-5, 0.3 / 833 + 1e-9);
    }
}
