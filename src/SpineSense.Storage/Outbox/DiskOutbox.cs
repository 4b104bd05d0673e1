using System.Buffers.Binary;

namespace SpineSense.Storage.Outbox;

/// <summary>One batch of line protocol in the outbox: <c>Payload[0..Length]</c> (the array may be a larger, reused buffer).</summary>
/// <param name="Seq">Position in the outbox (ascending, never reused).</param>
public readonly record struct OutboxRecord(long Seq, byte[] Payload, int Points, int Length)
{
    public ReadOnlyMemory<byte> Data => Payload.AsMemory(0, Length);
}

/// <summary>
/// A durable, bounded, ordered on-disk queue of line-protocol batches: the write-ahead log between SpineSense and
/// InfluxDB. Every sealed batch is appended here first (written to the OS at once, so a crash of the process loses
/// nothing appended), fsync'd at most <c>fsyncInterval</c> later (so a power loss loses at most that), and removed
/// only after the server acknowledged it. After a restart the unacknowledged records are sent again, in order; the
/// server's idempotent writes (same series + timestamp) make a record sent twice harmless.
/// <para>Files: <c>NNNNNNNNNNNNNNNNNNNN.seg</c> (records; name = seq of its first record), <c>ack</c> (last acknowledged
/// seq), <c>rejected.lp</c> (batches the server refused as malformed, kept for inspection).
/// Record = magic "SSO1", payload length, points, CRC-32 of the payload (all u32 LE), payload.</para>
/// Thread-safe.
/// </summary>
public sealed class DiskOutbox : IDisposable
{
    private const uint Magic = 0x314F5353; // "SSO1"
    private const int HeaderBytes = 16;
    private const long RollBytes = 8L << 20;

    private readonly object _lock = new();
    private readonly object _syncLock = new(); // one Sync at a time; taken before _lock, never inside it
    private readonly string _dir;
    private readonly long _maxBytes;
    private readonly TimeSpan _fsyncInterval;
    private readonly List<Segment> _segments = [];
    private readonly FileStream? _lockFile;
    private FileStream? _active;
    private FileStream? _reader;
    private string? _readerPath;
    private long _readAheadSeq = -1;
    private int _readSegment;
    private int _readIndex;
    private long _nextSeq;
    private long _ackedSeq;
    private long _persistedAck = -1;
    private long _bytes;
    private long _pendingPoints;
    private bool _dirty;
    private DateTime _lastSyncUtc = DateTime.UtcNow;

    /// <summary>Opens (recovering after a crash) or creates the outbox in <paramref name="directory"/>.</summary>
    public DiskOutbox(string directory, long maxBytes, TimeSpan fsyncInterval)
    {
        _dir = directory;
        _maxBytes = maxBytes;
        _fsyncInterval = fsyncInterval;
        try
        {
            Directory.CreateDirectory(directory);
            // One process per outbox: a second SpineSense on the same target would interleave records.
            try { _lockFile = new FileStream(Path.Combine(directory, "lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None); }
            catch (IOException)
            {
                throw new StorageException(StorageErrorCode.LocalStorage,
                    $"the outbox '{directory}' is in use by another SpineSense process (one process per store target; or set another outbox directory)");
            }
            _ackedSeq = ReadAck();
            Recover();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StorageException(StorageErrorCode.LocalStorage, $"cannot open the outbox '{directory}': {e.Message}", e);
        }
    }

    public string DirectoryPath => _dir;

    /// <summary>How <see cref="Sync"/> fsyncs the active segment (tests hold it to observe what runs meanwhile).</summary>
    internal Action<FileStream> FlushToDisk { get; init; } = static f => f.Flush(flushToDisk: true);

    /// <summary>Bytes of the outbox files on disk (what the bound applies to).</summary>
    public long Bytes { get { lock (_lock) return _bytes; } }

    /// <summary>Points in records not yet acknowledged.</summary>
    public long PendingPoints { get { lock (_lock) return _pendingPoints; } }

    public long MaxBytes => _maxBytes;

    /// <summary>
    /// Appends a batch. Throws <see cref="StorageException"/>: <see cref="StorageErrorCode.OutboxFull"/> when it would
    /// pass the bound (nothing written), <see cref="StorageErrorCode.LocalStorage"/> when the disk fails.
    /// </summary>
    public void Append(ReadOnlySpan<byte> payload, int points)
    {
        lock (_lock)
        {
            long size = HeaderBytes + payload.Length;
            if (_bytes + size > _maxBytes)
                throw new StorageException(StorageErrorCode.OutboxFull,
                    $"the outbox '{_dir}' is full ({_bytes} of {_maxBytes} bytes): {points} point(s) refused; InfluxDB has not accepted writes for a while");
            try
            {
                if (_active is null) StartSegment();
                Span<byte> header = stackalloc byte[HeaderBytes];
                BinaryPrimitives.WriteUInt32LittleEndian(header, Magic);
                BinaryPrimitives.WriteInt32LittleEndian(header[4..], payload.Length);
                BinaryPrimitives.WriteInt32LittleEndian(header[8..], points);
                BinaryPrimitives.WriteUInt32LittleEndian(header[12..], Crc32.Compute(payload));
                // One write() per part, unbuffered: once Append returns, a SIGKILL cannot lose the record.
                _active!.Write(header);
                _active.Write(payload);
                var seg = _segments[^1];
                seg.Ends.Add(seg.Length + size);
                seg.Points.Add(points);
                _bytes += size;
                _pendingPoints += points;
                _nextSeq++;
                _dirty = true;
            }
            catch (IOException e)
            {
                throw new StorageException(StorageErrorCode.LocalStorage, $"writing the outbox '{_dir}' failed: {e.Message}", e);
            }
        }
    }

    /// <summary>The oldest unacknowledged record (in a new array), or false when all are acknowledged.</summary>
    public bool TryPeek(out OutboxRecord record)
    {
        byte[]? buffer = null;
        return TryPeek(ref buffer, out record, exactSize: true);
    }

    /// <summary>
    /// The oldest unacknowledged record, read into <paramref name="buffer"/> (grown when too small, so a sender that keeps
    /// it allocates nothing per batch in steady state).
    /// </summary>
    public bool TryPeek(ref byte[]? buffer, out OutboxRecord record) => TryPeek(ref buffer, out record, exactSize: false);

    private bool TryPeek(ref byte[]? buffer, out OutboxRecord record, bool exactSize)
    {
        lock (_lock) return TryReadLocked(FirstUnackedSeqLocked(), ref buffer, out record, exactSize);
    }

    /// <summary>
    /// Read-ahead for a sender with several requests in flight: the record after the last one this returned (starting
    /// at the oldest unacknowledged one, and again there after <see cref="Rewind"/>), read into
    /// <paramref name="buffer"/> like <see cref="TryPeek(ref byte[], out OutboxRecord)"/>. Reading ahead acknowledges
    /// nothing: <see cref="Ack"/> still takes only the oldest unacknowledged record, so what is acknowledged is always a
    /// contiguous prefix and a restart replays everything after it, in order.
    /// </summary>
    public bool TryReadNext(ref byte[]? buffer, out OutboxRecord record)
    {
        lock (_lock)
        {
            if (!TryReadLocked(Math.Max(_readAheadSeq, FirstUnackedSeqLocked()), ref buffer, out record, exactSize: false)) return false;
            _readAheadSeq = record.Seq + 1;
            return true;
        }
    }

    /// <summary>The next <see cref="TryReadNext"/> starts again at the oldest unacknowledged record (after a failed send).</summary>
    public void Rewind()
    {
        lock (_lock) _readAheadSeq = -1;
    }

    // Seq of the oldest unacknowledged record; past the last record when everything is acknowledged.
    private long FirstUnackedSeqLocked() =>
        _readSegment < _segments.Count ? _segments[_readSegment].FirstSeq + _readIndex : _nextSeq;

    // The first record with seq >= from (segments hold consecutive seqs; a gap left by a recovery is skipped).
    private bool TryReadLocked(long from, ref byte[]? buffer, out OutboxRecord record, bool exactSize)
    {
        record = default;
        for (int s = _readSegment; s < _segments.Count; s++)
        {
            var seg = _segments[s];
            if (from >= seg.FirstSeq + seg.Records) continue;
            int index = (int)Math.Max(0, from - seg.FirstSeq);
            if (s == _readSegment) index = Math.Max(index, _readIndex);
            if (index >= seg.Records) continue;
            try
            {
                if (_reader is null || _readerPath != seg.Path)
                {
                    _reader?.Dispose();
                    _reader = null;
                    _reader = Open(seg.Path, FileMode.Open, FileAccess.Read);
                    _readerPath = seg.Path;
                }
                _reader.Position = seg.Start(index);
                Span<byte> header = stackalloc byte[HeaderBytes];
                _reader.ReadExactly(header);
                int len = BinaryPrimitives.ReadInt32LittleEndian(header[4..]);
                if (buffer is null || buffer.Length < len || (exactSize && buffer.Length != len))
                    buffer = new byte[exactSize ? len : Math.Max(len, (buffer?.Length ?? 0) * 2)];
                _reader.ReadExactly(buffer.AsSpan(0, len));
                record = new OutboxRecord(seg.FirstSeq + index, buffer, seg.Points[index], len);
                return true;
            }
            catch (IOException e)
            {
                throw new StorageException(StorageErrorCode.LocalStorage, $"reading the outbox '{_dir}' failed: {e.Message}", e);
            }
        }
        return false;
    }

    /// <summary>Acknowledges the record <c>TryPeek</c> returned (the server stored it, or it was set aside).</summary>
    public void Ack(in OutboxRecord record)
    {
        lock (_lock)
        {
            if (_readSegment >= _segments.Count || _segments[_readSegment].FirstSeq + _readIndex != record.Seq)
                throw new InvalidOperationException("only the record TryPeek returned can be acknowledged");
            _readIndex++;
            if (_readIndex >= _segments[_readSegment].Records && _readSegment < _segments.Count - 1) { _readSegment++; _readIndex = 0; }
            _ackedSeq = record.Seq;
            _pendingPoints -= record.Points;
            _dirty = true;
            DropAcknowledgedSegments();
        }
    }

    // Older fully acknowledged segments go at once; the active one once it is big enough to be worth rolling.
    private void DropAcknowledgedSegments()
    {
        while (_segments.Count > 0 && (_readSegment > 0 || _readIndex >= _segments[0].Records))
        {
            var first = _segments[0];
            if (_segments.Count == 1)
            {
                if (first.Length < RollBytes) break;
                _active?.Dispose();
                _active = null;
            }
            if (_readerPath == first.Path) { _reader?.Dispose(); _reader = null; _readerPath = null; }
            TryDelete(first.Path);
            _bytes -= first.Length;
            _segments.RemoveAt(0);
            if (_readSegment > 0) _readSegment--; else _readIndex = 0;
        }
    }

    /// <summary>Sets a malformed batch aside in <c>rejected.lp</c> (kept for inspection), then acknowledges it.</summary>
    public void Reject(in OutboxRecord record)
    {
        lock (_lock)
        {
            try
            {
                using var f = Open(Path.Combine(_dir, "rejected.lp"), FileMode.Append, FileAccess.Write);
                f.Write(record.Payload, 0, record.Length);
            }
            catch (IOException) { /* keeping the copy is a courtesy; the rejection itself is reported by the caller */ }
        }
        Ack(record);
    }

    /// <summary>fsyncs now when something changed since the last sync (and persists the acknowledged position).</summary>
    /// <remarks>
    /// The fsync runs outside the record lock: flushing what a burst appended can take a while, and meanwhile the
    /// appender and the sender go on (what they add is covered by the next sync, as <c>_dirty</c> is set again).
    /// </remarks>
    public void Sync()
    {
        lock (_syncLock)
        {
            FileStream? active;
            long acked;
            lock (_lock)
            {
                if (!_dirty) return;
                _dirty = false;
                _lastSyncUtc = DateTime.UtcNow;
                active = _active;
                acked = _ackedSeq;
            }
            try
            {
                try { if (active is not null) FlushToDisk(active); }
                catch (ObjectDisposedException) { /* rolled or closed meanwhile: its records were acknowledged or synced on close */ }
                if (acked != _persistedAck) WriteAck(acked);
            }
            catch (IOException e)
            {
                lock (_lock) _dirty = true;
                throw new StorageException(StorageErrorCode.LocalStorage, $"syncing the outbox '{_dir}' failed: {e.Message}", e);
            }
        }
    }

    /// <summary>fsyncs when the cadence is due: call after appends and from a timer.</summary>
    public void MaybeSync()
    {
        bool due;
        lock (_lock) due = _dirty && DateTime.UtcNow - _lastSyncUtc >= _fsyncInterval;
        if (due) Sync();
    }

    public void Dispose()
    {
        try { Sync(); } catch (StorageException) { /* disposing: nothing more can be done */ }
        lock (_lock)
        {
            _active?.Dispose();
            _reader?.Dispose();
            _active = _reader = null;
            _readerPath = null;
            _lockFile?.Dispose();
        }
    }

    // ---- recovery and files ------------------------------------------------------------------------------

    private void Recover()
    {
        var files = System.IO.Directory.GetFiles(_dir, "*.seg");
        Array.Sort(files, StringComparer.Ordinal);
        long seq = _ackedSeq + 1;
        foreach (string path in files)
        {
            if (!long.TryParse(Path.GetFileNameWithoutExtension(path), out long first)) continue;
            var seg = new Segment(path, first);
            using (var f = Open(path, FileMode.Open, FileAccess.ReadWrite))
            {
                long valid = Scan(f, seg);
                if (valid < f.Length) f.SetLength(valid); // a torn tail (crash in the middle of an append) is cut off
            }
            if (seg.Records == 0) { TryDelete(path); continue; }
            _segments.Add(seg);
            _bytes += seg.Length;
            seq = first + seg.Records;
        }
        _nextSeq = Math.Max(seq, _ackedSeq + 1);
        // Skip records acknowledged before the restart.
        _readSegment = 0;
        _readIndex = 0;
        while (_readSegment < _segments.Count)
        {
            var seg = _segments[_readSegment];
            while (_readIndex < seg.Records && seg.FirstSeq + _readIndex <= _ackedSeq)
            {
                _pendingPoints -= seg.Points[_readIndex];
                _readIndex++;
            }
            if (_readIndex < seg.Records || _readSegment == _segments.Count - 1) break;
            _readSegment++;
            _readIndex = 0;
        }
        if (_segments.Count > 0)
        {
            var last = _segments[^1];
            _active = Open(last.Path, FileMode.Append, FileAccess.Write);
        }
        DropAcknowledgedSegments();
    }

    private long Scan(FileStream f, Segment seg)
    {
        Span<byte> header = stackalloc byte[HeaderBytes];
        long pos = 0;
        byte[] buf = [];
        while (pos + HeaderBytes <= f.Length)
        {
            f.Position = pos;
            f.ReadExactly(header);
            if (BinaryPrimitives.ReadUInt32LittleEndian(header) != Magic) break;
            int len = BinaryPrimitives.ReadInt32LittleEndian(header[4..]);
            int points = BinaryPrimitives.ReadInt32LittleEndian(header[8..]);
            uint crc = BinaryPrimitives.ReadUInt32LittleEndian(header[12..]);
            if (len < 0 || pos + HeaderBytes + len > f.Length) break;
            if (buf.Length < len) buf = new byte[len];
            f.ReadExactly(buf.AsSpan(0, len));
            if (Crc32.Compute(buf.AsSpan(0, len)) != crc) break;
            pos += HeaderBytes + len;
            seg.Ends.Add(pos);
            seg.Points.Add(points);
            _pendingPoints += points;
        }
        return pos;
    }

    private void StartSegment()
    {
        string path = Path.Combine(_dir, _nextSeq.ToString("D20", System.Globalization.CultureInfo.InvariantCulture) + ".seg");
        _active = Open(path, FileMode.Append, FileAccess.Write);
        _segments.Add(new Segment(path, _nextSeq));
    }

    // bufferSize 0: no user-space buffer, each Write is one write() to the kernel.
    private static FileStream Open(string path, FileMode mode, FileAccess access) =>
        new(path, mode, access, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0);

    private long ReadAck()
    {
        string path = Path.Combine(_dir, "ack");
        if (!File.Exists(path)) return -1;
        byte[] b = File.ReadAllBytes(path);
        if (b.Length != 16) return -1;
        long seq = BinaryPrimitives.ReadInt64LittleEndian(b);
        // The check word guards against a torn ack write; a bad ack only means re-sending (idempotent) records.
        return BinaryPrimitives.ReadInt64LittleEndian(b.AsSpan(8)) == ~seq ? seq : -1;
    }

    private void WriteAck(long seq)
    {
        Span<byte> b = stackalloc byte[16];
        BinaryPrimitives.WriteInt64LittleEndian(b, seq);
        BinaryPrimitives.WriteInt64LittleEndian(b[8..], ~seq);
        using var f = Open(Path.Combine(_dir, "ack"), FileMode.OpenOrCreate, FileAccess.Write);
        f.Write(b);
        f.Flush(flushToDisk: true);
        _persistedAck = seq;
    }

    private static void TryDelete(string path)
    {
        try { File.Delete(path); } catch (IOException) { /* left for the next recovery, which skips acknowledged records */ }
    }

    private sealed class Segment(string path, long firstSeq)
    {
        public string Path { get; } = path;
        public long FirstSeq { get; } = firstSeq;

        /// <summary>End offset of each record.</summary>
        public List<long> Ends { get; } = [];
        public List<int> Points { get; } = [];
        public int Records => Ends.Count;
        public long Length => Ends.Count == 0 ? 0 : Ends[^1];
        public long Start(int index) => index == 0 ? 0 : Ends[index - 1];
    }
}
