using System.Runtime.InteropServices;

namespace SpineSense.Cli.Output;

/// <summary>What a path the user names for output is: nothing yet, a regular file, a character device or FIFO (such as
/// /dev/null or /dev/full, written in place), or anything else — a directory, a block device, a socket, or a path whose
/// kind could not be asked.</summary>
internal enum FileKind { Missing, Regular, Device, Other }

internal static class FileKinds
{
    /// <summary>Links are followed, as opening the path would.</summary>
    public static FileKind Of(string path)
    {
        if (!File.Exists(path) && !Directory.Exists(path)) return FileKind.Missing;
        // .NET has no public call that tells a regular file from a device or FIFO; the runtime's own stat shim does,
        // with a layout that does not depend on the CPU (mode is the second int32). If it cannot be asked, the path
        // is Other: never taken for a device, so `record` refuses it rather than write over it in place.
        try
        {
            var status = new byte[256];
            // File.Exists is true for a link to nothing; stat, which follows it, finds nothing there.
            if (SystemNativeStat(path, status) != 0) return FileKind.Missing;
            int mode = BitConverter.ToInt32(status, 4);
            return (mode & S_IFMT) switch
            {
                S_IFREG => FileKind.Regular,
                S_IFCHR or S_IFIFO => FileKind.Device,
                _ => FileKind.Other,
            };
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return FileKind.Other;
        }
    }

    private const int S_IFMT = 0xF000;
    private const int S_IFREG = 0x8000, S_IFCHR = 0x2000, S_IFIFO = 0x1000;

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_Stat")]
    private static extern int SystemNativeStat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, byte[] status);
}
