using SpineSense.Sensors.Att;
using SpineSense.Sensors.Gatt;

namespace SpineSense.Sensors.Discovery;

/// <summary>
/// What to look for and for how long.
/// </summary>
/// <param name="Duration">Scan time. LE discovery in the kernel stops by itself after ~10 s; the scanner restarts it.</param>
/// <param name="ServiceUuid">Keep devices that advertise this service (default: SpineSense), unless <paramref name="AllDevices"/>.</param>
/// <param name="NamePrefix">Also keep devices whose name starts with this (firmware that leaves the UUID to the scan response
/// the host did not ask for still shows up), case-insensitive.</param>
/// <param name="AdapterIndex">hciN to use; null = the first adapter the kernel lists.</param>
/// <param name="AllDevices">Report every LE device seen.</param>
public sealed record ScanOptions(
    TimeSpan Duration,
    AttUuid? ServiceUuid = null,
    string? NamePrefix = "SpineSense",
    int? AdapterIndex = null,
    bool AllDevices = false)
{
    public AttUuid EffectiveServiceUuid => ServiceUuid ?? SpineSenseGatt.Service;
}
