using System.Buffers.Text;
using SpineSense.Motion.Results;

namespace SpineSense.Cli.Analyze;

/// <summary>
/// Writes <c>time_s,flexion_deg,lateral_deg,rotation_deg</c> (contract section 6), one row per input sample.
/// time_s is written in its shortest round-trip form, so it reads back as exactly the input's value.
/// Formats into a byte buffer (Utf8Formatter): a one-hour 200 Hz file is 720,000 rows.
/// </summary>
internal sealed class AnglesCsvWriter : IDisposable
{
    public const string Header = "time_s,flexion_deg,lateral_deg,rotation_deg";
    private static readonly System.Buffers.StandardFormat Angle = new('F', 3);

    private readonly Stream _stream;
    private readonly byte[] _buffer = new byte[1 << 16];
    private int _used;

    public AnglesCsvWriter(Stream stream)
    {
        _stream = stream;
        foreach (char c in Header) _buffer[_used++] = (byte)c;
        _buffer[_used++] = (byte)'\n';
    }

    public void Write(double timeS, in SpineAngles a)
    {
        if (_buffer.Length - _used < 128) Flush();
        Span<byte> span = _buffer.AsSpan(_used);
        int n = 0;
        if (!timeS.TryFormat(span, out int w, "R", System.Globalization.CultureInfo.InvariantCulture)) throw new InvalidOperationException("buffer");
        n += w; span[n++] = (byte)',';
        Utf8Formatter.TryFormat(a.FlexionDeg, span[n..], out w, Angle); n += w; span[n++] = (byte)',';
        Utf8Formatter.TryFormat(a.LateralDeg, span[n..], out w, Angle); n += w; span[n++] = (byte)',';
        Utf8Formatter.TryFormat(a.RotationDeg, span[n..], out w, Angle); n += w; span[n++] = (byte)'\n';
        _used += n;
    }

    public void Flush()
    {
        _stream.Write(_buffer, 0, _used);
        _used = 0;
    }

    public void Dispose()
    {
        // The file is closed even when the last write fails (disk full): the caller reports that error.
        try { Flush(); }
        finally { _stream.Dispose(); }
    }
}
