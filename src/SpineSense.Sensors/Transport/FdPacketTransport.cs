using System.Threading.Channels;
using SpineSense.Sensors.Native;

namespace SpineSense.Sensors.Transport;

/// <summary>
/// <see cref="IPacketTransport"/> over a non-blocking message socket file descriptor (L2CAP SOCK_SEQPACKET,
/// HCI SOCK_RAW, AF_UNIX SOCK_SEQPACKET). One dedicated reader thread per transport polls and reads whole messages
/// into a queue, so a message is taken off the socket the moment it arrives even when the consumer is busy; the
/// production path and the socket-pair tests run exactly the same code.
/// </summary>
public sealed class FdPacketTransport : IPacketTransport
{
    /// <summary>Largest message read: ATT MTU can be 517, mgmt events are at most a few hundred bytes.</summary>
    private const int MaxMessageBytes = 2048;

    /// <summary>Reader wake-up period to notice disposal even if shutdown() did not wake poll().</summary>
    private const int PollPeriodMs = 200;

    private readonly SafeFdHandle _fd;
    private readonly Channel<byte[]> _received = Channel.CreateUnbounded<byte[]>(
        new UnboundedChannelOptions { SingleReader = false, SingleWriter = true });
    private readonly Thread _reader;
    private readonly TimeSpan _sendTimeout;
    private readonly object _sendLock = new();
    private volatile bool _disposed;

    internal FdPacketTransport(SafeFdHandle fd, string name, TimeSpan? sendTimeout = null)
    {
        _fd = fd;
        _sendTimeout = sendTimeout ?? TimeSpan.FromSeconds(10);
        _reader = new Thread(ReadLoop) { IsBackground = true, Name = "spinesense-rx " + name };
        _reader.Start();
    }

    /// <summary>
    /// Two connected in-process endpoints (socketpair(AF_UNIX, SOCK_SEQPACKET)): message boundaries are preserved as on
    /// an L2CAP channel. Used to run a fake peripheral or a fake management controller against the real client code.
    /// </summary>
    public static unsafe (FdPacketTransport A, FdPacketTransport B) CreatePair(string name = "pair")
    {
        int* fds = stackalloc int[2];
        if (LibC.SocketPair(LibC.AF_UNIX, LibC.SOCK_SEQPACKET | LibC.SOCK_NONBLOCK | LibC.SOCK_CLOEXEC, 0, fds) != 0)
            throw new SensorLinkException(SensorLinkError.ConnectFailed,
                $"socketpair(AF_UNIX, SOCK_SEQPACKET) failed ({LibC.Describe(LibC.LastErrno)})");
        return (new FdPacketTransport(new SafeFdHandle(fds[0]), name + "/a"),
                new FdPacketTransport(new SafeFdHandle(fds[1]), name + "/b"));
    }

    public ValueTask SendAsync(ReadOnlyMemory<byte> message, CancellationToken cancel)
    {
        cancel.ThrowIfCancellationRequested();
        lock (_sendLock)
        {
            if (_disposed) throw Gone("the transport is closed");
            SendOne(message.Span);
        }
        return ValueTask.CompletedTask;
    }

    private unsafe void SendOne(ReadOnlySpan<byte> message)
    {
        long deadline = Environment.TickCount64 + (long)_sendTimeout.TotalMilliseconds;
        fixed (byte* p = message)
        {
            while (true)
            {
                nint n = LibC.Write(_fd.Fd, p, message.Length);
                if (n >= 0) return; // SEQPACKET/RAW writes are all-or-nothing
                int errno = LibC.LastErrno;
                if (errno == LibC.EINTR) continue;
                if (errno != LibC.EAGAIN) throw Gone($"send failed ({LibC.Describe(errno)})");
                // Controller buffers full: wait until writable, bounded so a wedged radio cannot hang the caller.
                int left = (int)(deadline - Environment.TickCount64);
                if (left <= 0) throw new SensorLinkException(SensorLinkError.Timeout, "send timed out: the link accepted no data for " + _sendTimeout.TotalSeconds + " s");
                var pfd = new LibC.PollFd { Fd = _fd.Fd, Events = LibC.POLLOUT };
                LibC.Poll(&pfd, 1, left);
            }
        }
    }

    public async ValueTask<byte[]?> ReceiveAsync(CancellationToken cancel)
    {
        try
        {
            if (await _received.Reader.WaitToReadAsync(cancel).ConfigureAwait(false) && _received.Reader.TryRead(out var m))
                return m;
            return null;
        }
        catch (ChannelClosedException e) when (e.InnerException is SensorLinkException inner)
        {
            throw new SensorLinkException(inner.Error, inner.Message, inner);
        }
        catch (SensorLinkException inner)
        {
            // WaitToReadAsync rethrows the completion error as is; re-wrap so each caller gets its own stack.
            throw new SensorLinkException(inner.Error, inner.Message, inner);
        }
    }

    private unsafe void ReadLoop()
    {
        var buffer = new byte[MaxMessageBytes];
        SensorLinkException? error = null;
        fixed (byte* p = buffer)
        {
            while (!_disposed)
            {
                var pfd = new LibC.PollFd { Fd = _fd.Fd, Events = LibC.POLLIN };
                int ready = LibC.Poll(&pfd, 1, PollPeriodMs);
                if (ready < 0)
                {
                    if (LibC.LastErrno == LibC.EINTR) continue;
                    error = Gone($"poll failed ({LibC.Describe(LibC.LastErrno)})");
                    break;
                }
                if (ready == 0) continue;
                nint n = LibC.Read(_fd.Fd, p, buffer.Length);
                if (n > 0)
                {
                    _received.Writer.TryWrite(buffer.AsSpan(0, (int)n).ToArray());
                    continue;
                }
                if (n == 0) break; // orderly close by the peer (or our own shutdown)
                int errno = LibC.LastErrno;
                if (errno is LibC.EINTR or LibC.EAGAIN) continue;
                if (!_disposed) error = Gone($"the connection failed ({LibC.Describe(errno)})");
                break;
            }
        }
        _received.Writer.TryComplete(error);
    }

    private static SensorLinkException Gone(string why) => new(SensorLinkError.Disconnected, "Sensor link lost: " + why);

    public ValueTask DisposeAsync()
    {
        lock (_sendLock)
        {
            if (_disposed) return ValueTask.CompletedTask;
            _disposed = true;
        }
        // shutdown() wakes the reader's poll() and tells the peer at once; close only after the reader is gone so the
        // fd number cannot be reused under it.
        LibC.Shutdown(_fd.Fd, LibC.SHUT_RDWR);
        if (Thread.CurrentThread != _reader) _reader.Join(TimeSpan.FromSeconds(2));
        _fd.Dispose();
        _received.Writer.TryComplete();
        return ValueTask.CompletedTask;
    }
}
