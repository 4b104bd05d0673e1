using SpineSense.Recording;
using SpineSense.Sensors.Replay;

namespace SpineSense.Cli.Input;

/// <summary>
/// `record` writes two files, the recording CSV (--out, for analyze) and the packet log (--log, for replay:FILE); they
/// are easy to swap. Each reader's own message only says the first line is wrong: these name the file that was given
/// and the command that reads it.
/// </summary>
internal static class RecordFiles
{
    /// <summary>Advice when <paramref name="path"/>, given to analyze, is a packet log; empty otherwise.</summary>
    public static string PacketLogHint(string path) =>
        FirstLineStartsWith(path, PacketLogFormat.Magic)
            ? "; this is a packet log ('record --log', played by --sensor replay:FILE): analyze reads the recording CSV ('record --out')"
            : "";

    /// <summary>True when <paramref name="path"/>, given as replay:FILE, is a recording CSV rather than a packet log.</summary>
    public static bool IsRecording(string path) => FirstLineStartsWith(path, RecordingFormat.HeaderLine);

    private static bool FirstLineStartsWith(string path, string prefix)
    {
        try
        {
            // Only a regular file is opened a second time: a FIFO (or /dev/stdin on a pipe) reports no length, and
            // opening it again waits for a writer that may never come, after its own reader already had the data.
            var file = new FileInfo(path);
            if (file.LinkTarget is not null && file.ResolveLinkTarget(returnFinalTarget: true) is FileInfo target) file = target;
            if (!file.Exists || file.Length < prefix.Length) return false;
            using var reader = new StreamReader(path);
            var buffer = new char[prefix.Length];
            return reader.ReadBlock(buffer, 0, buffer.Length) == buffer.Length && new string(buffer) == prefix;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false; // the reader that follows reports why the file cannot be read
        }
    }
}
