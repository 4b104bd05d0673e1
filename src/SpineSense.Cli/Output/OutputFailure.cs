namespace SpineSense.Cli.Output;

/// <summary>
/// The one exit code for a file a command could not write, shared by every command so that the same cause gives the
/// same code whether it shows when the file is created, written, synced or renamed into place:
/// the path the user named cannot be written (no such directory, permission denied, not a valid path, a directory,
/// a file that must not be replaced) is bad input, exit 2, fixed by naming another path; the disk failing under a
/// usable path (full, an I/O error, a vanished mount) is the environment, exit 3.
/// </summary>
internal static class OutputFailure
{
    /// <summary>The exceptions creating, writing, syncing or renaming a file throws for the reasons above.</summary>
    public static bool IsFileError(Exception e) =>
        e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException;

    public static int ExitCodeFor(Exception e) => e switch
    {
        // DirectoryNotFound, FileNotFound and PathTooLong are IOExceptions but name a path that cannot be used.
        UnauthorizedAccessException or ArgumentException or NotSupportedException
            or DirectoryNotFoundException or FileNotFoundException or PathTooLongException => CliException.BadInput,
        IOException io when NamesUnusablePath(io) => CliException.BadInput,
        _ => CliException.Unavailable,
    };

    // On Unix an IOException's HResult is the errno: these say the path itself is unusable, not the disk under it.
    private const int EEXIST = 17, ENOTDIR = 20, EISDIR = 21, EROFS = 30, ELOOP = 40;

    private static bool NamesUnusablePath(IOException e) =>
        !OperatingSystem.IsWindows() && e.HResult is EEXIST or ENOTDIR or EISDIR or EROFS or ELOOP;

    /// <summary>Why, in words that do not repeat the path (the message names it once).</summary>
    public static string Reason(Exception e, string path) => e switch
    {
        // Writing a directory fails with EISDIR, which .NET reports as "access denied".
        UnauthorizedAccessException or IOException when Directory.Exists(path) => "it is a directory",
        DirectoryNotFoundException => "directory not found",
        UnauthorizedAccessException => "permission denied",
        ArgumentException or NotSupportedException => "not a valid file path",
        PathTooLongException => "path too long",
        _ => WithoutPath(e.Message),
    };

    // .NET ends an I/O error's text with " : '/the/full/path'" ("No space left on device : '/tmp/x.csv'"): the
    // message already names the path once, as the user gave it.
    private static string WithoutPath(string message)
    {
        int at = message.LastIndexOf(" : '", StringComparison.Ordinal);
        return at > 0 && message.EndsWith('\'') ? message[..at] : message;
    }
}
