using System.Globalization;
using System.Text;

namespace SpineSense.Sensors.Replay;

/// <summary>
/// Writes a raw packet log (<see cref="PacketLogFormat"/>). Per record it formats into one reused buffer, so
/// recording a live stream allocates nothing per packet. Not thread-safe: one writer per recording task.
/// </summary>
public sealed class PacketLogWriter : IDisposable, IAsyncDisposable
{
    private readonly TextWriter _out;
    private readonly bool _leaveOpen;
    private readonly char[] _line = new char[20 + 1 + 12 + 1 + 3 + 1 + 2 * PacketLogFormat.MaxPayloadBytes + 1];

    /// <param name="linkName">Written as metadata (<c># link=…</c>); e.g. <see cref="ISensorLink.Name"/>.</param>
    public PacketLogWriter(TextWriter output, string? linkName = null, bool leaveOpen = false)
    {
        _out = output;
        _leaveOpen = leaveOpen;
        _out.Write(PacketLogFormat.Magic);
        _out.Write('\n');
        if (!string.IsNullOrEmpty(linkName))
        {
            _out.Write("# link=");
            _out.Write(linkName.Replace('\n', ' '));
            _out.Write('\n');
        }
        _out.Write(PacketLogFormat.ColumnHeader);
        _out.Write('\n');
    }

    /// <summary>Creates (or truncates) <paramref name="path"/> as a UTF-8 log.</summary>
    public static PacketLogWriter Create(string path, string? linkName = null) =>
        new(new StreamWriter(path, append: false, new UTF8Encoding(false), bufferSize: 1 << 16), linkName);

    public long RecordsWritten { get; private set; }

    public void Write(in SensorNotification n)
    {
        var payload = n.Payload.Span;
        if (payload.Length > PacketLogFormat.MaxPayloadBytes)
            throw new ArgumentException($"payload of {payload.Length} bytes exceeds the ATT maximum of {PacketLogFormat.MaxPayloadBytes}", nameof(n));
        Span<char> line = _line;
        n.HostArrivalUs.TryFormat(line, out int pos, default, CultureInfo.InvariantCulture);
        line[pos++] = ',';
        string name = PacketLogFormat.Name(n.Characteristic);
        name.AsSpan().CopyTo(line[pos..]);
        pos += name.Length;
        line[pos++] = ',';
        payload.Length.TryFormat(line[pos..], out int w, default, CultureInfo.InvariantCulture);
        pos += w;
        line[pos++] = ',';
        Convert.TryToHexStringLower(payload, line[pos..], out w);
        pos += w;
        line[pos++] = '\n';
        _out.Write(line[..pos]);
        RecordsWritten++;
    }

    public void Flush() => _out.Flush();

    public void Dispose()
    {
        _out.Flush();
        if (!_leaveOpen) _out.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        await _out.FlushAsync().ConfigureAwait(false);
        if (!_leaveOpen) await _out.DisposeAsync().ConfigureAwait(false);
    }
}
