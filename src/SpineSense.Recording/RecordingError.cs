namespace SpineSense.Recording;

/// <summary>Why a recording was rejected (contract section 2). Carried by <see cref="RecordingFormatException"/>.</summary>
public enum RecordingError
{
    /// <summary>The file could not be opened or read (not found, no permission, I/O failure).</summary>
    Io,
    /// <summary>The file has no bytes (or only whitespace).</summary>
    Empty,
    /// <summary>The first line is not <c># spinesense-recording: 1</c>.</summary>
    MissingHeader,
    /// <summary>The header names a format version this reader does not know.</summary>
    UnsupportedVersion,
    /// <summary>A data row came before the column header, or the file ended without one.</summary>
    MissingColumnHeader,
    /// <summary>The column header line is not exactly the contract's.</summary>
    WrongColumnHeader,
    /// <summary>A data row does not have exactly 7 comma-separated fields.</summary>
    WrongFieldCount,
    /// <summary>A field is not a number (or is NaN/infinite).</summary>
    NotANumber,
    /// <summary><c>time_s</c> is not strictly greater than the previous row's.</summary>
    TimeNotIncreasing,
    /// <summary>The header is fine but there is not a single data row.</summary>
    NoData,
    /// <summary>A single line is longer than <see cref="RecordingReader.MaxLineBytes"/>.</summary>
    LineTooLong,
}
