namespace SpineSense.Cli.Tests;

/// <summary>A file that takes <c>bytes</c> and then fails every write the way a full disk does (ENOSPC): the write
/// that crosses the limit keeps what fit, as write(2) does. Its length can be read and cut, as a real file's.</summary>
internal sealed class DiskFullAfter(string path, FileMode mode, long bytes) : Stream
{
    private readonly FileStream _file = new(path, mode, FileAccess.Write);
    private long _left = bytes;

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        int n = (int)Math.Min(_left, buffer.Length);
        _file.Write(buffer[..n]);
        _left -= n;
        if (n < buffer.Length) throw new IOException("No space left on device");
    }

    public override void Flush() => _file.Flush();
    protected override void Dispose(bool disposing) { if (disposing) _file.Dispose(); base.Dispose(disposing); }
    public override bool CanRead => false;
    public override bool CanSeek => true;
    public override bool CanWrite => true;
    public override long Length => _file.Length;
    public override long Position { get => _file.Position; set => _file.Position = value; }
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => _file.Seek(offset, origin);
    public override void SetLength(long value) => _file.SetLength(value);
}
