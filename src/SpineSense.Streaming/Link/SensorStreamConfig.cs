using SpineSense.Protocol.Packets;

namespace SpineSense.Streaming.Link;

/// <summary>What the StartStreaming command asks the sensor for.</summary>
public sealed record SensorStreamConfig(OutputDataRate Rate = OutputDataRate.Hz200, AccelRange AccelRange = AccelRange.G8,
    GyroRange GyroRange = GyroRange.Dps1000);
