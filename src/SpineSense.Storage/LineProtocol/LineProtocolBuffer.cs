using System.Buffers.Text;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace SpineSense.Storage.LineProtocol;

/// <summary>
/// Builds InfluxDB line protocol into a reusable UTF-8 buffer:
/// <c>measurement[,tag=value...] field=value[,field=value...] timestamp\n</c>.
/// Escaping (InfluxDB line-protocol reference; verified against influxd 1.6.7 in the tests):
/// <list type="bullet">
/// <item>measurement: <c>,</c> and space are backslash-escaped;</item>
/// <item>tag keys, tag values, field keys: <c>,</c> <c>=</c> and space are backslash-escaped;</item>
/// <item>string field values: quoted, <c>"</c> and <c>\</c> backslash-escaped; newlines pass as they are;</item>
/// <item>refused (<see cref="StorageException"/>, InvalidInput): empty names, control characters (newline, CR, tab ...)
///   in names/tags (a newline ends a line), a backslash in names/tags (1.x keeps <c>\\</c> literally while 2.x
///   unescapes it, and a trailing backslash would escape the separator: no spelling means the same on both),
///   a measurement starting with <c>#</c> (a comment line), and the key <c>time</c>.</item>
/// </list>
/// Floats NaN/±∞ cannot be written in line protocol: such fields are left out. Not thread-safe.
/// </summary>
public sealed class LineProtocolBuffer
{
    private byte[] _buffer;
    private int _length;
    private int _lineStart;
    private int _state; // 0 = between lines, 1 = measurement/tags written, 2 = at least one field written

    public LineProtocolBuffer(int initialCapacity = 64 * 1024) => _buffer = new byte[Math.Max(256, initialCapacity)];

    /// <summary>Complete lines written so far (a point being built is not included).</summary>
    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _state == 0 ? _length : _lineStart);

    public ReadOnlyMemory<byte> WrittenMemory => _buffer.AsMemory(0, _state == 0 ? _length : _lineStart);

    public int Length => _state == 0 ? _length : _lineStart;

    /// <summary>Complete points (lines) in the buffer.</summary>
    public int Points { get; private set; }

    public void Clear()
    {
        _length = 0;
        _lineStart = 0;
        _state = 0;
        Points = 0;
    }

    /// <summary>Starts a point. A point left unfinished is discarded.</summary>
    public LineProtocolBuffer Measurement(string name)
    {
        if (_state != 0) _length = _lineStart;
        _lineStart = _length;
        CheckName(name, "measurement");
        if (name[0] == '#') Invalid(name, "measurement", "must not start with '#' (that is a comment line)");
        AppendEscaped(name, measurement: true);
        _state = 1;
        return this;
    }

    public LineProtocolBuffer Tag(string key, string value)
    {
        if (_state != 1) throw new InvalidOperationException("tags go after the measurement and before the first field");
        CheckName(key, "tag key");
        CheckName(value, "tag value");
        AppendByte((byte)',');
        AppendEscaped(key, measurement: false);
        AppendByte((byte)'=');
        AppendEscaped(value, measurement: false);
        return this;
    }

    public LineProtocolBuffer Field(string key, double value)
    {
        if (!double.IsFinite(value)) return this;
        FieldKey(key);
        AppendDouble(value);
        return this;
    }

    /// <summary>Integer field (written with the <c>i</c> suffix).</summary>
    public LineProtocolBuffer Field(string key, long value)
    {
        FieldKey(key);
        AppendInteger(value);
        AppendByte((byte)'i');
        return this;
    }

    public LineProtocolBuffer Field(string key, bool value)
    {
        FieldKey(key);
        AppendAscii(value ? "true" : "false");
        return this;
    }

    /// <summary>String field; null leaves the field out.</summary>
    public LineProtocolBuffer Field(string key, string? value)
    {
        if (value is null) return this;
        FieldKey(key);
        AppendByte((byte)'"');
        foreach (var rune in value.EnumerateRunes())
        {
            if (rune.Value is '"' or '\\') AppendByte((byte)'\\');
            AppendRune(rune);
        }
        AppendByte((byte)'"');
        return this;
    }

    /// <summary>
    /// Ends the point with a timestamp in the write's precision (µs or ns since the Unix epoch).
    /// Returns false (and discards the point) when it has no field: line protocol needs at least one.
    /// </summary>
    public bool End(long timestamp)
    {
        if (_state == 0) throw new InvalidOperationException("no point started");
        if (_state == 1) { _length = _lineStart; _state = 0; return false; }
        AppendByte((byte)' ');
        AppendInteger(timestamp);
        AppendByte((byte)'\n');
        _state = 0;
        _lineStart = _length;
        Points++;
        return true;
    }

    // ---- hot path: prefix bytes prepared once, fixed-point fields, no allocation ----------------------

    /// <summary>Starts a point from pre-escaped bytes <c>measurement,tag=value,...</c> (see <see cref="PointPrefix"/>).</summary>
    public void BeginPrepared(ReadOnlySpan<byte> measurementAndTags)
    {
        if (_state != 0) _length = _lineStart;
        _lineStart = _length;
        AppendBytes(measurementAndTags);
        _state = 1;
    }

    /// <summary>
    /// Appends <c>key=value</c> with <paramref name="decimals"/> decimal places (trailing zeros dropped);
    /// <paramref name="escapedKey"/> is the already escaped key. Falls back to shortest round-trip text when the scaled
    /// value does not fit a long; a non-finite value is left out.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void FixedField(ReadOnlySpan<byte> escapedKey, double value, int decimals)
    {
        if (!double.IsFinite(value)) return;
        double scaled = Math.Round(value * Pow10[decimals]);
        if (Math.Abs(scaled) >= 9e18)
        {
            AppendByte(_state == 2 ? (byte)',' : (byte)' ');
            _state = 2;
            AppendBytes(escapedKey);
            AppendByte((byte)'=');
            AppendDouble(value);
            return;
        }
        // One capacity check for separator, key, '=', sign, 19 digits and the point; then plain stores.
        int need = escapedKey.Length + 24;
        if (_length + need > _buffer.Length) Grow(need);
        var buf = _buffer;
        int pos = _length;
        buf[pos++] = _state == 2 ? (byte)',' : (byte)' ';
        _state = 2;
        escapedKey.CopyTo(buf.AsSpan(pos));
        pos += escapedKey.Length;
        buf[pos++] = (byte)'=';
        _length = WriteFixed(buf, pos, (long)scaled, decimals);
    }

    /// <summary>Appends <c>key=valuei</c> (integer field) with an already escaped key, prepared path.</summary>
    public void IntegerField(ReadOnlySpan<byte> escapedKey, long value)
    {
        AppendByte(_state == 2 ? (byte)',' : (byte)' ');
        _state = 2;
        AppendBytes(escapedKey);
        AppendByte((byte)'=');
        AppendInteger(value);
        AppendByte((byte)'i');
    }

    /// <summary>
    /// Writes <paramref name="scaled"/>·10^−<paramref name="decimals"/> at <paramref name="pos"/> with trailing zeros of the
    /// fraction dropped (1.50000 → 1.5, 2.00000 → 2: a number without '.' and 'i' is still a float in line protocol).
    /// </summary>
    private static int WriteFixed(byte[] buf, int pos, long scaled, int decimals)
    {
        ulong u;
        if (scaled < 0) { buf[pos++] = (byte)'-'; u = (ulong)(-scaled); } else u = (ulong)scaled;
        while (decimals > 0 && u % 10 == 0) { u /= 10; decimals--; }
        // Digits needed: at least decimals + 1 (a leading "0." for |x| < 1).
        int digits = CountDigits(u);
        if (digits <= decimals) digits = decimals + 1;
        int end = pos + digits + (decimals > 0 ? 1 : 0);
        int i = end;
        int d = decimals;
        // Two digits per step from a table: half the divisions of one-by-one.
        while (d >= 2)
        {
            ulong q = u / 100;
            int r = (int)(u - q * 100) * 2;
            buf[--i] = TwoDigits[r + 1];
            buf[--i] = TwoDigits[r];
            u = q;
            d -= 2;
        }
        if (d == 1) { ulong q = u / 10; buf[--i] = (byte)('0' + (int)(u - q * 10)); u = q; }
        if (decimals > 0) buf[--i] = (byte)'.';
        while (i - pos >= 2)
        {
            ulong q = u / 100;
            int r = (int)(u - q * 100) * 2;
            buf[--i] = TwoDigits[r + 1];
            buf[--i] = TwoDigits[r];
            u = q;
        }
        if (i > pos) buf[--i] = (byte)('0' + (int)u);
        return end;
    }

    private static ReadOnlySpan<byte> TwoDigits =>
        "00010203040506070809101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899"u8;

    private static readonly ulong[] Pow10U =
    [
        1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000, 1000000000, 10000000000, 100000000000,
        1000000000000, 10000000000000, 100000000000000, 1000000000000000, 10000000000000000, 100000000000000000,
        1000000000000000000, 10000000000000000000,
    ];

    /// <summary>Decimal digits of <paramref name="u"/> (1 for 0), from its bit length: no loop.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int CountDigits(ulong u)
    {
        int digits = ((System.Numerics.BitOperations.Log2(u | 1) + 1) * 1233) >> 12;
        return digits + (digits < Pow10U.Length && u >= Pow10U[digits] ? 1 : 0);
    }

    /// <summary>The measurement and tags of the point being built (for <see cref="PointPrefix"/>).</summary>
    internal ReadOnlySpan<byte> PendingLine => _buffer.AsSpan(_lineStart, _length - _lineStart);

    // ---- internals -------------------------------------------------------------------------------------

    private static readonly double[] Pow10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9];

    private void FieldKey(string key)
    {
        if (_state == 0) throw new InvalidOperationException("fields go after the measurement");
        CheckName(key, "field key");
        AppendByte(_state == 2 ? (byte)',' : (byte)' ');
        _state = 2;
        AppendEscaped(key, measurement: false);
        AppendByte((byte)'=');
    }

    private void AppendInteger(long value)
    {
        EnsureCapacity(24);
        Utf8Formatter.TryFormat(value, _buffer.AsSpan(_length), out int n);
        _length += n;
    }

    private void AppendDouble(double value)
    {
        EnsureCapacity(32);
        // Shortest text that round-trips ("R"), invariant: 1.5, -2E-05 -> the server parses both.
        value.TryFormat(_buffer.AsSpan(_length), out int n, "R", CultureInfo.InvariantCulture);
        _length += n;
    }

    private void AppendEscaped(string s, bool measurement)
    {
        foreach (var rune in s.EnumerateRunes())
        {
            int c = rune.Value;
            if (c == ',' || c == ' ' || (!measurement && c == '=')) AppendByte((byte)'\\');
            AppendRune(rune);
        }
    }

    private void AppendRune(System.Text.Rune rune)
    {
        EnsureCapacity(4);
        _length += rune.EncodeToUtf8(_buffer.AsSpan(_length));
    }

    private void CheckName(string s, string what)
    {
        if (string.IsNullOrEmpty(s)) Invalid(s, what, "must not be empty");
        foreach (char c in s)
        {
            if (char.IsControl(c)) Invalid(s, what, "must not contain control characters such as newline or tab");
            if (c == '\\') Invalid(s, what, "must not contain a backslash (InfluxDB 1.x and 2.x read it differently)");
        }
        if (what != "measurement" && what != "tag value" && s == "time") Invalid(s, what, "must not be 'time' (reserved)");
    }

    private void Invalid(string? s, string what, string why)
    {
        if (_state != 0) { _length = _lineStart; _state = 0; }
        throw new StorageException(StorageErrorCode.InvalidInput, $"line protocol: {what} '{(s ?? "").Replace('\n', '?').Replace('\r', '?')}' {why}");
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void AppendByte(byte b)
    {
        if (_length == _buffer.Length) Grow(1);
        _buffer[_length++] = b;
    }

    private void AppendBytes(ReadOnlySpan<byte> bytes)
    {
        EnsureCapacity(bytes.Length);
        bytes.CopyTo(_buffer.AsSpan(_length));
        _length += bytes.Length;
    }

    private void AppendAscii(string s)
    {
        EnsureCapacity(s.Length);
        foreach (char c in s) _buffer[_length++] = (byte)c;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void EnsureCapacity(int extra)
    {
        if (_length + extra > _buffer.Length) Grow(extra);
    }

    private void Grow(int extra) => Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + extra));
}
