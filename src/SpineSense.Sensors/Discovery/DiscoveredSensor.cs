using SpineSense.Sensors.Att;
using SpineSense.Sensors.Ble;

namespace SpineSense.Sensors.Discovery;

/// <summary>
/// A device seen while scanning, merged over all its advertising and scan-response reports.
/// </summary>
/// <param name="RssiDbm">Strongest received signal strength seen, dBm (−127 = unknown per mgmt-api).</param>
/// <param name="IsSpineSense">It advertised the SpineSense service UUID.</param>
public sealed record DiscoveredSensor(
    BluetoothAddress Address,
    BleAddressType AddressType,
    string? Name,
    int RssiDbm,
    IReadOnlyList<AttUuid> ServiceUuids,
    bool IsSpineSense)
{
    /// <summary>What <c>--sensor</c> takes to connect to it, e.g. <c>ble:C0:11:22:33:44:55</c>.</summary>
    public string SensorArgument => AddressType == BleAddressType.Public ? $"ble:{Address}/public" : $"ble:{Address}";
}
