namespace SpineSense.Motion.Samples;

/// <summary>
/// One raw inertial sample as the lumbar sensor reports it, in the sensor frame of
/// contract section 1 (+x athlete's right, +y up the spine, +z out of the back).
/// </summary>
/// <param name="TimeS">Seconds since the start of the recording or session.</param>
/// <param name="AccXG">Specific force along sensor +x, in g (+1 g on the axis pointing up at rest).</param>
/// <param name="GyrXDps">Angular rate about sensor +x, degrees/second, right-hand rule.</param>
public readonly record struct ImuSample(
    double TimeS,
    double AccXG, double AccYG, double AccZG,
    double GyrXDps, double GyrYDps, double GyrZDps);
