namespace SpineSense.Simulation.Sensor;

/// <summary>How imperfect the simulated sensor is. <see cref="Typical"/> is an LSM6DSx-class part as worn.</summary>
public enum NoiseLevel
{
    /// <summary>Best-case datasheet part, low jitter (LSM6DSO: 70 µg/√Hz, 3.8 mdps/√Hz).</summary>
    Low,
    /// <summary>Typical datasheet values and BLE host timestamps (100 µg/√Hz, 4.5 mdps/√Hz, ±2 dps zero-rate offset).</summary>
    Typical,
    /// <summary>Older/cheaper part, warm-up drift, poor timestamps (180 µg/√Hz, 8 mdps/√Hz, BMI160/LSM6DS3-class).</summary>
    High,
}
