namespace SpineSense.Simulation.Sensor;

/// <summary>
/// The error budget of one simulated sensor, drawn once per recording from a <see cref="NoiseLevel"/>.
/// Densities are one-sided white-noise densities; per-sample σ = density·√(ODR/2) (the decimation filter's
/// noise bandwidth). Biases are per axis. All values in the units their names carry.
/// </summary>
public sealed record SensorErrorModel
{
    public double AccNoiseUgPerRtHz { get; init; }
    public double GyroNoiseMdpsPerRtHz { get; init; }
    public double[] AccBiasG { get; init; } = new double[3];
    public double[] GyroBiasDps { get; init; } = new double[3];
    /// <summary>Gyro rate random walk (bias instability), dps/√s.</summary>
    public double GyroBiasWalkDpsPerRtS { get; init; }
    /// <summary>Gyro bias change while the sensor warms on the body (reached with a 5-minute time constant), dps per axis.</summary>
    public double[] GyroWarmupDriftDps { get; init; } = new double[3];
    /// <summary>Row-major 3×3 (I + scale error + misalignment) for the accelerometer.</summary>
    public double[] AccGain { get; init; } = Identity();
    public double[] GyroGain { get; init; } = Identity();
    /// <summary>Timestamp jitter σ, s (clamped to ±30% of the sample period so time keeps increasing).</summary>
    public double TimestampJitterS { get; init; }
    /// <summary>Crystal error of the output data rate, parts per million.</summary>
    public double RateErrorPpm { get; init; }
    /// <summary>σ of each strap slip when getting up from the floor, degrees (about the sensor's z; half that in tilt).</summary>
    public double StrapSlipSigmaDeg { get; init; }

    public double AccRangeG { get; init; } = 8;
    public double GyroRangeDps { get; init; } = 500;

    /// <summary>Perfect sensor: no noise, bias, scale error, jitter or quantisation beyond int16 at the range.</summary>
    public static SensorErrorModel Ideal { get; } = new();

    public const double WarmupTimeConstantS = 300;

    public static double[] Identity() => [1, 0, 0, 0, 1, 0, 0, 0, 1];

    /// <summary>Draws one sensor's errors. Ranges: LSM6DSO/LSM6DS3/BMI160 datasheets (typical zero-g/zero-rate offsets, sensitivity tolerance).</summary>
    public static SensorErrorModel Draw(NoiseLevel level, Random rng)
    {
        (double accN, double gyroN, double accBias, double gyroBias, double scale, double misalign, double walk, double drift, double jitter, double ppm) = level switch
        {
            NoiseLevel.Low => (70.0, 3.8, 0.010, 0.5, 0.005, 0.002, 0.002, 0.05, 0.00005, 100.0),
            NoiseLevel.Typical => (100.0, 4.5, 0.030, 2.0, 0.015, 0.005, 0.005, 0.15, 0.0003, 500.0),
            _ => (180.0, 8.0, 0.060, 5.0, 0.03, 0.01, 0.015, 0.4, 0.0015, 2000.0),
        };
        return new SensorErrorModel
        {
            AccNoiseUgPerRtHz = accN,
            GyroNoiseMdpsPerRtHz = gyroN,
            AccBiasG = Uniform3(rng, accBias),
            GyroBiasDps = Uniform3(rng, gyroBias),
            GyroBiasWalkDpsPerRtS = walk,
            GyroWarmupDriftDps = Uniform3(rng, drift),
            AccGain = Gain(rng, scale, misalign),
            GyroGain = Gain(rng, scale, misalign),
            TimestampJitterS = jitter,
            StrapSlipSigmaDeg = level switch { NoiseLevel.Low => 0, NoiseLevel.Typical => 0.6, _ => 1.5 },
            RateErrorPpm = (2 * rng.NextDouble() - 1) * ppm,
            AccRangeG = 8,
            GyroRangeDps = 500,
        };
    }

    private static double[] Uniform3(Random rng, double halfRange) =>
        [(2 * rng.NextDouble() - 1) * halfRange, (2 * rng.NextDouble() - 1) * halfRange, (2 * rng.NextDouble() - 1) * halfRange];

    private static double[] Gain(Random rng, double scale, double misalign)
    {
        var m = new double[9];
        for (int r = 0; r < 3; r++)
            for (int c = 0; c < 3; c++)
                m[r * 3 + c] = r == c ? 1 + (2 * rng.NextDouble() - 1) * scale : (2 * rng.NextDouble() - 1) * misalign;
        return m;
    }
}
