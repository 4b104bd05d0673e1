using System.Globalization;
using SpineSense.Sensors.Native;
using SpineSense.Sensors.Transport;

namespace SpineSense.Sensors.Ble;

/// <summary>
/// Opens the ATT bearer of an LE connection: an L2CAP SOCK_SEQPACKET socket on the fixed ATT channel (CID 4).
/// The kernel (BlueZ) creates the LE connection when the socket connects; no bluetoothd or D-Bus is involved,
/// although bluetoothd may run alongside. Needs a kernel with CONFIG_BT and a powered controller.
/// </summary>
public static class L2capAttBearer
{
    /// <summary>The ATT fixed channel on LE (Core Vol 3 Part A 2.1).</summary>
    public const ushort AttCid = 4;

    // struct sockaddr_l2 (include/net/bluetooth/l2cap.h), 14 bytes:
    // | l2_family u16 | l2_psm le16 | l2_bdaddr bdaddr_t (6) | l2_cid le16 | l2_bdaddr_type u8 | pad |
    private const int SockaddrL2Size = 14;

    /// <summary>
    /// Connects to <paramref name="address"/> and returns the bearer. Throws <see cref="SensorLinkException"/>:
    /// NoBluetooth (no kernel support, no adapter, no permission), Timeout, ConnectFailed.
    /// </summary>
    public static async Task<IPacketTransport> ConnectAsync(BluetoothAddress address, BleLinkOptions options, CancellationToken cancel)
    {
        var fd = BlueZSocket.Open(LibC.SOCK_SEQPACKET, BlueZSocket.BTPROTO_L2CAP, "L2CAP");
        try
        {
            Bind(fd);
            SetSecurity(fd, options.Security);
            await Task.Run(() => Connect(fd, address, options, cancel), cancel).ConfigureAwait(false);
            return BlueZSocket.Wrap(fd, "att " + address);
        }
        catch
        {
            fd.Dispose();
            throw;
        }
    }

    private static unsafe void Bind(SafeFdHandle fd)
    {
        // Local side: any adapter (BDADDR_ANY), ATT CID, LE public type — as BlueZ's own tools do for LE ATT.
        byte* sa = stackalloc byte[SockaddrL2Size];
        new Span<byte>(sa, SockaddrL2Size).Clear();
        WriteSockaddr(new Span<byte>(sa, SockaddrL2Size), default, BleAddressType.Public);
        if (LibC.Bind(fd.Fd, sa, SockaddrL2Size) != 0)
            throw new SensorLinkException(SensorLinkError.ConnectFailed, $"Could not bind the L2CAP ATT socket ({LibC.Describe(LibC.LastErrno)})");
    }

    private static unsafe void SetSecurity(SafeFdHandle fd, BleSecurity security)
    {
        // struct bt_security { u8 level; u8 key_size; }
        byte* sec = stackalloc byte[2];
        sec[0] = (byte)security;
        sec[1] = 0;
        if (LibC.SetSockOpt(fd.Fd, BlueZSocket.SOL_BLUETOOTH, BlueZSocket.BT_SECURITY, sec, 2) != 0)
            throw new SensorLinkException(SensorLinkError.ConnectFailed, $"Could not set the Bluetooth security level ({LibC.Describe(LibC.LastErrno)})");
    }

    private static unsafe void Connect(SafeFdHandle fd, BluetoothAddress address, BleLinkOptions options, CancellationToken cancel)
    {
        byte* sa = stackalloc byte[SockaddrL2Size];
        new Span<byte>(sa, SockaddrL2Size).Clear();
        WriteSockaddr(new Span<byte>(sa, SockaddrL2Size), address, options.AddressType);
        if (LibC.Connect(fd.Fd, sa, SockaddrL2Size) == 0) return;
        int errno = LibC.LastErrno;
        if (errno != LibC.EINPROGRESS) throw ConnectError(errno, address);

        long deadline = Environment.TickCount64 + (long)options.EffectiveConnectTimeout.TotalMilliseconds;
        while (true)
        {
            cancel.ThrowIfCancellationRequested();
            int left = (int)Math.Min(200, deadline - Environment.TickCount64);
            if (left <= 0)
                throw new SensorLinkException(SensorLinkError.Timeout,
                    $"No connection to sensor {address} within {options.EffectiveConnectTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s: is it switched on, in range and advertising?");
            var pfd = new LibC.PollFd { Fd = fd.Fd, Events = LibC.POLLOUT };
            int ready = LibC.Poll(&pfd, 1, left);
            if (ready <= 0) continue;
            int soError = 0, len = sizeof(int);
            LibC.GetSockOpt(fd.Fd, LibC.SOL_SOCKET, LibC.SO_ERROR, (byte*)&soError, &len);
            if (soError == 0) return;
            throw ConnectError(soError, address);
        }
    }

    private static SensorLinkException ConnectError(int errno, BluetoothAddress address)
    {
        if (errno == LibC.EHOSTUNREACH && !BlueZSocket.AnyAdapterPresent())
            return SensorLinkException.NoBluetooth("no Bluetooth adapter found");
        return errno switch
        {
            LibC.ENETDOWN or LibC.ENODEV => SensorLinkException.NoBluetooth($"the Bluetooth adapter is down or blocked by rfkill ({LibC.Describe(errno)})"),
            LibC.EPERM or LibC.EACCES => SensorLinkException.NoBluetooth($"permission denied connecting over Bluetooth ({LibC.Describe(errno)})"),
            LibC.ETIMEDOUT or LibC.EHOSTDOWN => new SensorLinkException(SensorLinkError.Timeout,
                $"Sensor {address} did not answer the connection request ({LibC.Describe(errno)}): is it switched on and in range?"),
            _ => new SensorLinkException(SensorLinkError.ConnectFailed, $"Could not connect to sensor {address} ({LibC.Describe(errno)})"),
        };
    }

    internal static void WriteSockaddr(Span<byte> sa, BluetoothAddress address, BleAddressType type)
    {
        sa[0] = LibC.AF_BLUETOOTH; sa[1] = 0;            // l2_family
        sa[2] = 0; sa[3] = 0;                             // l2_psm: 0 for a fixed channel
        address.WriteBdAddr(sa[4..10]);                   // l2_bdaddr
        sa[10] = (byte)AttCid; sa[11] = AttCid >> 8;      // l2_cid (le16)
        sa[12] = (byte)type;                              // l2_bdaddr_type
    }
}
