using SpineSense.Sensors.Transport;

namespace SpineSense.Sensors.Tests.Transport;

public class FdPacketTransportTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Keeps_message_boundaries_like_an_l2cap_channel()
    {
        var (a, b) = FdPacketTransport.CreatePair();
        await using var _a = a;
        await using var _b = b;

        await a.SendAsync(new byte[] { 1 }, default);
        await a.SendAsync(new byte[] { 2, 2 }, default);
        await a.SendAsync(Enumerable.Repeat((byte)3, 517).ToArray(), default);

        Assert.Equal(new byte[] { 1 }, await b.ReceiveAsync(default).AsTask().WaitAsync(Wait));
        Assert.Equal(new byte[] { 2, 2 }, await b.ReceiveAsync(default).AsTask().WaitAsync(Wait));
        Assert.Equal(517, (await b.ReceiveAsync(default).AsTask().WaitAsync(Wait))!.Length);
    }

    [Fact]
    public async Task Delivers_what_was_sent_before_the_peer_closed_then_reports_the_close()
    {
        var (a, b) = FdPacketTransport.CreatePair();
        await using var _b = b;
        await a.SendAsync(new byte[] { 9 }, default);

        await a.DisposeAsync();

        Assert.Equal(new byte[] { 9 }, await b.ReceiveAsync(default).AsTask().WaitAsync(Wait));
        Assert.Null(await b.ReceiveAsync(default).AsTask().WaitAsync(Wait));
        var e = await Assert.ThrowsAsync<SensorLinkException>(() => b.SendAsync(new byte[] { 1 }, default).AsTask());
        Assert.Equal(SensorLinkError.Disconnected, e.Error);
    }

    [Fact]
    public async Task Sending_on_a_disposed_transport_is_a_disconnect_and_a_pending_receive_ends()
    {
        var (a, b) = FdPacketTransport.CreatePair();
        await using var _b = b;
        var pending = a.ReceiveAsync(default).AsTask();

        await a.DisposeAsync();

        Assert.Null(await pending.WaitAsync(Wait));
        var e = await Assert.ThrowsAsync<SensorLinkException>(() => a.SendAsync(new byte[] { 1 }, default).AsTask());
        Assert.Equal(SensorLinkError.Disconnected, e.Error);
    }

    [Fact]
    public async Task A_receive_can_be_cancelled_without_losing_the_next_message()
    {
        var (a, b) = FdPacketTransport.CreatePair();
        await using var _a = a;
        await using var _b = b;
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => b.ReceiveAsync(cancel.Token).AsTask());
        await a.SendAsync(new byte[] { 5 }, default);

        Assert.Equal(new byte[] { 5 }, await b.ReceiveAsync(default).AsTask().WaitAsync(Wait));
    }
}
