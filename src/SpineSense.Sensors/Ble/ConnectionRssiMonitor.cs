using SpineSense.Sensors.Discovery;
using SpineSense.Sensors.Transport;

namespace SpineSense.Sensors.Ble;

/// <summary>
/// Measures the signal strength of one open LE connection by asking the kernel over the BlueZ management socket
/// (Get Connection Information, doc/mgmt-api.txt) every <see cref="BleLinkOptions.EffectiveRssiPollInterval"/>.
/// It runs on its own task with its own socket, never on the sample path; any error (no management socket, no
/// permission, no adapter, no reply) leaves <see cref="RssiDbm"/> unknown rather than failing the link.
/// </summary>
public sealed class ConnectionRssiMonitor : IAsyncDisposable
{
    // A reply normally comes back in a millisecond; a silent kernel must not stall the polling for long.
    private static readonly TimeSpan ReplyTimeout = TimeSpan.FromSeconds(1);
    private const int Unknown = int.MinValue;

    private readonly BluetoothAddress _address;
    private readonly BleAddressType _type;
    private readonly Func<CancellationToken, Task<IPacketTransport>> _openMgmt;
    private readonly TimeProvider _time;
    private readonly TimeSpan _interval;
    private readonly CancellationTokenSource _stop = new();
    private Task _loop = Task.CompletedTask;
    private int _rssiDbm = Unknown;

    public ConnectionRssiMonitor(BluetoothAddress address, BleAddressType type,
        Func<CancellationToken, Task<IPacketTransport>> openMgmt, TimeProvider time, TimeSpan interval)
    {
        _address = address;
        _type = type;
        _openMgmt = openMgmt;
        _time = time;
        _interval = interval;
    }

    /// <summary>Last RSSI the controller reported, dBm; null before the first answer, when it reports 127 (unknown) or on error.</summary>
    public double? RssiDbm => Volatile.Read(ref _rssiDbm) is var v && v != Unknown ? v : null;

    /// <summary>Completed polls (answered or not), for tests.</summary>
    public int Polls => Volatile.Read(ref _polls);
    private int _polls;

    public void Start() => _loop = Task.Run(() => RunAsync(_stop.Token));

    private async Task RunAsync(CancellationToken stop)
    {
        IPacketTransport? mgmt = null;
        try
        {
            mgmt = await _openMgmt(stop).ConfigureAwait(false);
            var (status, list) = await CommandAsync(mgmt, MgmtPacket.OpReadIndexList, MgmtPacket.IndexNone, [], stop).ConfigureAwait(false);
            // The kernel picks the adapter for an L2CAP connect; with several, the connection is on one of them.
            var adapters = new List<ushort>();
            int count = list.Length >= 2 ? list[0] | list[1] << 8 : 0;
            for (int i = 0; i < count && list.Length >= 4 + 2 * i; i++) adapters.Add((ushort)(list[2 + 2 * i] | list[3 + 2 * i] << 8));
            if (status != MgmtPacket.StatusSuccess || adapters.Count == 0) return;
            var parameters = MgmtPacket.GetConnInfoParameters(_address, _type);
            while (!stop.IsCancellationRequested)
            {
                int rssi = Unknown;
                foreach (ushort index in adapters)
                {
                    var (s, returned) = await CommandAsync(mgmt, MgmtPacket.OpGetConnInfo, index, parameters, stop).ConfigureAwait(false);
                    if (s == MgmtPacket.StatusSuccess && MgmtPacket.TryReadConnInfo(returned, out var addr, out _, out sbyte? r) && addr == _address)
                    {
                        rssi = r ?? Unknown;
                        break;
                    }
                }
                Volatile.Write(ref _rssiDbm, rssi);
                Interlocked.Increment(ref _polls);
                await Task.Delay(_interval, _time, stop).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) { }
        catch (SensorLinkException) { } // no Bluetooth, no permission, socket gone: the signal stays unknown
        catch (TimeoutException) { }
        catch (ObjectDisposedException) { }
        finally
        {
            Volatile.Write(ref _rssiDbm, Unknown);
            if (mgmt is not null) await mgmt.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Sends a command and waits for its Command Complete / Status, skipping unrelated events.</summary>
    private async Task<(byte Status, byte[] Returned)> CommandAsync(IPacketTransport mgmt, ushort opcode, ushort index,
        byte[] parameters, CancellationToken stop)
    {
        using var timeout = new CancellationTokenSource(ReplyTimeout, _time);
        using var both = CancellationTokenSource.CreateLinkedTokenSource(stop, timeout.Token);
        await mgmt.SendAsync(MgmtPacket.Command(opcode, index, parameters), both.Token).ConfigureAwait(false);
        while (true)
        {
            byte[]? packet;
            try
            {
                packet = await mgmt.ReceiveAsync(both.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!stop.IsCancellationRequested)
            {
                throw new TimeoutException($"No reply to management command 0x{opcode:X4}");
            }
            if (packet is null) throw new SensorLinkException(SensorLinkError.Disconnected, "The management socket closed");
            if (!MgmtPacket.TryRead(packet, out ushort code, out ushort evIndex, out var p)) continue;
            if (code is not (MgmtPacket.EvCommandComplete or MgmtPacket.EvCommandStatus) || evIndex != index) continue;
            if (!MgmtPacket.TryReadCommandResult(p, out ushort op, out byte status, out var returned) || op != opcode) continue;
            return (status, returned.ToArray());
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }
}
