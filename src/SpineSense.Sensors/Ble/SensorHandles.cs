using SpineSense.Sensors.Gatt;

namespace SpineSense.Sensors.Ble;

/// <summary>
/// Attribute handles of one connection to a SpineSense sensor, found by discovery. Immutable: a reconnect builds a
/// new one. Lookups by handle run per notification, so they scan a few fields instead of hashing.
/// </summary>
internal sealed class SensorHandles
{
    public static readonly SensorHandles Empty = new();

    public ushort ImuData { get; private init; }
    public ushort ImuDataCccd { get; private init; }
    public ushort ControlPoint { get; private init; }
    public ushort ControlPointCccd { get; private init; }
    public ushort Status { get; private init; }
    public ushort StatusCccd { get; private init; }
    public ushort BatteryLevel { get; private init; }
    public ushort BatteryCccd { get; private init; }
    private readonly Dictionary<SensorCharacteristic, ushort> _readable = [];

    public bool TryMap(ushort handle, out SensorCharacteristic characteristic)
    {
        if (handle == 0) { characteristic = default; return false; }
        if (handle == ImuData) { characteristic = SensorCharacteristic.ImuData; return true; }
        if (handle == Status) { characteristic = SensorCharacteristic.Status; return true; }
        if (handle == ControlPoint) { characteristic = SensorCharacteristic.ControlPoint; return true; }
        if (handle == BatteryLevel) { characteristic = SensorCharacteristic.BatteryLevel; return true; }
        characteristic = default;
        return false;
    }

    public ushort ValueHandleOf(SensorCharacteristic c) => _readable.TryGetValue(c, out ushort h) ? h : (ushort)0;

    public static async Task<SensorHandles> DiscoverAsync(GattClient gatt, string name, CancellationToken cancel)
    {
        var services = await gatt.FindPrimaryServicesAsync(SpineSenseGatt.Service, cancel).ConfigureAwait(false);
        if (services.Count == 0)
            throw new SensorLinkException(SensorLinkError.ProtocolError,
                $"{name} is not a SpineSense sensor: it has no service {SpineSenseGatt.Service}");
        var main = services[0];
        var chars = await gatt.DiscoverCharacteristicsAsync(main, cancel).ConfigureAwait(false);
        var imu = Require(chars, SpineSenseGatt.ImuData, GattProperties.Notify, "IMU data", name);
        var cp = Require(chars, SpineSenseGatt.ControlPoint, GattProperties.Write | GattProperties.Indicate, "control point", name);
        var status = Require(chars, SpineSenseGatt.Status, GattProperties.Read, "status", name);

        var readable = new Dictionary<SensorCharacteristic, ushort> { [SensorCharacteristic.Status] = status.ValueHandle };
        ushort imuCccd = await CccdAsync(gatt, chars, imu, main.EndHandle, name, required: true, cancel).ConfigureAwait(false);
        ushort cpCccd = await CccdAsync(gatt, chars, cp, main.EndHandle, name, required: true, cancel).ConfigureAwait(false);
        ushort statusCccd = (status.Properties & GattProperties.Notify) != 0
            ? await CccdAsync(gatt, chars, status, main.EndHandle, name, required: false, cancel).ConfigureAwait(false)
            : (ushort)0;

        // Standard services are optional: a sensor without them still streams.
        ushort battery = 0, batteryCccd = 0;
        foreach (var svc in await gatt.FindPrimaryServicesAsync(SpineSenseGatt.BatteryService, cancel).ConfigureAwait(false))
        {
            var bchars = await gatt.DiscoverCharacteristicsAsync(svc, cancel).ConfigureAwait(false);
            foreach (var c in bchars)
            {
                if (c.Uuid != SpineSenseGatt.BatteryLevel) continue;
                battery = c.ValueHandle;
                readable[SensorCharacteristic.BatteryLevel] = battery;
                if ((c.Properties & GattProperties.Notify) != 0)
                    batteryCccd = await CccdAsync(gatt, bchars, c, svc.EndHandle, name, required: false, cancel).ConfigureAwait(false);
            }
        }
        foreach (var svc in await gatt.FindPrimaryServicesAsync(SpineSenseGatt.DeviceInformationService, cancel).ConfigureAwait(false))
        {
            foreach (var c in await gatt.DiscoverCharacteristicsAsync(svc, cancel).ConfigureAwait(false))
            {
                if (c.Uuid == SpineSenseGatt.ManufacturerName) readable[SensorCharacteristic.ManufacturerName] = c.ValueHandle;
                else if (c.Uuid == SpineSenseGatt.ModelNumber) readable[SensorCharacteristic.ModelNumber] = c.ValueHandle;
                else if (c.Uuid == SpineSenseGatt.FirmwareRevision) readable[SensorCharacteristic.FirmwareRevision] = c.ValueHandle;
                else if (c.Uuid == SpineSenseGatt.SerialNumber) readable[SensorCharacteristic.SerialNumber] = c.ValueHandle;
            }
        }
        var handles = new SensorHandles
        {
            ImuData = imu.ValueHandle, ImuDataCccd = imuCccd,
            ControlPoint = cp.ValueHandle, ControlPointCccd = cpCccd,
            Status = status.ValueHandle, StatusCccd = statusCccd,
            BatteryLevel = battery, BatteryCccd = batteryCccd,
        };
        foreach (var kv in readable) handles._readable[kv.Key] = kv.Value;
        return handles;
    }

    private static GattCharacteristic Require(IReadOnlyList<GattCharacteristic> chars, Att.AttUuid uuid, GattProperties needed, string what, string name)
    {
        foreach (var c in chars)
        {
            if (c.Uuid != uuid) continue;
            if ((c.Properties & needed) != needed)
                throw new SensorLinkException(SensorLinkError.ProtocolError,
                    $"{name}: the {what} characteristic {uuid} lacks {needed & ~c.Properties} (has {c.Properties})");
            return c;
        }
        throw new SensorLinkException(SensorLinkError.ProtocolError, $"{name}: the SpineSense service has no {what} characteristic {uuid}");
    }

    // A characteristic's descriptors sit between its value handle and the next declaration (or the service end).
    private static async Task<ushort> CccdAsync(GattClient gatt, IReadOnlyList<GattCharacteristic> chars, GattCharacteristic c,
                                                ushort serviceEnd, string name, bool required, CancellationToken cancel)
    {
        ushort end = serviceEnd;
        foreach (var other in chars)
            if (other.DeclarationHandle > c.ValueHandle && other.DeclarationHandle - 1 < end) end = (ushort)(other.DeclarationHandle - 1);
        if (end > c.ValueHandle)
        {
            foreach (var d in await gatt.DiscoverDescriptorsAsync((ushort)(c.ValueHandle + 1), end, cancel).ConfigureAwait(false))
                if (d.Uuid == SpineSenseGatt.Cccd) return d.Handle;
        }
        if (!required) return 0;
        throw new SensorLinkException(SensorLinkError.ProtocolError,
            $"{name}: characteristic {c.Uuid} has no Client Characteristic Configuration descriptor");
    }
}
