using System.Text;
using SpineSense.Sensors.Att;
using SpineSense.Sensors.Gatt;

namespace SpineSense.Sensors.Tests.Fakes;

/// <summary>
/// Builds a GATT database the way a peripheral stack lays it out: service declaration, then per characteristic a
/// declaration (properties, value handle, UUID), the value, and a CCCD when it notifies or indicates.
/// </summary>
internal sealed class FakeGattDatabase
{
    private readonly List<FakeAttribute> _attributes = [];
    private FakeAttribute? _currentService;

    public IReadOnlyList<FakeAttribute> Attributes => _attributes;

    private ushort Next => (ushort)(_attributes.Count + 1);

    public FakeGattDatabase Service(AttUuid uuid)
    {
        var value = new byte[uuid.WireLength];
        uuid.Write(value);
        _currentService = null; // the previous group ends before this declaration
        _currentService = Add(AttUuid.FromUInt16(GattUuids.PrimaryService), value, readable: true, writable: false);
        _currentService.GroupEnd = _currentService.Handle;
        return this;
    }

    /// <summary>Adds a characteristic; returns its value handle through <paramref name="valueHandle"/>.</summary>
    public FakeGattDatabase Characteristic(AttUuid uuid, GattProperties props, byte[] value, out ushort valueHandle, out ushort cccdHandle)
    {
        var decl = new byte[3 + uuid.WireLength];
        decl[0] = (byte)props;
        valueHandle = (ushort)(Next + 1);
        decl[1] = (byte)valueHandle;
        decl[2] = (byte)(valueHandle >> 8);
        uuid.Write(decl.AsSpan(3));
        Add(AttUuid.FromUInt16(GattUuids.Characteristic), decl, readable: true, writable: false);
        Add(uuid, value, readable: (props & GattProperties.Read) != 0, writable: (props & GattProperties.Write) != 0);
        cccdHandle = 0;
        if ((props & (GattProperties.Notify | GattProperties.Indicate)) != 0)
            cccdHandle = Add(AttUuid.FromUInt16(GattUuids.ClientCharacteristicConfiguration), [0, 0], readable: true, writable: true).Handle;
        return this;
    }

    public FakeGattDatabase Characteristic(AttUuid uuid, GattProperties props, byte[] value) =>
        Characteristic(uuid, props, value, out _, out _);

    private FakeAttribute Add(AttUuid type, byte[] value, bool readable, bool writable)
    {
        var a = new FakeAttribute(Next, type, value, readable, writable);
        _attributes.Add(a);
        if (_currentService is not null) _currentService.GroupEnd = a.Handle;
        return a;
    }

    public FakeAttribute? Find(ushort handle) => handle >= 1 && handle <= _attributes.Count ? _attributes[handle - 1] : null;

    /// <summary>Handles of the SpineSense layout built by <see cref="SpineSense"/>.</summary>
    public sealed record Layout(ushort ImuData, ushort ImuCccd, ushort ControlPoint, ushort ControlPointCccd,
                                ushort Status, ushort StatusCccd, ushort Battery, ushort BatteryCccd, ushort FirmwareRevision);

    public const string FirmwareRevisionText = "1.4.2+build.20261124.lumbar-imu-rev-c";

    /// <summary>GAP, the SpineSense service, Battery and Device Information — as the firmware spec lays them out.</summary>
    public static FakeGattDatabase SpineSense(out Layout layout)
    {
        var db = new FakeGattDatabase()
            .Service(AttUuid.FromUInt16(0x1800))
            .Characteristic(AttUuid.FromUInt16(0x2A00), GattProperties.Read, Encoding.UTF8.GetBytes("SpineSense S1"))
            .Service(SpineSenseGatt.Service)
            .Characteristic(SpineSenseGatt.ImuData, GattProperties.Notify, [], out ushort imu, out ushort imuCccd)
            .Characteristic(SpineSenseGatt.ControlPoint, GattProperties.Write | GattProperties.Indicate, [], out ushort cp, out ushort cpCccd)
            .Characteristic(SpineSenseGatt.Status, GattProperties.Read | GattProperties.Notify, [1, 2, 3, 4], out ushort status, out ushort statusCccd)
            .Service(SpineSenseGatt.BatteryService)
            .Characteristic(SpineSenseGatt.BatteryLevel, GattProperties.Read | GattProperties.Notify, [87], out ushort battery, out ushort batteryCccd)
            .Service(SpineSenseGatt.DeviceInformationService)
            .Characteristic(SpineSenseGatt.ManufacturerName, GattProperties.Read, Encoding.UTF8.GetBytes("SpineSense Labs"))
            .Characteristic(SpineSenseGatt.ModelNumber, GattProperties.Read, Encoding.UTF8.GetBytes("SS-1"))
            .Characteristic(SpineSenseGatt.FirmwareRevision, GattProperties.Read, Encoding.UTF8.GetBytes(FirmwareRevisionText), out ushort fw, out _);
        layout = new Layout(imu, imuCccd, cp, cpCccd, status, statusCccd, battery, batteryCccd, fw);
        return db;
    }
}
