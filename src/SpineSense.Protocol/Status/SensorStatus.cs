namespace SpineSense.Protocol.Status;

/// <summary>
/// The status characteristic (PROTOCOL.md 5), read on connect and notified on change (at most once per second).
/// </summary>
/// <param name="BatteryPercent">0..100, or <see cref="UnknownBattery"/> (255) while the gauge is not ready.</param>
/// <param name="FirmwareBuild">Third component of the firmware version major.minor.build.</param>
/// <param name="BufferedSamples">Samples held in flash and available to ResendFrom.</param>
/// <param name="NextSequence">Sequence number the next live data packet will carry.</param>
public readonly record struct SensorStatus(
    byte BatteryPercent,
    PowerFlags Power,
    StreamingState State,
    byte FirmwareMajor,
    byte FirmwareMinor,
    ushort FirmwareBuild,
    SensorErrorFlags Errors,
    uint BufferedSamples,
    ushort NextSequence)
{
    public const byte UnknownBattery = 0xFF;

    public bool IsCharging => (Power & PowerFlags.Charging) != 0;
    public bool IsBatteryKnown => BatteryPercent != UnknownBattery;
    public string FirmwareVersion => $"{FirmwareMajor}.{FirmwareMinor}.{FirmwareBuild}";
}
