using System.Text;
using SpineSense.Motion.Samples;

namespace SpineSense.Recording;

/// <summary>
/// The reader's state machine: header line, comments, column header, then data rows. Fed one line at a
/// time (bytes without the LF); throws <see cref="RecordingFormatException"/> at the first bad line.
/// </summary>
internal sealed class LineParser
{
    private enum Stage { Header, Columns, Data }

    private const int AverageRowBytesGuess = 48;
    private const int MaxQuotedChars = 60;

    private readonly string _source;
    private readonly long _lengthHint;
    private readonly Dictionary<string, string> _metadata = new(StringComparer.Ordinal);
    private Stage _stage = Stage.Header;
    private int _lineNumber;
    private int _version;
    private ImuSample[] _samples;
    private int _count;
    private long _dataBytes;
    private int _columnsLine;
    private bool _cutOff;

    public LineParser(string source, long lengthHint)
    {
        _source = source;
        _lengthHint = lengthHint;
        long guess = lengthHint > 0 ? lengthHint / AverageRowBytesGuess + 16 : 1024;
        _samples = new ImuSample[(int)Math.Min(guess, 1 << 22)]; // ≤ 235 MB up front; bigger files grow once
    }

    public void Line(ReadOnlySpan<byte> line)
    {
        _lineNumber++;
        if (line.Length > 0 && line[^1] == (byte)'\r') line = line[..^1];
        if (_stage == Stage.Data && line.Length > 0 && line[0] != (byte)'#')
        {
            _dataBytes += line.Length + 1;
            DataRow(line);
            return;
        }
        ReadOnlySpan<byte> trimmed = line.Trim(" \t"u8);
        if (_stage == Stage.Header)
        {
            if (trimmed.IsEmpty) return; // blank lines before the header are ignored, an all-blank file is "empty"
            Header(trimmed);
            return;
        }
        if (trimmed.IsEmpty) return;
        if (trimmed[0] == (byte)'#')
        {
            Comment(trimmed[1..]);
            return;
        }
        // Stage.Columns: the first non-comment line after the header must be the column header.
        if (trimmed.SequenceEqual(RecordingFormat.ColumnHeaderUtf8))
        {
            _stage = Stage.Data;
            _columnsLine = _lineNumber;
            return;
        }
        if (LooksNumeric(trimmed))
            throw Fail(RecordingError.MissingColumnHeader, $"data before the column header; expected '{RecordingFormat.ColumnHeader}'");
        throw Fail(RecordingError.WrongColumnHeader, $"expected column header '{RecordingFormat.ColumnHeader}', got '{Quote(trimmed)}'");
    }

    /// <summary>The file's last line, which has no line end: if it is a bad data row, the file was probably cut off
    /// in the middle of writing it, and the message says so.</summary>
    public void LastLineWithoutEnd(ReadOnlySpan<byte> line)
    {
        _cutOff = true;
        Line(line);
    }

    public ImuRecording Finish()
    {
        switch (_stage)
        {
            case Stage.Header:
                _lineNumber = 1;
                throw Fail(RecordingError.Empty, "file is empty; expected '# spinesense-recording: 1' on line 1");
            case Stage.Columns:
                _lineNumber = Math.Max(_lineNumber, 1);
                throw Fail(RecordingError.MissingColumnHeader, $"file ends before the column header '{RecordingFormat.ColumnHeader}'");
        }
        if (_count == 0)
        {
            _lineNumber = _columnsLine;
            throw Fail(RecordingError.NoData, "no data rows after the column header");
        }
        if (_count != _samples.Length) Array.Resize(ref _samples, _count);
        return new ImuRecording(_source, _version, _samples, _metadata);
    }

    public void FailLineTooLong() =>
        throw new RecordingFormatException(_source, _lineNumber + 1, RecordingError.LineTooLong, $"line longer than {RecordingReader.MaxLineBytes} bytes");

    private void Header(ReadOnlySpan<byte> line)
    {
        if (line[0] == (byte)'#' && SplitComment(line[1..], out var key, out var value) && key.SequenceEqual(RecordingFormat.HeaderKeyUtf8))
        {
            if (!int.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int version))
                throw Fail(RecordingError.MissingHeader, $"bad format version '{Quote(value)}' in header; expected '{RecordingFormat.HeaderLine}'");
            if (version != RecordingFormat.Version)
                throw Fail(RecordingError.UnsupportedVersion, $"unsupported recording format version {version}; this reader knows version {RecordingFormat.Version}");
            _version = version;
            _stage = Stage.Columns;
            return;
        }
        throw Fail(RecordingError.MissingHeader, $"missing header: the first line must be '{RecordingFormat.HeaderLine}', got '{Quote(line)}'");
    }

    private void Comment(ReadOnlySpan<byte> body)
    {
        // Contract: other '#' lines are "key: value" comments that may be ignored; a line without a colon is kept as nothing.
        if (!SplitComment(body, out var key, out var value) || key.IsEmpty) return;
        _metadata[Encoding.UTF8.GetString(key)] = Encoding.UTF8.GetString(value);
    }

    private static bool SplitComment(ReadOnlySpan<byte> body, out ReadOnlySpan<byte> key, out ReadOnlySpan<byte> value)
    {
        int colon = body.IndexOf((byte)':');
        if (colon < 0) { key = default; value = default; return false; }
        key = body[..colon].Trim(" \t"u8);
        value = body[(colon + 1)..].Trim(" \t"u8);
        return true;
    }

    private void DataRow(ReadOnlySpan<byte> line)
    {
        // Fields are parsed in place; the only store is the sample written into the output array.
        ReadOnlySpan<byte> rest = line;
        double t = 0, ax = 0, ay = 0, az = 0, gx = 0, gy = 0;
        for (int field = 0; field < RecordingFormat.FieldCount - 1; field++)
        {
            int comma = rest.IndexOf((byte)',');
            if (comma < 0) throw FieldCount(line);
            double v = ParseField(rest[..comma], field);
            switch (field)
            {
                case 0: t = v; break;
                case 1: ax = v; break;
                case 2: ay = v; break;
                case 3: az = v; break;
                case 4: gx = v; break;
                default: gy = v; break;
            }
            rest = rest[(comma + 1)..];
        }
        if (rest.IndexOf((byte)',') >= 0) throw FieldCount(line);
        double gz = ParseField(rest, RecordingFormat.FieldCount - 1);
        if (_count > 0)
        {
            double previous = _samples[_count - 1].TimeS;
            if (!(t > previous)) throw TimeNotIncreasing(t, previous);
        }
        if (_count == _samples.Length) Grow();
        _samples[_count++] = new ImuSample(t, ax, ay, az, gx, gy, gz);
    }

    private double ParseField(ReadOnlySpan<byte> field, int index)
    {
        if (!DecimalParser.TryParse(field, out double v)) throw NotANumber(field, index);
        return v;
    }

    private void Grow()
    {
        // Re-estimate from the bytes per row seen so far, so a big file needs one resize at most.
        long capacity = (long)_samples.Length * 2;
        if (_lengthHint > 0 && _count > 0)
        {
            long perRow = Math.Max(1, _dataBytes / _count);
            capacity = Math.Max(capacity / 2 + 1024, (long)(_lengthHint / perRow * 1.05) + 16);
        }
        capacity = Math.Min(capacity, Array.MaxLength);
        if (capacity <= _samples.Length) capacity = Math.Min((long)_samples.Length + 1024, Array.MaxLength);
        Array.Resize(ref _samples, (int)capacity);
    }

    private RecordingFormatException FieldCount(ReadOnlySpan<byte> line) =>
        Fail(RecordingError.WrongFieldCount, $"expected {RecordingFormat.FieldCount} comma-separated fields, got {line.Count((byte)',') + 1}");

    private RecordingFormatException NotANumber(ReadOnlySpan<byte> field, int index) =>
        Fail(RecordingError.NotANumber, $"field {index + 1} ({RecordingFormat.FieldNames[index]}) is not a finite number: '{Quote(field)}'");

    private RecordingFormatException TimeNotIncreasing(double t, double previous) =>
        Fail(RecordingError.TimeNotIncreasing, t == previous
            ? $"time_s {Invariant(t)} repeats the previous row's time; time must strictly increase"
            : $"time_s {Invariant(t)} goes backwards (previous row {Invariant(previous)}); time must strictly increase");

    private RecordingFormatException Fail(RecordingError error, string detail) =>
        new(_source, _lineNumber, error, _cutOff && _stage == Stage.Data ? detail + CutOffHint() : detail);

    // A recorder killed mid-write, or a disk that filled, leaves a partial last row; contract section 2 still makes it
    // bad input, but the user should learn that everything before it is fine and how to keep it.
    private string CutOffHint() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"; the recording looks cut off at line {_lineNumber} (its last line has no line end, as when a recorder is killed or the disk fills mid-write): the {_count} rows before it are intact, `head -n {_lineNumber - 1} {_source} > intact.csv` keeps them");

    private static string Invariant(double v) => v.ToString("0.######", System.Globalization.CultureInfo.InvariantCulture);

    private static bool LooksNumeric(ReadOnlySpan<byte> line) =>
        line[0] is (byte)'-' or (byte)'+' or (byte)'.' || (uint)(line[0] - (byte)'0') <= 9;

    private static string Quote(ReadOnlySpan<byte> bytes)
    {
        string s = Encoding.UTF8.GetString(bytes.Trim(" \t"u8));
        return s.Length <= MaxQuotedChars ? s : s[..MaxQuotedChars] + "...";
    }
}
