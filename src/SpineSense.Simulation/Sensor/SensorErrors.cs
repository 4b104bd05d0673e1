using SpineSense.Motion.Samples;

namespace SpineSense.Simulation.Sensor;

/// <summary>
/// Applies a <see cref="SensorErrorModel"/> to noise-free samples: gain matrix (scale error, misalignment),
/// constant bias, gyro warm-up drift and bias random walk, white noise, saturation and int16 quantisation at
/// the full-scale range, then timestamp jitter.
/// </summary>
public static class SensorErrors
{
    private const double CountsPerFullScale = 32768.0;

    public static ImuSample[] Apply(ImuSample[] clean, SensorErrorModel model, double nominalRateHz, Random rng)
    {
        var result = new ImuSample[clean.Length];
        double bandwidthHz = nominalRateHz / 2;
        double accSigmaG = model.AccNoiseUgPerRtHz * 1e-6 * Math.Sqrt(bandwidthHz);
        double gyroSigmaDps = model.GyroNoiseMdpsPerRtHz * 1e-3 * Math.Sqrt(bandwidthHz);
        double accLsb = model.AccRangeG / CountsPerFullScale;
        double gyroLsb = model.GyroRangeDps / CountsPerFullScale;
        double maxJitter = 0.3 / nominalRateHz;
        Span<double> walk = stackalloc double[3];
        Span<double> acc = stackalloc double[3];
        Span<double> gyro = stackalloc double[3];
        double previousT = double.NegativeInfinity;
        for (int k = 0; k < clean.Length; k++)
        {
            var s = clean[k];
            double dt = k == 0 ? 0 : s.TimeS - clean[k - 1].TimeS;
            double warm = 1 - Math.Exp(-s.TimeS / SensorErrorModel.WarmupTimeConstantS);
            for (int a = 0; a < 3; a++) walk[a] += model.GyroBiasWalkDpsPerRtS * Math.Sqrt(dt) * Gaussian(rng);
            Multiply(model.AccGain, s.AccXG, s.AccYG, s.AccZG, acc);
            Multiply(model.GyroGain, s.GyrXDps, s.GyrYDps, s.GyrZDps, gyro);
            for (int a = 0; a < 3; a++)
            {
                acc[a] = Quantise(acc[a] + model.AccBiasG[a] + accSigmaG * Gaussian(rng), accLsb);
                gyro[a] = Quantise(gyro[a] + model.GyroBiasDps[a] + model.GyroWarmupDriftDps[a] * warm + walk[a]
                                   + gyroSigmaDps * Gaussian(rng), gyroLsb);
            }
            double jitter = Math.Clamp(model.TimestampJitterS * Gaussian(rng), -maxJitter, maxJitter);
            double t = Math.Max(0, s.TimeS + jitter);
            if (t <= previousT) t = previousT + 1e-6;
            previousT = t;
            result[k] = new ImuSample(t, acc[0], acc[1], acc[2], gyro[0], gyro[1], gyro[2]);
        }
        return result;
    }

    /// <summary>Saturates at the range and rounds to the int16 count, as the sensor's output registers do.</summary>
    public static double Quantise(double value, double lsb)
    {
        double counts = Math.Round(value / lsb, MidpointRounding.ToEven);
        return Math.Clamp(counts, -CountsPerFullScale, CountsPerFullScale - 1) * lsb;
    }

    public static double Gaussian(Random rng)
    {
        // Box–Muller; 1 − U avoids log(0).
        double u1 = 1.0 - rng.NextDouble(), u2 = rng.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    private static void Multiply(double[] m, double x, double y, double z, Span<double> into)
    {
        into[0] = m[0] * x + m[1] * y + m[2] * z;
        into[1] = m[3] * x + m[4] * y + m[5] * z;
        into[2] = m[6] * x + m[7] * y + m[8] * z;
    }
}
