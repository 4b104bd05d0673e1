using System.Net;
using System.Net.Sockets;

namespace SpineSense.TestSupport;

/// <summary>
/// A loopback TCP proxy that forwards to 127.0.0.1:<c>targetPort</c> and holds every chunk of the server's answer
/// for <see cref="Delay"/> first: a slow server as clients see it (slow answers, time-outs) without touching the server.
/// </summary>
public sealed class DelayingTcpProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _targetPort;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accept;
    private long _connections;

    public DelayingTcpProxy(int targetPort, TimeSpan delay)
    {
        _targetPort = targetPort;
        Delay = delay;
        _listener.Start();
        _accept = Task.Run(AcceptLoopAsync);
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Delay added before each chunk of the server's answer; can be changed while running.</summary>
    public TimeSpan Delay { get; set; }

    public long Connections => Interlocked.Read(ref _connections);

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token).ConfigureAwait(false); }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException) { break; }
            Interlocked.Increment(ref _connections);
            _ = Task.Run(() => HandleAsync(client));
        }
    }

    private async Task HandleAsync(TcpClient client)
    {
        using (client)
        using (var server = new TcpClient())
        {
            try
            {
                await server.ConnectAsync(IPAddress.Loopback, _targetPort, _stop.Token).ConfigureAwait(false);
                var c = client.GetStream();
                var s = server.GetStream();
                var up = PumpAsync(c, s, delayed: false);
                var down = PumpAsync(s, c, delayed: true);
                await Task.WhenAny(up, down).ConfigureAwait(false);
            }
            catch (Exception e) when (e is SocketException or IOException or OperationCanceledException or ObjectDisposedException) { }
        }
    }

    private async Task PumpAsync(Stream from, Stream to, bool delayed)
    {
        var buf = new byte[64 * 1024];
        try
        {
            while (true)
            {
                int n = await from.ReadAsync(buf, _stop.Token).ConfigureAwait(false);
                if (n == 0) break;
                if (delayed && Delay > TimeSpan.Zero) await Task.Delay(Delay, _stop.Token).ConfigureAwait(false);
                await to.WriteAsync(buf.AsMemory(0, n), _stop.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException or ObjectDisposedException) { }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        try { await _accept.ConfigureAwait(false); } catch (OperationCanceledException) { }
    }
}
