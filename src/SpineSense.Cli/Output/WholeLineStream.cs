namespace SpineSense.Cli.Output;

/// <summary>
/// Passes only whole lines to a file, so that what a failure leaves behind still reads: a recording or a packet log
/// ends on a line end even when the disk fills up in the middle of a write. Each <see cref="Write(ReadOnlySpan{byte})"/>
/// goes to the file at once up to its last line end (one write call, no buffering: the writers above already buffer);
/// a trailing unfinished line waits for its end. When a write fails part of the way (a full disk takes the bytes that
/// fit, then refuses), the file is cut back to the last line end that reached it and the stream refuses all further
/// writes, so no caller's retry can write rows twice or leave a row half written.
/// </summary>
/// <remarks>
/// A SIGKILL cannot split a row either, except inside the rare write call it interrupts (Linux stops a write at a page
/// boundary on a fatal signal); power loss keeps what <see cref="Sync"/> made durable. Not thread-safe.
/// </remarks>
/// <param name="file">Written with one call per batch of lines.</param>
/// <param name="regularFile">False for a device or pipe (/dev/null, a FIFO), which has no length to cut back.</param>
internal sealed class WholeLineStream(Stream file, bool regularFile = true) : Stream
{
    private byte[] _tail = new byte[256];
    private int _tailBytes;
    private long _committedBytes;
    private IOException? _failure;

    /// <summary>Bytes of whole lines that reached the file.</summary>
    public long CommittedBytes => _committedBytes;

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (_failure is not null) throw new IOException($"an earlier write failed: {_failure.Message}", _failure);
        int lastEnd = buffer.LastIndexOf((byte)'\n');
        if (lastEnd < 0)
        {
            Hold(buffer);
            return;
        }
        var lines = buffer[..(lastEnd + 1)];
        if (_tailBytes == 0)
        {
            WriteOut(lines);
        }
        else
        {
            // The held start of a line goes out together with its end, in one write.
            int held = _tailBytes;
            Hold(lines);
            try { WriteOut(_tail.AsSpan(0, _tailBytes)); }
            finally { _tailBytes = _failure is null ? 0 : held; }
        }
        Hold(buffer[(lastEnd + 1)..]);
    }

    /// <summary>Makes the whole lines in the file durable (fsync): a power cut after this keeps them. Also after a failed
    /// write, for the lines that were kept. A no-op on devices and pipes.</summary>
    public void Sync()
    {
        if (file is FileStream f) f.Flush(flushToDisk: true);
        else file.Flush();
    }

    private void Hold(ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty) return;
        if (_tailBytes + bytes.Length > _tail.Length) Array.Resize(ref _tail, Math.Max(_tail.Length * 2, _tailBytes + bytes.Length));
        bytes.CopyTo(_tail.AsSpan(_tailBytes));
        _tailBytes += bytes.Length;
    }

    private void WriteOut(ReadOnlySpan<byte> lines)
    {
        try
        {
            file.Write(lines);
            _committedBytes += lines.Length;
        }
        catch (IOException e)
        {
            _failure = e;
            KeepWholeLinesOf(lines);
            throw;
        }
    }

    /// <summary>After a failed write: keeps the whole lines of <paramref name="lines"/> that reached the file, cuts the rest.</summary>
    private void KeepWholeLinesOf(ReadOnlySpan<byte> lines)
    {
        if (!regularFile || !file.CanSeek) return;
        try
        {
            // The file's real length says how far the failed write got (a full disk takes what fits).
            long reached = (file is FileStream f ? RandomAccess.GetLength(f.SafeFileHandle) : file.Length) - _committedBytes;
            int written = (int)Math.Clamp(reached, 0, lines.Length);
            int keep = lines[..written].LastIndexOf((byte)'\n') + 1;
            _committedBytes += keep;
            file.SetLength(_committedBytes);
        }
        catch (Exception e) when (e is IOException or NotSupportedException or UnauthorizedAccessException)
        {
            // Cutting a file never needs space; if even that fails, the original error is the one to report.
        }
    }

    public override void Flush()
    {
        if (_failure is not null) throw new IOException($"an earlier write failed: {_failure.Message}", _failure);
        file.Flush();
    }

    /// <summary>Closes the file; an unfinished last line (no writer leaves one) is not written.</summary>
    protected override void Dispose(bool disposing)
    {
        if (disposing) file.Dispose();
        base.Dispose(disposing);
    }

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
