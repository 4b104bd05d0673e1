using System.Buffers.Binary;
using System.Collections.Concurrent;
using SpineSense.Sensors.Ble;
using SpineSense.Sensors.Discovery;
using SpineSense.Sensors.Transport;

namespace SpineSense.Sensors.Tests.Fakes;

/// <summary>
/// The kernel side of the BlueZ management socket, faked over a socket pair: answers Read Index List, Start and Stop
/// Discovery with Command Complete (or a configured status) and emits Device Found events on request.
/// Also compiled into SpineSense.Cli.Tests as a linked file (the scan command's tests), like CountingTransport.
/// </summary>
internal sealed class FakeMgmtController : IAsyncDisposable
{
    private readonly IPacketTransport _transport;
    private readonly Task _loop;

    public FakeMgmtController(IPacketTransport transport)
    {
        _transport = transport;
        _loop = Task.Run(RunAsync);
    }

    private int _sent, _delivered, _discoveryEventsSent;

    public ushort[] Adapters { get; set; } = [0];

    /// <summary>Packets this fake kernel sent, and how many of them the scanner has taken from its socket.</summary>
    public int Sent => Volatile.Read(ref _sent);
    public int Delivered => Volatile.Read(ref _delivered);

    /// <summary>True once discovery started and every <see cref="OnDiscoveryStarted"/> event was sent.</summary>
    public bool DiscoveryEventsSent => Volatile.Read(ref _discoveryEventsSent) == 1;

    /// <summary>
    /// True when the scanner has taken in everything this fake sent after starting discovery: a scan whose window
    /// ends now has seen every event (the scanner records a packet before it asks for the next one).
    /// </summary>
    public bool ScannerHasSeenEverything => DiscoveryEventsSent && Delivered == Sent;
    public byte StartDiscoveryStatus { get; set; }
    public ConcurrentQueue<(ushort Opcode, ushort Index, byte[] Params)> Commands { get; } = new();
    /// <summary>Connections Get Connection Information knows, with the RSSI it reports (127 = unknown); others get "not connected".</summary>
    public ConcurrentDictionary<BluetoothAddress, sbyte> ConnectionRssi { get; } = new();
    /// <summary>The adapter the connections are on; asked about on another, the kernel says "not connected".</summary>
    public ushort ConnectionAdapter { get; set; }
    /// <summary>Device Found events sent right after discovery starts.</summary>
    public List<byte[]> OnDiscoveryStarted { get; } = [];

    public static (Func<CancellationToken, Task<IPacketTransport>> Open, Func<FakeMgmtController> Controller) Factory(Action<FakeMgmtController> setup)
    {
        FakeMgmtController? current = null;
        return (_ =>
        {
            var (a, b) = FdPacketTransport.CreatePair("fake-mgmt");
            var controller = new FakeMgmtController(b);
            current = controller;
            setup(controller);
            return Task.FromResult<IPacketTransport>(new CountingTransport(a, () => Interlocked.Increment(ref controller._delivered)));
        }, () => current!);
    }

    public static byte[] DeviceFound(ushort index, BluetoothAddress address, BleAddressType type, sbyte rssi, byte[] eir)
    {
        var p = new byte[14 + eir.Length];
        address.WriteBdAddr(p);
        p[6] = (byte)type;
        p[7] = (byte)rssi;
        BinaryPrimitives.WriteUInt16LittleEndian(p.AsSpan(12), (ushort)eir.Length);
        eir.CopyTo(p, 14);
        return MgmtPacket.Command(MgmtPacket.EvDeviceFound, index, p);
    }

    private async Task RunAsync()
    {
        try
        {
            while (await _transport.ReceiveAsync(CancellationToken.None) is { } packet)
            {
                MgmtPacket.TryRead(packet, out ushort op, out ushort index, out var p);
                Commands.Enqueue((op, index, p.ToArray()));
                switch (op)
                {
                    case MgmtPacket.OpReadIndexList:
                        var list = new byte[2 + 2 * Adapters.Length];
                        BinaryPrimitives.WriteUInt16LittleEndian(list, (ushort)Adapters.Length);
                        for (int i = 0; i < Adapters.Length; i++) BinaryPrimitives.WriteUInt16LittleEndian(list.AsSpan(2 + 2 * i), Adapters[i]);
                        await Complete(op, MgmtPacket.IndexNone, 0, list);
                        break;
                    case MgmtPacket.OpStartDiscovery:
                        await Complete(op, index, StartDiscoveryStatus, [MgmtPacket.DiscoveryTypeLe]);
                        if (StartDiscoveryStatus == 0)
                        {
                            foreach (var ev in OnDiscoveryStarted) await Send(ev);
                            Volatile.Write(ref _discoveryEventsSent, 1);
                        }
                        break;
                    case MgmtPacket.OpGetConnInfo:
                        // Return parameters are sent with every status: | Address | Type | RSSI | TX Power | Max TX Power |.
                        var addr = BluetoothAddress.ReadBdAddr(p);
                        bool connected = ConnectionRssi.TryGetValue(addr, out sbyte rssi) & index == ConnectionAdapter;
                        byte[] info = [.. p[..7], (byte)(connected ? rssi : MgmtPacket.ConnInfoUnknown), 4, 8];
                        await Complete(op, index, connected ? (byte)0 : (byte)0x02, info);
                        break;
                    case MgmtPacket.OpStopDiscovery:
                        await Complete(op, index, 0, [MgmtPacket.DiscoveryTypeLe]);
                        break;
                }
            }
        }
        catch (SensorLinkException) { }
    }

    private ValueTask Send(byte[] packet)
    {
        Interlocked.Increment(ref _sent);
        return _transport.SendAsync(packet, CancellationToken.None);
    }

    private ValueTask Complete(ushort opcode, ushort index, byte status, byte[] returned)
    {
        var p = new byte[3 + returned.Length];
        BinaryPrimitives.WriteUInt16LittleEndian(p, opcode);
        p[2] = status;
        returned.CopyTo(p, 3);
        return Send(MgmtPacket.Command(status == 0 ? MgmtPacket.EvCommandComplete : MgmtPacket.EvCommandStatus, index, p));
    }

    public async ValueTask DisposeAsync()
    {
        await _transport.DisposeAsync();
        await _loop;
    }
}
