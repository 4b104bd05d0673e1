namespace SpineSense.Simulation.Sessions;

/// <summary>A duration drawn around a mean with a relative spread (log-normal, so it stays positive).</summary>
public readonly record struct Tempo(double MeanS, double Spread)
{
    public double Draw(Random rng, double scale = 1)
    {
        if (MeanS <= 0) return 0;
        double z = Sensor.SensorErrors.Gaussian(rng);
        return MeanS * scale * Math.Exp(Spread * Math.Clamp(z, -2.5, 2.5));
    }
}
