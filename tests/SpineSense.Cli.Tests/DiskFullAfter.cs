namespace SpineSense.Cli.Tests;

/// <summary>A file that takes <c>bytes</c> and then fails every write the way a full disk does (ENOSPC).</summary>
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
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
}
