namespace SpineSense.Recording;

/// <summary>
/// The one exception <see cref="RecordingReader"/> lets escape. <see cref="Exception.Message"/> is a single
/// line a user can act on, in the compiler style <c>rec.csv:17: expected 7 comma-separated fields, got 6</c>
/// (or <c>rec.csv: file not found</c> when no line is involved).
/// </summary>
public sealed class RecordingFormatException : Exception
{
    public RecordingFormatException(string filePath, int lineNumber, RecordingError error, string detail, Exception? inner = null)
        : base(Format(filePath, lineNumber, detail), inner)
    {
        FilePath = filePath;
        LineNumber = lineNumber;
        Error = error;
        Detail = detail;
    }

    /// <summary>The path (or source name) as the caller gave it.</summary>
    public string FilePath { get; }

    /// <summary>1-based line of the problem; 0 when the problem is not on a line (I/O error).</summary>
    public int LineNumber { get; }

    public RecordingError Error { get; }

    /// <summary>The message without the <c>file:line:</c> prefix.</summary>
    public string Detail { get; }

    private static string Format(string filePath, int lineNumber, string detail) =>
        lineNumber > 0 ? $"{filePath}:{lineNumber}: {detail}" : $"{filePath}: {detail}";
}
