using System.Runtime.InteropServices;

namespace SpineSense.Cli.Output;

/// <summary>
/// A file a command writes whole (<c>analyze --angles</c>, <c>simulate</c>'s recording and truth). A regular file (or
/// a path that does not exist yet) is written through a temporary file beside it that is renamed over it only by
/// <see cref="Commit"/>, so a run that fails part-way (disk full, input found unusable late) leaves the previous file
/// whole and no partial file behind. Anything else the user names
/// (a device such as /dev/full, a FIFO, a descriptor such as /dev/stdout) is written straight to: it cannot be
/// replaced atomically, and renaming over it would delete it (as root, /dev/full itself).
/// </summary>
internal sealed class ReplacingFileOutput : IDisposable
{
    private readonly string? _tempPath;
    private readonly string _targetPath;
    private readonly UnixFileMode? _targetMode;
    private bool _committed;

    private ReplacingFileOutput(Stream stream, string targetPath, string? tempPath, UnixFileMode? targetMode = null)
    {
        Stream = stream;
        _targetPath = targetPath;
        _tempPath = tempPath;
        _targetMode = targetMode;
    }

    /// <summary>Rows are written here; the caller disposes it before <see cref="Commit"/>.</summary>
    public Stream Stream { get; }

    /// <param name="open">Creates the file at the path it is given (the temporary one when there is one).</param>
    public static ReplacingFileOutput Open(string path, Func<string, Stream> open)
    {
        string? target = ReplaceableTarget(path);
        var type = target is null ? UnixFileType.Other : FileTypeOf(target);
        if (target is null || type == UnixFileType.Other) return new ReplacingFileOutput(open(path), path, null);

        string temp = Path.Combine(Path.GetDirectoryName(target)!, $".{Path.GetFileName(target)}.{Path.GetRandomFileName()}.tmp");
        var stream = open(temp);
        UnixFileMode? targetMode = null;
        try
        {
            // The replacement keeps the permissions the user gave the old file; until it replaces it, its owner may
            // still write it (Sync opens it for writing), and nobody else may read more than the old file allowed.
            if (type == UnixFileType.Regular && !OperatingSystem.IsWindows())
            {
                targetMode = File.GetUnixFileMode(target);
                File.SetUnixFileMode(temp, targetMode.Value | UnixFileMode.UserWrite);
            }
        }
        catch
        {
            stream.Dispose();
            File.Delete(temp);
            throw;
        }
        return new ReplacingFileOutput(stream, target, temp, targetMode);
    }

    /// <summary>
    /// The file a rename would replace: links are followed, so the link stays and the file it names is replaced (as
    /// writing through it would). Null, for writing in place, when a link passes through /dev or /proc: /dev/stdout
    /// and /proc/self/fd/N name an open descriptor (a pipe, or a file the shell redirected), and replacing the file
    /// behind one would cut off whatever else writes to it, such as the report on stdout.
    /// </summary>
    private static string? ReplaceableTarget(string path)
    {
        string current = Path.GetFullPath(path);
        for (int hop = 0; hop < MaxLinkHops; hop++)
        {
            if (IsUnderDevOrProc(current)) return null;
            string? link = new FileInfo(current).LinkTarget;
            if (link is null) return current;
            current = Path.GetFullPath(link, Path.GetDirectoryName(current)!);
        }
        return null; // a link loop: opening it in place fails with the system's own message
    }

    // Linux follows at most 40 links in one path lookup (MAXSYMLINKS).
    private const int MaxLinkHops = 40;

    private static bool IsUnderDevOrProc(string fullPath) =>
        fullPath.StartsWith("/dev/", StringComparison.Ordinal) || fullPath.StartsWith("/proc/", StringComparison.Ordinal);

    /// <summary>The rows are complete: <see cref="Sync"/>, then <see cref="Replace"/>.</summary>
    public void Commit()
    {
        Sync();
        Replace();
    }

    /// <summary>
    /// The temporary file's data reaches the disk, so that a power cut after the rename cannot leave the new name on an
    /// empty file with the old file gone. Where several files belong together, sync them all before replacing any: a
    /// full disk or quota can first show at the sync.
    /// </summary>
    /// <exception cref="IOException">The sync failed; the temporary file is removed by <see cref="Dispose"/>.</exception>
    public void Sync()
    {
        if (_tempPath is null) return;
        // fsync works on the file, whichever descriptor asks; the caller has already closed its stream.
        using var synced = new FileStream(_tempPath, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
        synced.Flush(flushToDisk: true);
    }

    /// <summary>The temporary file replaces the target (one rename, so never half of it), with the target's permissions.</summary>
    /// <exception cref="IOException">The rename failed; the temporary file is removed by <see cref="Dispose"/>.</exception>
    public void Replace()
    {
        if (_tempPath is not null)
        {
            if (_targetMode is { } mode && !OperatingSystem.IsWindows()) File.SetUnixFileMode(_tempPath, mode);
            File.Move(_tempPath, _targetPath, overwrite: true);
        }
        _committed = true;
    }

    /// <summary>Closes the stream and, unless committed, removes the temporary file.</summary>
    public void Dispose()
    {
        try { Stream.Dispose(); }
        catch (IOException) { /* the last flush failed: the run already reports its failure */ }
        if (_committed || _tempPath is null) return;
        try { File.Delete(_tempPath); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { /* the message says the run failed */ }
    }

    private enum UnixFileType { Missing, Regular, Other }

    private static UnixFileType FileTypeOf(string path)
    {
        if (!File.Exists(path) && !Directory.Exists(path)) return UnixFileType.Missing;
        // .NET has no public call that tells a regular file from a device or FIFO; the runtime's own stat shim does,
        // with a layout that does not depend on the CPU (mode is the second int32). If it cannot be asked, the path
        // is treated as a device: written in place, never replaced.
        try
        {
            var status = new byte[256];
            if (SystemNativeStat(path, status) != 0) return UnixFileType.Other;
            int mode = BitConverter.ToInt32(status, 4);
            return (mode & S_IFMT) == S_IFREG ? UnixFileType.Regular : UnixFileType.Other;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return UnixFileType.Other;
        }
    }

    private const int S_IFMT = 0xF000;
    private const int S_IFREG = 0x8000;

    [DllImport("libSystem.Native", EntryPoint = "SystemNative_Stat")]
    private static extern int SystemNativeStat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, byte[] status);
}
