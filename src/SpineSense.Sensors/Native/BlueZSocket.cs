using SpineSense.Sensors.Transport;

namespace SpineSense.Sensors.Native;

/// <summary>
/// Opens AF_BLUETOOTH sockets and turns "this machine cannot do Bluetooth" into the one
/// <see cref="SensorLinkException"/> (NoBluetooth) whose message points to the simulated sensor.
/// </summary>
internal static class BlueZSocket
{
    public const int BTPROTO_L2CAP = 0;
    public const int BTPROTO_HCI = 1;
    public const int SOL_BLUETOOTH = 274;
    public const int BT_SECURITY = 4;

    /// <summary>socket(AF_BLUETOOTH, type | SOCK_NONBLOCK | SOCK_CLOEXEC, protocol), or NoBluetooth.</summary>
    public static SafeFdHandle Open(int type, int protocol, string what)
    {
        int fd = LibC.Socket(LibC.AF_BLUETOOTH, type | LibC.SOCK_NONBLOCK | LibC.SOCK_CLOEXEC, protocol);
        if (fd >= 0) return new SafeFdHandle(fd);
        int errno = LibC.LastErrno;
        throw errno switch
        {
            LibC.EAFNOSUPPORT or LibC.EPROTONOSUPPORT or LibC.ESOCKTNOSUPPORT =>
                SensorLinkException.NoBluetooth($"the kernel has no Bluetooth support: socket(AF_BLUETOOTH, {what}) failed with {LibC.Describe(errno)}"),
            LibC.EPERM or LibC.EACCES =>
                SensorLinkException.NoBluetooth($"permission denied opening a Bluetooth {what} socket ({LibC.Describe(errno)}); grant CAP_NET_RAW and CAP_NET_ADMIN"),
            _ => new SensorLinkException(SensorLinkError.ConnectFailed, $"Could not open a Bluetooth {what} socket ({LibC.Describe(errno)})"),
        };
    }

    /// <summary>True when the kernel lists at least one Bluetooth controller (hciN) in sysfs.</summary>
    public static bool AnyAdapterPresent()
    {
        try
        {
            // entries are symlinks (hci0 -> ../../devices/...), so list file-system entries, not directories
            return Directory.Exists("/sys/class/bluetooth") && Directory.EnumerateFileSystemEntries("/sys/class/bluetooth", "hci*").Any();
        }
        catch (IOException) { return false; }
        catch (UnauthorizedAccessException) { return true; } // cannot tell; let the socket call decide
    }

    internal static FdPacketTransport Wrap(SafeFdHandle fd, string name) => new(fd, name);
}
