namespace SpineSense.Sensors;

/// <summary>
/// One notification (or indication) payload as it arrived from the sensor.
/// </summary>
/// <param name="Characteristic">Which characteristic sent it.</param>
/// <param name="Payload">The characteristic value, exactly as on the air (at most ATT_MTU − 3 bytes). The receiver
/// owns it: a link never reuses the buffer.</param>
/// <param name="HostArrivalUs">Host arrival time, microseconds since the Unix epoch, from the link's
/// <see cref="TimeProvider"/> (<see cref="SensorLinkOptions.Time"/>). Replay reproduces the recorded value.</param>
public readonly record struct SensorNotification(
    SensorCharacteristic Characteristic,
    ReadOnlyMemory<byte> Payload,
    long HostArrivalUs);
