using System.Text;
using SpineSense.Motion.Samples;

namespace SpineSense.Recording;

/// <summary>
/// Reads and validates the contract's recording CSV (contract section 2). The only exception that
/// escapes is <see cref="RecordingFormatException"/> (bad content and I/O errors alike).
/// </summary>
/// <remarks>
/// Rules, beyond the contract's text: a UTF-8 byte order mark is skipped; lines end in LF or CRLF and
/// the last line may lack one; blank lines are skipped; <c>#</c> comment lines may appear anywhere after
/// the first line, including between data rows; fields may carry blanks around the number. A bad data row that is
/// the last line and lacks its line end is reported as where the recording was cut off (a recorder killed or a disk
/// filled mid-write), with the count of intact rows before it and how to keep them. Parsing works
/// on bytes read in 1 MiB blocks and allocates nothing per row beyond the growing output array, so a
/// one-hour 200 Hz file (720,000 rows) reads in well under a second.
/// </remarks>
public static class RecordingReader
{
    /// <summary>Lines longer than this are rejected rather than buffered without bound.</summary>
    public const int MaxLineBytes = 1 << 20;

    private const int BlockBytes = 1 << 20;

    /// <summary>Reads a recording file. <paramref name="path"/> is used verbatim in error messages.</summary>
    public static ImuRecording Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException or System.Security.SecurityException)
        {
            throw new RecordingFormatException(path, 0, RecordingError.Io, DescribeIoFailure(e), e);
        }
        using (stream)
            return Read(stream, path);
    }

    /// <summary>Reads a recording from a stream; <paramref name="sourceName"/> names it in error messages.</summary>
    public static ImuRecording Read(Stream stream, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(sourceName);
        long lengthHint = 0;
        try
        {
            if (stream.CanSeek) lengthHint = stream.Length - stream.Position;
        }
        catch (Exception e) when (e is IOException or NotSupportedException) { lengthHint = 0; }
        var parser = new LineParser(sourceName, lengthHint);
        try
        {
            ReadLines(stream, parser);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ObjectDisposedException or NotSupportedException)
        {
            throw new RecordingFormatException(sourceName, 0, RecordingError.Io, DescribeIoFailure(e), e);
        }
        return parser.Finish();
    }

    /// <summary>Parses recording text held in memory (tests, small inputs).</summary>
    public static ImuRecording Parse(string text, string sourceName = "<text>")
    {
        ArgumentNullException.ThrowIfNull(text);
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text), writable: false);
        return Read(stream, sourceName);
    }

    private static void ReadLines(Stream stream, LineParser parser)
    {
        byte[] buffer = new byte[BlockBytes];
        int filled = 0;
        bool first = true;
        while (true)
        {
            int read = stream.Read(buffer, filled, buffer.Length - filled);
            filled += read;
            int start = 0;
            if (first && filled >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF) start = 3;
            first = false;
            while (true)
            {
                int newline = buffer.AsSpan(start, filled - start).IndexOf((byte)'\n');
                if (newline < 0) break;
                parser.Line(buffer.AsSpan(start, newline));
                start += newline + 1;
            }
            if (read == 0)
            {
                if (start < filled) parser.LastLineWithoutEnd(buffer.AsSpan(start, filled - start));
                return;
            }
            int remaining = filled - start;
            if (remaining == buffer.Length)
            {
                // One line fills the whole block: grow once up to the cap, then give up on it.
                if (buffer.Length >= MaxLineBytes + 2) parser.FailLineTooLong();
                Array.Resize(ref buffer, Math.Max(buffer.Length * 2, MaxLineBytes + 2));
            }
            else if (start > 0)
            {
                Buffer.BlockCopy(buffer, start, buffer, 0, remaining);
            }
            filled = remaining;
        }
    }

    internal static string DescribeIoFailure(Exception e) => e switch
    {
        FileNotFoundException => "file not found",
        DirectoryNotFoundException => "directory not found",
        UnauthorizedAccessException => "permission denied",
        PathTooLongException => "path too long",
        ArgumentException or NotSupportedException => "not a valid file path",
        _ => "cannot read: " + e.Message,
    };
}
