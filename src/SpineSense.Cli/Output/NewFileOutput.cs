namespace SpineSense.Cli.Output;

/// <summary>
/// A file <c>spinesense record</c> writes as the samples arrive, which must never cost an existing recording. The file is
/// created with O_EXCL (<see cref="FileMode.CreateNew"/>): checking first and creating afterwards would let two runs
/// started at once both pass the check, and the second would truncate the first's file. A path that exists is
/// refused, except an empty regular file (taken under an exclusive lock, so two runs cannot share it) and a device or
/// FIFO such as /dev/null (written in place). Unless <see cref="Keep"/> is called, <see cref="Dispose"/> undoes the
/// file: one it created is removed, an empty one it was given is emptied again, so a run that recorded nothing (no
/// Bluetooth, a sensor out of range) leaves nothing behind. Rows reach the file through a <see cref="WholeLineStream"/>:
/// whatever stops the run, the file ends on a whole line.
/// </summary>
internal sealed class NewFileOutput : IDisposable
{
    private readonly string _path;
    private readonly Origin _origin;
    private readonly FileStream _stream;
    private readonly WholeLineStream _lines;
    private bool _keep;

    private enum Origin { Created, EmptyFile, Device }

    private NewFileOutput(string path, FileStream stream, Origin origin)
    {
        _path = path;
        _stream = stream;
        _lines = new WholeLineStream(stream, regularFile: origin != Origin.Device);
        _origin = origin;
    }

    /// <summary>Rows are written here, whole lines only; writers leave it open, <see cref="Dispose"/> closes it.</summary>
    public Stream Stream => _lines;

    /// <summary>Makes the lines written so far durable (fsync), so a power cut keeps them.</summary>
    public void Sync() => _lines.Sync();

    /// <param name="option">The option that named the path, for the message.</param>
    /// <exception cref="CliException">Exit 2 when the path holds data or cannot be created; 3 when the disk fails.</exception>
    public static NewFileOutput Create(string path, string option)
    {
        try
        {
            try
            {
                return new NewFileOutput(path, Open(path, FileMode.CreateNew, FileShare.Read), Origin.Created);
            }
            catch (IOException e) when (e.HResult == EEXIST && !OperatingSystem.IsWindows())
            {
                // Exists (also a link, even one to nothing: O_EXCL does not follow it).
            }
            var kind = FileKinds.Of(path); // through links: one to /dev/null is /dev/null
            if (Directory.Exists(path))
                throw CliException.Usage($"{path} is a directory: {option} names the file to record into");
            if (kind == FileKind.Device)
                return new NewFileOutput(path, Open(path, FileMode.Open, FileShare.ReadWrite), Origin.Device);
            // A link to a regular file is refused even when it is empty: in a shared directory such as /tmp, someone
            // else's link would make us write where they chose.
            if (kind == FileKind.Regular && new FileInfo(path).LinkTarget is null)
            {
                // FileShare.None is an exclusive flock: a second run that also found it empty fails to open it.
                var stream = Open(path, FileMode.Open, FileShare.None);
                if (stream.Length == 0) return new NewFileOutput(path, stream, Origin.EmptyFile);
                stream.Dispose();
            }
        }
        catch (IOException e) when (e.HResult == EWOULDBLOCK && !OperatingSystem.IsWindows())
        {
            throw CliException.Usage($"{path} is being written by another run: {option} never overwrites a recording; choose another name");
        }
        catch (Exception e) when (OutputFailure.IsFileError(e))
        {
            throw new CliException(OutputFailure.ExitCodeFor(e), $"{path}: cannot write output: {OutputFailure.Reason(e, path)}");
        }
        throw CliException.Usage($"{path} already exists: {option} never overwrites a recording; choose another name or remove it");
    }

    private const int EWOULDBLOCK = 11, EEXIST = 17;

    // Unbuffered: the writers above buffer whole rows, and each of their writes must reach the file as one write call
    // (WholeLineStream cuts a failed one back to its last whole line).
    private static FileStream Open(string path, FileMode mode, FileShare share) =>
        new(path, mode, FileAccess.Write, share, bufferSize: 0);

    /// <summary>The run produced something worth keeping: <see cref="Dispose"/> leaves the file.</summary>
    public void Keep() => _keep = true;

    public void Dispose()
    {
        if (!_keep && _origin == Origin.EmptyFile)
        {
            // Still holding the lock: nobody else can have written to it since we found it empty.
            try { _stream.SetLength(0); }
            catch (IOException) { /* the run already reports its failure */ }
        }
        try { _lines.Dispose(); }
        catch (IOException) { /* the last flush failed (disk full): the run already reports its failure */ }
        if (!_keep && _origin == Origin.Created)
        {
            try { File.Delete(_path); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { /* as above */ }
        }
    }
}
