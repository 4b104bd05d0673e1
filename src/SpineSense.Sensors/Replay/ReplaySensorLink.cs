using System.Globalization;
using System.Threading.Channels;

namespace SpineSense.Sensors.Replay;

/// <summary>
/// <see cref="ISensorLink"/> that plays a raw packet log back at its original pace, faster, or unpaced.
/// Each notification keeps its recorded <see cref="SensorNotification.HostArrivalUs"/>, so sensor-to-host clock
/// mapping sees the same relation as live; pacing uses the link's <see cref="TimeProvider"/>, so tests do not sleep.
/// The log is read lazily (an hour-long log is never held in memory); the stream completes at the end of the log,
/// or fails with BadReplayLog naming file and line. Unlike a radio, a replay waits for a slow reader instead of
/// dropping. It is never lost, so <see cref="LinkLost"/> never fires.
/// </summary>
public sealed class ReplaySensorLink : ISensorLink
{
    private readonly string _path;
    private readonly ReplayOptions _options;
    private readonly SensorLinkOptions _link;
    private readonly SensorNotificationQueue _queue;
    private readonly CancellationTokenSource _stop = new();
    private readonly Dictionary<SensorCharacteristic, ReadOnlyMemory<byte>> _lastValues = [];
    private Task? _pump;
    private ushort? _firstImuSequence;
    private int _state = (int)SensorLinkState.Idle;

    public ReplaySensorLink(string path, ReplayOptions? options = null)
    {
        _path = path;
        _options = (options ?? new ReplayOptions()).Validate();
        _link = _options.Link ?? SensorLinkOptions.Default;
        _queue = new SensorNotificationQueue(_link.NotificationCapacity, waitWhenFull: true);
        Name = "replay:" + path;
    }

    public string Name { get; }

    public SensorLinkState State => (SensorLinkState)Volatile.Read(ref _state);

    public ChannelReader<SensorNotification> Notifications => _queue.Reader;

    public long DroppedNotifications => _queue.Dropped;

    /// <summary>Unknown: packet logs record payloads, not the radio's signal strength.</summary>
    public double? RssiDbm => null;

    /// <summary>Never raised: a log cannot lose its link.</summary>
    public event EventHandler<SensorLinkLostEventArgs>? LinkLost { add { } remove { } }

    /// <summary>Opens the log, checks its header, and starts playback. Later calls do nothing.</summary>
    public async Task ConnectAsync(CancellationToken cancel)
    {
        cancel.ThrowIfCancellationRequested();
        ObjectDisposedException.ThrowIf(State == SensorLinkState.Disposed, this);
        if (_pump is not null) return;
        StreamReader reader;
        try
        {
            reader = new StreamReader(_path, new System.Text.UTF8Encoding(false), detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new SensorLinkException(SensorLinkError.NotFound, $"Replay log {_path} does not exist", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SensorLinkException(SensorLinkError.ConnectFailed, $"Cannot open replay log {_path}: {e.Message}", e);
        }
        int lineNo;
        try
        {
            lineNo = await ReadHeaderAsync(reader, cancel).ConfigureAwait(false);
        }
        catch
        {
            reader.Dispose();
            throw;
        }
        Volatile.Write(ref _state, (int)SensorLinkState.Connected);
        _pump = Task.Run(() => PumpAsync(reader, lineNo, _stop.Token), CancellationToken.None);
    }

    private async Task<int> ReadHeaderAsync(StreamReader reader, CancellationToken cancel)
    {
        string? first = await reader.ReadLineAsync(cancel).ConfigureAwait(false);
        if (first != PacketLogFormat.Magic)
            throw Bad(1, $"expected '{PacketLogFormat.Magic}' as the first line, found '{Truncate(first)}'");
        int lineNo = 1;
        while (true)
        {
            string? line = await reader.ReadLineAsync(cancel).ConfigureAwait(false);
            lineNo++;
            if (line is null) throw Bad(lineNo, $"missing column header '{PacketLogFormat.ColumnHeader}'");
            if (line.StartsWith('#')) continue;
            if (line != PacketLogFormat.ColumnHeader)
                throw Bad(lineNo, $"expected column header '{PacketLogFormat.ColumnHeader}', found '{Truncate(line)}'");
            return lineNo;
        }
    }

    private async Task PumpAsync(StreamReader reader, int lineNo, CancellationToken cancel)
    {
        var time = _link.EffectiveTime;
        SensorLinkException? failure = null;
        long firstUs = -1, lastUs = long.MinValue, start = 0;
        try
        {
            using (reader)
            {
                while (await reader.ReadLineAsync(cancel).ConfigureAwait(false) is { } line)
                {
                    lineNo++;
                    if (line.Length == 0 || line[0] == '#') continue;
                    if (!PacketLogFormat.TryParseRecord(line, out long us, out var characteristic, out byte[] payload, out string error))
                        throw Bad(lineNo, error);
                    if (us < lastUs) throw Bad(lineNo, $"host_arrival_us {us} goes back in time (previous {lastUs})");
                    lastUs = us;
                    if (firstUs < 0) { firstUs = us; start = time.GetTimestamp(); }
                    else if (!double.IsPositiveInfinity(_options.Speed))
                    {
                        // Pace against the schedule, not the previous record, so delays never accumulate.
                        var due = TimeSpan.FromMicroseconds((us - firstUs) / _options.Speed);
                        var wait = due - time.GetElapsedTime(start);
                        if (wait > TimeSpan.Zero) await Task.Delay(wait, time, cancel).ConfigureAwait(false);
                    }
                    if (characteristic != SensorCharacteristic.ImuData)
                        lock (_lastValues) _lastValues[characteristic] = payload;
                    await _queue.WriteAsync(new SensorNotification(characteristic, payload, us), cancel).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
        }
        catch (SensorLinkException e)
        {
            failure = e;
        }
        catch (IOException e)
        {
            failure = new SensorLinkException(SensorLinkError.BadReplayLog, $"{_path}: read failed after line {lineNo}: {e.Message}", e);
        }
        _queue.Complete(failure);
    }

    /// <summary>Answers with <see cref="ReplayOptions.CommandResponder"/>, or <see cref="ReplayCommandResponder"/>.</summary>
    public async Task<ControlResponse> SendCommandAsync(ReadOnlyMemory<byte> commandPdu, CancellationToken cancel)
    {
        cancel.ThrowIfCancellationRequested();
        if (State != SensorLinkState.Connected)
            throw new SensorLinkException(SensorLinkError.NotConnected, $"{Name} is not connected ({State})");
        byte[] answer;
        if (_options.CommandResponder is { } responder) answer = responder(commandPdu);
        else
        {
            ushort first = await FirstImuSequenceAsync(cancel).ConfigureAwait(false);
            answer = ReplayCommandResponder.Respond(commandPdu.Span, first);
        }
        return new ControlResponse(answer, _link.NowUs(), 0);
    }

    // The sequence of the log's first decodable IMU packet, found by a separate read so playback stays untouched.
    private async Task<ushort> FirstImuSequenceAsync(CancellationToken cancel)
    {
        if (_firstImuSequence is { } known) return known;
        ushort found = 0;
        using var reader = new StreamReader(_path);
        while (await reader.ReadLineAsync(cancel).ConfigureAwait(false) is { } line)
        {
            if (line.Length == 0 || !char.IsAsciiDigit(line[0])) continue; // header, comments
            if (!PacketLogFormat.TryParseRecord(line, out _, out var c, out var payload, out _) || c != SensorCharacteristic.ImuData) continue;
            if (!Protocol.Packets.ImuPacketCodec.TryDecode(payload, out var packet, out _)) continue;
            found = packet.Sequence;
            break;
        }
        _firstImuSequence = found;
        return found;
    }

    /// <summary>The last value of that characteristic played so far (status, battery, …).</summary>
    public Task<ReadOnlyMemory<byte>> ReadAsync(SensorCharacteristic characteristic, CancellationToken cancel)
    {
        cancel.ThrowIfCancellationRequested();
        lock (_lastValues)
        {
            if (_lastValues.TryGetValue(characteristic, out var value)) return Task.FromResult(value);
        }
        throw new SensorLinkException(SensorLinkError.NotSupported, $"{Name} has played no {characteristic} value yet");
    }

    private SensorLinkException Bad(int line, string what) =>
        new(SensorLinkError.BadReplayLog, $"{_path}:{line.ToString(CultureInfo.InvariantCulture)}: {what}");

    private static string Truncate(string? s) => s is null ? "(end of file)" : s.Length <= 60 ? s : s[..60] + "…";

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _state, (int)SensorLinkState.Disposed) == (int)SensorLinkState.Disposed) return;
        _stop.Cancel();
        if (_pump is not null) await _pump.ConfigureAwait(false);
        _queue.Complete();
        _stop.Dispose();
    }
}
