namespace SpineSense.Sensors;

/// <summary>
/// The characteristics of the SpineSense GATT layout a link exposes (firmware-protocol/PROTOCOL.md, GATT section).
/// A link maps these to attribute handles (BLE) or produces them directly (simulated, replay).
/// </summary>
public enum SensorCharacteristic : byte
{
    /// <summary>IMU data packets (notify), service 53504e01-…, characteristic 53504e02-….</summary>
    ImuData = 1,
    /// <summary>Control point (write with response + indicate), 53504e03-…; command results arrive as indications.</summary>
    ControlPoint = 2,
    /// <summary>Status (read/notify), 53504e04-…: battery, charging, firmware, error flags, streaming state, buffered count.</summary>
    Status = 3,
    /// <summary>Battery Service 0x180F / Battery Level 0x2A19 (read/notify), one byte in percent.</summary>
    BatteryLevel = 4,
    /// <summary>Device Information 0x180A / Manufacturer Name String 0x2A29 (read), UTF-8.</summary>
    ManufacturerName = 5,
    /// <summary>Device Information 0x180A / Model Number String 0x2A24 (read), UTF-8.</summary>
    ModelNumber = 6,
    /// <summary>Device Information 0x180A / Firmware Revision String 0x2A26 (read), UTF-8.</summary>
    FirmwareRevision = 7,
    /// <summary>Device Information 0x180A / Serial Number String 0x2A25 (read), UTF-8.</summary>
    SerialNumber = 8,
}
