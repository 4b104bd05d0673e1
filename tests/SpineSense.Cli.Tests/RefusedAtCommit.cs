namespace SpineSense.Cli.Tests;

/// <summary>
/// A file written normally that, once closed, has a directory where it was: syncing or renaming it is then refused
/// with a permission error (UnauthorizedAccessException), as a rename over an immutable file (EPERM) would be.
/// Tests run as root, which ignores permission bits, so this is how a refusal at commit time is provoked.
/// </summary>
internal sealed class RefusedAtCommit(string path) : Stream
{
    private readonly FileStream _file = new(path, FileMode.Create, FileAccess.Write);

    public override void Write(byte[] buffer, int offset, int count) => _file.Write(buffer, offset, count);
    public override void Write(ReadOnlySpan<byte> buffer) => _file.Write(buffer);
    public override void Flush() => _file.Flush();

    protected override void Dispose(bool disposing)
    {
        if (disposing && File.Exists(path))
        {
            _file.Dispose();
            File.Delete(path);
            Directory.CreateDirectory(path);
        }
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
