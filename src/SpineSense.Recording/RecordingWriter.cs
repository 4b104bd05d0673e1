using System.Globalization;
using System.Text;
using SpineSense.Motion.Samples;

namespace SpineSense.Recording;

/// <summary>
/// Writes the contract's recording CSV (contract section 2), streaming row by row, invariant culture.
/// Time has 6 decimals (1 µs); accelerations 6 decimals (1 µg, far below the ~0.1 mg quantum of a ±4 g
/// int16 range); angular rates 4 decimals (0.1 mdps, below the 4.4 mdps quantum of a ±125 dps range).
/// Trailing zeros are dropped. Not thread-safe.
/// </summary>
public sealed class RecordingWriter : IDisposable
{
    /// <summary>Decimals written per column group; readers need no more to reproduce the sensor's values.</summary>
    public const int TimeDecimals = 6, AccDecimals = 6, GyroDecimals = 4;

    private const int FlushThresholdBytes = 1 << 16;
    private const int MaxRowBytes = 7 * 32;

    private readonly Stream _stream;
    private readonly bool _ownsStream;
    private readonly byte[] _buffer = new byte[FlushThresholdBytes + MaxRowBytes];
    private int _used;
    private long _lastTimeUs = long.MinValue;
    private bool _disposed;

    /// <summary>Starts a recording on <paramref name="stream"/>: header, one comment per metadata entry, column header.</summary>
    /// <param name="metadata">Written as <c># key: value</c> lines, e.g. <c>rate_hz</c>, <c>seed</c>. Keys must not contain ':' or line breaks.</param>
    public RecordingWriter(Stream stream, IEnumerable<KeyValuePair<string, string>>? metadata = null, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _stream = stream;
        _ownsStream = !leaveOpen;
        var head = new StringBuilder();
        head.Append(RecordingFormat.HeaderLine).Append('\n');
        if (metadata is not null)
        {
            foreach (var (key, value) in metadata)
            {
                if (string.IsNullOrWhiteSpace(key) || key.AsSpan().IndexOfAny(":\r\n") >= 0)
                    throw new ArgumentException($"metadata key '{key}' must be non-empty without ':' or line breaks", nameof(metadata));
                if (value.AsSpan().IndexOfAny("\r\n") >= 0)
                    throw new ArgumentException($"metadata value of '{key}' must not contain line breaks", nameof(metadata));
                head.Append("# ").Append(key.Trim()).Append(": ").Append(value.Trim()).Append('\n');
            }
        }
        head.Append(RecordingFormat.ColumnHeader).Append('\n');
        byte[] bytes = Encoding.UTF8.GetBytes(head.ToString());
        _stream.Write(bytes);
    }

    /// <summary>Creates (or overwrites) <paramref name="path"/>.</summary>
    public static RecordingWriter Create(string path, IEnumerable<KeyValuePair<string, string>>? metadata = null) =>
        new(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16), metadata);

    /// <summary>Writes a whole recording to <paramref name="path"/>.</summary>
    public static void Write(string path, ReadOnlySpan<ImuSample> samples, IEnumerable<KeyValuePair<string, string>>? metadata = null)
    {
        using var writer = Create(path, metadata);
        foreach (ref readonly var s in samples) writer.Append(s);
    }

    /// <summary>Writes a whole recording into <paramref name="stream"/> (left open).</summary>
    public static void Write(Stream stream, ReadOnlySpan<ImuSample> samples, IEnumerable<KeyValuePair<string, string>>? metadata = null)
    {
        using var writer = new RecordingWriter(stream, metadata, leaveOpen: true);
        foreach (ref readonly var s in samples) writer.Append(s);
    }

    /// <summary>
    /// Appends one row. Throws <see cref="ArgumentOutOfRangeException"/> when a value is not finite or the
    /// time, rounded to the written microsecond, does not strictly increase: the file would not read back.
    /// </summary>
    public void Append(in ImuSample sample)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        long timeUs = (long)Math.Round(sample.TimeS * 1e6, MidpointRounding.AwayFromZero);
        if (!double.IsFinite(sample.TimeS) || timeUs <= _lastTimeUs) ThrowTime(sample.TimeS);
        if (!(double.IsFinite(sample.AccXG) && double.IsFinite(sample.AccYG) && double.IsFinite(sample.AccZG)
              && double.IsFinite(sample.GyrXDps) && double.IsFinite(sample.GyrYDps) && double.IsFinite(sample.GyrZDps)))
            ThrowValue(sample.TimeS);
        _lastTimeUs = timeUs;

        Span<byte> row = _buffer.AsSpan(_used);
        int n = 0;
        n += Fixed(row[n..], sample.TimeS, TimeDecimals, trim: false);
        row[n++] = (byte)',';
        n += Fixed(row[n..], sample.AccXG, AccDecimals, trim: true);
        row[n++] = (byte)',';
        n += Fixed(row[n..], sample.AccYG, AccDecimals, trim: true);
        row[n++] = (byte)',';
        n += Fixed(row[n..], sample.AccZG, AccDecimals, trim: true);
        row[n++] = (byte)',';
        n += Fixed(row[n..], sample.GyrXDps, GyroDecimals, trim: true);
        row[n++] = (byte)',';
        n += Fixed(row[n..], sample.GyrYDps, GyroDecimals, trim: true);
        row[n++] = (byte)',';
        n += Fixed(row[n..], sample.GyrZDps, GyroDecimals, trim: true);
        row[n++] = (byte)'\n';
        _used += n;
        if (_used >= FlushThresholdBytes) FlushBuffer();
    }

    public void Flush()
    {
        FlushBuffer();
        _stream.Flush();
    }

    public void Dispose()
    {
        if (_disposed) return;
        try
        {
            Flush();
        }
        finally
        {
            _disposed = true;
            if (_ownsStream) _stream.Dispose();
        }
    }

    private void FlushBuffer()
    {
        if (_used == 0) return;
        _stream.Write(_buffer, 0, _used);
        _used = 0;
    }

    private static readonly long[] Pow10 = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000];

    /// <summary>
    /// Fixed-point formatting through a scaled integer: about ten times faster than double.TryFormat("F6"),
    /// which matters for hour-long simulated recordings. Rounds half away from zero at the last decimal.
    /// </summary>
    private static int Fixed(Span<byte> destination, double value, int decimals, bool trim)
    {
        // |v| < 1e12 keeps v·10^6 inside a long; an IMU or a clock never comes near it.
        if (!(Math.Abs(value) < 1e12)) ThrowValue(value);
        long scale = Pow10[decimals];
        long scaled = (long)Math.Round(value * scale, MidpointRounding.AwayFromZero);
        int n = 0;
        if (scaled < 0)
        {
            destination[n++] = (byte)'-';
            scaled = -scaled;
        }
        long whole = Math.DivRem(scaled, scale, out long fraction);
        whole.TryFormat(destination[n..], out int written, default, CultureInfo.InvariantCulture);
        n += written;
        int digits = decimals;
        if (trim)
        {
            while (digits > 0 && fraction % 10 == 0) { fraction /= 10; digits--; }
            if (digits == 0) return n; // scaled != 0 here whenever a '-' was written, so no "-0"
        }
        destination[n++] = (byte)'.';
        for (int i = n + digits - 1; i >= n; i--)
        {
            destination[i] = (byte)('0' + (int)(fraction % 10));
            fraction /= 10;
        }
        return n + digits;
    }

    private static void ThrowTime(double timeS) =>
        throw new ArgumentOutOfRangeException(nameof(timeS), timeS, "time_s must be finite and strictly increase at microsecond resolution");

    private static void ThrowValue(double value) =>
        throw new ArgumentOutOfRangeException(nameof(value), value, "sample values must be finite and below 1e12 in magnitude");
}
