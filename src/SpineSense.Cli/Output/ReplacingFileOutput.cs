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

    /// <param name="open">Creates the file at the path it is given (the temporary one when there is one; for an existing
    /// target that file already exists, empty, and is to be truncated, not replaced).</param>
    public static ReplacingFileOutput Open(string path, Func<string, Stream> open)
    {
        string? target = ReplaceableTarget(path);
        var kind = target is null ? FileKind.Other : FileKinds.Of(target);
        // A device is written in place: it cannot be replaced, only truncated. So is a path whose kind could not be asked
        // (no stat): renaming over what may be a device would be worse than losing the atomic replace of a regular file.
        if (target is null || kind is FileKind.Device or FileKind.Other) return new ReplacingFileOutput(open(path), path, null);

        string temp = Path.Combine(Path.GetDirectoryName(target)!, $".{Path.GetFileName(target)}.{Path.GetRandomFileName()}.tmp");
        UnixFileMode? targetMode = null;
        if (kind == FileKind.Regular && !OperatingSystem.IsWindows())
        {
            // The replacement keeps the permissions the user gave the old file, and nobody may read it more than the
            // old file allowed from the instant it exists: a reader who opened it while it still had the default mode
            // (0644) would keep reading through that descriptor after a later chmod. Until it replaces the old file its
            // owner may still write it (Sync opens it for writing); that grants nothing, the owner can chmod anyway.
            targetMode = File.GetUnixFileMode(target);
            CreateEmpty(temp, (targetMode.Value | UnixFileMode.UserWrite) & PermissionBits);
        }
        Stream stream;
        try
        {
            stream = open(temp);
        }
        catch
        {
            if (targetMode is not null) TryDelete(temp);
            throw;
        }
        return new ReplacingFileOutput(stream, target, temp, targetMode);
    }

    private const UnixFileMode PermissionBits = (UnixFileMode)0x1FF; // rwxrwxrwx; set-id and sticky bits are restored by Replace

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static void CreateEmpty(string path, UnixFileMode mode)
    {
        // O_CREAT|O_EXCL with the mode given to open(2) (the umask can only narrow it further).
        using var created = new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None, UnixCreateMode = mode,
        });
    }

    private static void TryDelete(string path)
    {
        try { File.Delete(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { /* the run reports its own failure */ }
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
        TryDelete(_tempPath);
    }
}
