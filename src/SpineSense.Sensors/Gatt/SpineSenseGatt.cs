using SpineSense.Protocol.Gatt;
using SpineSense.Sensors.Att;

namespace SpineSense.Sensors.Gatt;

/// <summary>
/// The SpineSense GATT layout (firmware-protocol/PROTOCOL.md section 2) as <see cref="AttUuid"/>s, taken from
/// SpineSense.Protocol's <see cref="SpineSenseUuids"/> so the firmware spec and the link cannot disagree.
/// </summary>
public static class SpineSenseGatt
{
    public static readonly AttUuid Service = AttUuid.FromGuid(SpineSenseUuids.Service);
    public static readonly AttUuid ImuData = AttUuid.FromGuid(SpineSenseUuids.ImuData);
    public static readonly AttUuid ControlPoint = AttUuid.FromGuid(SpineSenseUuids.ControlPoint);
    public static readonly AttUuid Status = AttUuid.FromGuid(SpineSenseUuids.Status);
    public static readonly AttUuid BatteryService = AttUuid.FromUInt16(SpineSenseUuids.BatteryService16);
    public static readonly AttUuid BatteryLevel = AttUuid.FromUInt16(SpineSenseUuids.BatteryLevel16);
    public static readonly AttUuid DeviceInformationService = AttUuid.FromUInt16(SpineSenseUuids.DeviceInformationService16);
    public static readonly AttUuid ManufacturerName = AttUuid.FromUInt16(SpineSenseUuids.ManufacturerName16);
    public static readonly AttUuid ModelNumber = AttUuid.FromUInt16(SpineSenseUuids.ModelNumber16);
    public static readonly AttUuid SerialNumber = AttUuid.FromUInt16(SpineSenseUuids.SerialNumber16);
    public static readonly AttUuid FirmwareRevision = AttUuid.FromUInt16(SpineSenseUuids.FirmwareRevision16);
    public static readonly AttUuid Cccd = AttUuid.FromUInt16(SpineSenseUuids.ClientCharacteristicConfiguration16);

    /// <summary>The characteristic UUID behind a <see cref="SensorCharacteristic"/>.</summary>
    public static AttUuid UuidOf(SensorCharacteristic characteristic) => characteristic switch
    {
        SensorCharacteristic.ImuData => ImuData,
        SensorCharacteristic.ControlPoint => ControlPoint,
        SensorCharacteristic.Status => Status,
        SensorCharacteristic.BatteryLevel => BatteryLevel,
        SensorCharacteristic.ManufacturerName => ManufacturerName,
        SensorCharacteristic.ModelNumber => ModelNumber,
        SensorCharacteristic.FirmwareRevision => FirmwareRevision,
        SensorCharacteristic.SerialNumber => SerialNumber,
        _ => throw new ArgumentOutOfRangeException(nameof(characteristic), characteristic, "not a SpineSense characteristic"),
    };
}
