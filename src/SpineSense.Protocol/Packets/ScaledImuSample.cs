namespace SpineSense.Protocol.Packets;

/// <summary>One sample in physical units, sensor frame of contract section 1. Specific force in g, angular rate in degrees/second.</summary>
public readonly record struct ScaledImuSample(
    double AccXG, double AccYG, double AccZG,
    double GyrXDps, double GyrYDps, double GyrZDps);
