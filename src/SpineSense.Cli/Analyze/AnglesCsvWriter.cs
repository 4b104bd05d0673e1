using System.Buffers.Text;
using SpineSense.Motion.Results;

namespace SpineSense.Cli.Analyze;

/// <summary>
/// Writes <c>time_s,flexion_deg,lateral_deg,rotation_deg</c> (contract section 6), one row per input sample.
/// time_s is written in its shortest round-trip form in plain decimals, so it reads back as exactly the input's value.
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
        n += WriteTime(timeS, span); span[n++] = (byte)',';
        int w;
        Utf8Formatter.TryFormat(a.FlexionDeg, span[n..], out w, Angle); n += w; span[n++] = (byte)',';
        Utf8Formatter.TryFormat(a.LateralDeg, span[n..], out w, Angle); n += w; span[n++] = (byte)',';
        Utf8Formatter.TryFormat(a.RotationDeg, span[n..], out w, Angle); n += w; span[n++] = (byte)'\n';
        _used += n;
    }

    /// <summary>
    /// The shortest text that reads back as exactly <paramref name="timeS"/>, always in plain decimals: "R" alone
    /// switches to exponent form below 1e-4 s ("9.2E-05" for an input row "0.000092"), which a reader comparing the
    /// column with the recording's own time_s, or a spreadsheet, does not expect.
    /// </summary>
    private static int WriteTime(double timeS, Span<byte> span)
    {
        Span<char> text = stackalloc char[40];
        if (!timeS.TryFormat(text, out int length, "R", System.Globalization.CultureInfo.InvariantCulture)) throw new InvalidOperationException("buffer");
        int e = text[..length].IndexOf('E');
        int exponent = e < 0 ? 0 : int.Parse(text[(e + 1)..length], System.Globalization.CultureInfo.InvariantCulture);
        // Beyond ±30 the plain form would be longer than the row's room (no recording's clock reads such times).
        if (e < 0 || Math.Abs(exponent) > 30)
        {
            for (int i = 0; i < length; i++) span[i] = (byte)text[i];
            return length;
        }
        // Mantissa "[-]d[.ddd]" times 10^exponent: move the decimal point by the exponent, padding with zeros.
        ReadOnlySpan<char> mantissa = text[..e];
        int n = 0;
        if (mantissa[0] == '-') { span[n++] = (byte)'-'; mantissa = mantissa[1..]; }
        Span<char> digits = stackalloc char[24];
        int count = 0, point = mantissa.Length;
        foreach (char c in mantissa)
            if (c == '.') point = count; else digits[count++] = c;
        point += exponent;
        if (point <= 0)
        {
            span[n++] = (byte)'0'; span[n++] = (byte)'.';
            for (int i = point; i < 0; i++) span[n++] = (byte)'0';
            for (int i = 0; i < count; i++) span[n++] = (byte)digits[i];
        }
        else
        {
            for (int i = 0; i < Math.Max(count, point); i++)
            {
                if (i == point) span[n++] = (byte)'.';
                span[n++] = i < count ? (byte)digits[i] : (byte)'0';
            }
        }
        return n;
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
