using System.Globalization;
using SpineSense.Sensors.Ble;
using SpineSense.Sensors.Transport;

namespace SpineSense.Sensors.Discovery;

/// <summary>
/// Finds SpineSense sensors with the kernel's LE discovery through the BlueZ management socket: Read Index List →
/// Start Discovery (LE) → Device Found events (address, type, RSSI, advertising data) → Stop Discovery.
/// The management transport comes from a factory so tests can run it against a fake controller.
/// </summary>
public sealed class BleScanner
{
    private readonly Func<CancellationToken, Task<IPacketTransport>> _openMgmt;
    private readonly TimeProvider _time;

    public BleScanner(Func<CancellationToken, Task<IPacketTransport>>? openMgmt = null, TimeProvider? time = null)
    {
        _openMgmt = openMgmt ?? MgmtSocket.OpenAsync;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>
    /// Scans for <see cref="ScanOptions.Duration"/> and returns the matching devices, strongest signal first.
    /// Throws <see cref="SensorLinkException"/>: NoBluetooth (no kernel support, no adapter, powered off, rfkill,
    /// no permission), ConnectFailed (adapter busy or refused), ProtocolError (garbled management traffic).
    /// </summary>
    public async Task<IReadOnlyList<DiscoveredSensor>> ScanAsync(ScanOptions options, CancellationToken cancel)
    {
        await using var mgmt = await _openMgmt(cancel).ConfigureAwait(false);
        var seen = new Dictionary<BluetoothAddress, DiscoveredSensor>();

        byte[] indexList = await CommandAsync(mgmt, MgmtPacket.OpReadIndexList, MgmtPacket.IndexNone, [], seen, options, cancel).ConfigureAwait(false);
        ushort index = PickAdapter(indexList, options.AdapterIndex);

        using var deadline = new CancellationTokenSource(options.Duration, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancel, deadline.Token);
        await CommandAsync(mgmt, MgmtPacket.OpStartDiscovery, index, [MgmtPacket.DiscoveryTypeLe], seen, options, cancel).ConfigureAwait(false);
        try
        {
            while (true)
            {
                byte[]? packet = await mgmt.ReceiveAsync(linked.Token).ConfigureAwait(false);
                if (packet is null) throw new SensorLinkException(SensorLinkError.Disconnected, "The Bluetooth management socket closed during the scan");
                if (!MgmtPacket.TryRead(packet, out ushort code, out ushort evIndex, out var p)) continue;
                if (evIndex != index) continue;
                if (code == MgmtPacket.EvDeviceFound) Record(p, seen, options);
                else if (code == MgmtPacket.EvDiscovering && p.Length >= 2 && p[1] == 0)
                    // the controller ended its LE discovery window (~10.24 s); keep going until our deadline
                    await mgmt.SendAsync(MgmtPacket.Command(MgmtPacket.OpStartDiscovery, index, [MgmtPacket.DiscoveryTypeLe]), cancel).ConfigureAwait(false);
                else if (code == MgmtPacket.EvIndexRemoved)
                    throw new SensorLinkException(SensorLinkError.NoBluetooth, $"Bluetooth adapter hci{index} was removed during the scan");
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancel.IsCancellationRequested)
        {
            // scan time is up
        }
        // Best effort: the kernel also stops discovery when the socket closes.
        await mgmt.SendAsync(MgmtPacket.Command(MgmtPacket.OpStopDiscovery, index, [MgmtPacket.DiscoveryTypeLe]), CancellationToken.None).ConfigureAwait(false);

        var result = new List<DiscoveredSensor>();
        foreach (var d in seen.Values) if (Wanted(d, options)) result.Add(d);
        result.Sort((a, b) => b.RssiDbm.CompareTo(a.RssiDbm));
        return result;
    }

    private static ushort PickAdapter(ReadOnlySpan<byte> indexList, int? wanted)
    {
        // Read Index List return parameters: | Num_Controllers (le16) | Controller_Index (le16) × n |
        int count = indexList.Length >= 2 ? indexList[0] | indexList[1] << 8 : 0;
        if (count == 0 || indexList.Length < 2 + 2 * count) throw SensorLinkException.NoBluetooth("no Bluetooth adapter found");
        for (int i = 0; i < count; i++)
        {
            ushort idx = (ushort)(indexList[2 + 2 * i] | indexList[3 + 2 * i] << 8);
            if (wanted is null || wanted == idx) return idx;
        }
        throw new SensorLinkException(SensorLinkError.NotFound, $"There is no Bluetooth adapter hci{wanted}");
    }

    // Sends a command and waits for its Command Complete / Command Status, recording any Device Found seen meanwhile.
    private static async Task<byte[]> CommandAsync(IPacketTransport mgmt, ushort opcode, ushort index, byte[] parameters,
                                                   Dictionary<BluetoothAddress, DiscoveredSensor> seen, ScanOptions options, CancellationToken cancel)
    {
        await mgmt.SendAsync(MgmtPacket.Command(opcode, index, parameters), cancel).ConfigureAwait(false);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        try
        {
            while (true)
            {
                byte[]? packet = await mgmt.ReceiveAsync(timeout.Token).ConfigureAwait(false);
                if (packet is null) throw new SensorLinkException(SensorLinkError.Disconnected, "The Bluetooth management socket closed");
                if (!MgmtPacket.TryRead(packet, out ushort code, out _, out var p)) continue;
                if (code == MgmtPacket.EvDeviceFound) { Record(p, seen, options); continue; }
                if (code is not (MgmtPacket.EvCommandComplete or MgmtPacket.EvCommandStatus)) continue;
                if (!MgmtPacket.TryReadCommandResult(p, out ushort op, out byte status, out var returned) || op != opcode) continue;
                if (status != MgmtPacket.StatusSuccess) throw StatusError(opcode, index, status);
                return returned.ToArray();
            }
        }
        catch (OperationCanceledException) when (!cancel.IsCancellationRequested)
        {
            throw new SensorLinkException(SensorLinkError.Timeout, $"The Bluetooth management interface did not answer command 0x{opcode:X4} within 5 s");
        }
    }

    private static SensorLinkException StatusError(ushort opcode, ushort index, byte status)
    {
        string adapter = "hci" + index.ToString(CultureInfo.InvariantCulture);
        return status switch
        {
            MgmtPacket.StatusPermissionDenied => SensorLinkException.NoBluetooth(
                "permission denied starting discovery; run with CAP_NET_ADMIN (e.g. setcap cap_net_admin,cap_net_raw+eip on the binary)"),
            MgmtPacket.StatusNotPowered => SensorLinkException.NoBluetooth($"adapter {adapter} is powered off; power it on with 'bluetoothctl power on'"),
            MgmtPacket.StatusRfKilled => SensorLinkException.NoBluetooth($"adapter {adapter} is blocked by rfkill; 'rfkill unblock bluetooth'"),
            MgmtPacket.StatusNotSupported => SensorLinkException.NoBluetooth($"adapter {adapter} does not support Bluetooth LE"),
            _ => new SensorLinkException(SensorLinkError.ConnectFailed,
                $"Bluetooth adapter {adapter} refused management command 0x{opcode:X4}: {MgmtPacket.DescribeStatus(status)}"),
        };
    }

    private static void Record(ReadOnlySpan<byte> p, Dictionary<BluetoothAddress, DiscoveredSensor> seen, ScanOptions options)
    {
        if (!MgmtPacket.TryReadDeviceFound(p, out var address, out byte type, out sbyte rssi, out var eir)) return;
        if (type is not ((byte)BleAddressType.Public or (byte)BleAddressType.Random)) return; // BR/EDR
        if (!Advertisement.TryParse(eir, out var ad)) ad = Advertisement.Empty;
        seen.TryGetValue(address, out var before);
        // An advertisement and its scan response arrive as separate events: merge name and UUIDs, keep the best RSSI.
        var uuids = new List<Att.AttUuid>(before?.ServiceUuids ?? []);
        foreach (var u in ad.ServiceUuids) if (!uuids.Contains(u)) uuids.Add(u);
        string? name = ad.LocalName ?? before?.Name;
        int rssiDbm = before is null ? rssi : Math.Max(before.RssiDbm, rssi);
        bool isSpineSense = uuids.Contains(options.EffectiveServiceUuid);
        seen[address] = new DiscoveredSensor(address, (BleAddressType)type, name, rssiDbm, uuids, isSpineSense);
    }

    // Filtering happens after merging: the UUID may come in the advertisement and the name in the scan response.
    private static bool Wanted(DiscoveredSensor d, ScanOptions options) =>
        options.AllDevices || d.IsSpineSense ||
        (options.NamePrefix is { Length: > 0 } prefix && d.Name is not null && d.Name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase));
}
