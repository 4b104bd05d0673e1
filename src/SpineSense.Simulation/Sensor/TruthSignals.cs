namespace SpineSense.Simulation.Sensor;

/// <summary>
/// Noise-free alert signals on a 1 kHz grid from t = 0, recorded while the sensor is synthesised:
/// flexion (deg, contract angle), the largest axial angular speed |ω·superior| in each millisecond (dps) and
/// the largest specific-force magnitude after the sensor's own decimation filter in each millisecond (g).
/// </summary>
public sealed class TruthSignals
{
    public const double RateHz = 1000;

    internal TruthSignals(int length)
    {
        FlexionDeg = new float[length];
        AxialSpeedDps = new float[length];
        ImpactG = new float[length];
    }

    public float[] FlexionDeg { get; }
    public float[] AxialSpeedDps { get; }
    public float[] ImpactG { get; }

    public int Length => FlexionDeg.Length;

    public static double TimeOf(int index) => index / RateHz;
}
