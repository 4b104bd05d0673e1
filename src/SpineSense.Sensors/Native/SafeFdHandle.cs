using System.Runtime.InteropServices;

namespace SpineSense.Sensors.Native;

/// <summary>Owns a Linux file descriptor and closes it exactly once.</summary>
internal sealed class SafeFdHandle : SafeHandle
{
    public SafeFdHandle(int fd) : base(invalidHandleValue: -1, ownsHandle: true) => SetHandle(fd);

    public override bool IsInvalid => handle == -1;

    public int Fd => (int)handle;

    protected override bool ReleaseHandle() => LibC.Close((int)handle) == 0;
}
