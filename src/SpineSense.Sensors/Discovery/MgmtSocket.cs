using SpineSense.Sensors.Native;
using SpineSense.Sensors.Transport;

namespace SpineSense.Sensors.Discovery;

/// <summary>
/// Opens the BlueZ management socket: AF_BLUETOOTH / SOCK_RAW / BTPROTO_HCI bound to HCI_DEV_NONE on
/// HCI_CHANNEL_CONTROL. Any process may bind it, but only one with CAP_NET_ADMIN is "trusted" and may start discovery;
/// others get "permission denied" back from Start Discovery.
/// </summary>
public static class MgmtSocket
{
    private const ushort HciDevNone = 0xFFFF;
    private const ushort HciChannelControl = 3;

    public static unsafe Task<IPacketTransport> OpenAsync(CancellationToken cancel)
    {
        cancel.ThrowIfCancellationRequested();
        var fd = BlueZSocket.Open(LibC.SOCK_RAW, BlueZSocket.BTPROTO_HCI, "management");
        // struct sockaddr_hci { sa_family_t hci_family; unsigned short hci_dev; unsigned short hci_channel; }
        byte* sa = stackalloc byte[6];
        sa[0] = LibC.AF_BLUETOOTH; sa[1] = 0;
        sa[2] = unchecked((byte)HciDevNone); sa[3] = HciDevNone >> 8;
        sa[4] = (byte)HciChannelControl; sa[5] = 0;
        if (LibC.Bind(fd.Fd, sa, 6) != 0)
        {
            int errno = LibC.LastErrno;
            fd.Dispose();
            throw errno is LibC.EPERM or LibC.EACCES
                ? SensorLinkException.NoBluetooth($"permission denied binding the Bluetooth management socket ({LibC.Describe(errno)}); grant CAP_NET_ADMIN")
                : new SensorLinkException(SensorLinkError.ConnectFailed, $"Could not bind the Bluetooth management socket ({LibC.Describe(errno)})");
        }
        return Task.FromResult<IPacketTransport>(BlueZSocket.Wrap(fd, "mgmt"));
    }
}
