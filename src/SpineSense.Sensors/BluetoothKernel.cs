using SpineSense.Sensors.Native;

namespace SpineSense.Sensors;

/// <summary>Asks the kernel whether it can do Bluetooth at all, without touching any adapter.</summary>
public static class BluetoothKernel
{
    /// <summary>
    /// False when socket(AF_BLUETOOTH, …) fails with EAFNOSUPPORT: the kernel was built without Bluetooth or the module
    /// cannot load (containers, CI). True otherwise, which still says nothing about adapters or permissions.
    /// </summary>
    public static bool HasBluetoothSupport()
    {
        int fd = LibC.Socket(LibC.AF_BLUETOOTH, LibC.SOCK_SEQPACKET | LibC.SOCK_CLOEXEC, BlueZSocket.BTPROTO_L2CAP);
        if (fd >= 0)
        {
            LibC.Close(fd);
            return true;
        }
        return LibC.LastErrno is not (LibC.EAFNOSUPPORT or LibC.EPROTONOSUPPORT or LibC.ESOCKTNOSUPPORT);
    }
}
