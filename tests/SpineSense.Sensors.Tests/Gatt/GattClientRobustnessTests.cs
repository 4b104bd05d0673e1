using SpineSense.Sensors.Att;
using SpineSense.Sensors.Gatt;
using SpineSense.Sensors.Tests.Fakes;
using SpineSense.Sensors.Transport;

namespace SpineSense.Sensors.Tests.Gatt;

public class GattClientRobustnessTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    /// <summary>A scripted server: answers each request with whatever the script returns for it.</summary>
    private static (GattClient Client, FdPacketTransport Server, List<byte[]> Requests) Scripted(Func<byte[], byte[]?> answer)
    {
        var (a, b) = FdPacketTransport.CreatePair("scripted");
        var requests = new List<byte[]>();
        _ = Task.Run(async () =>
        {
            try
            {
                while (await b.ReceiveAsync(default) is { } pdu)
                {
                    lock (requests) requests.Add(pdu);
                    if (answer(pdu) is { } rsp) await b.SendAsync(rsp, default);
                }
            }
            catch (SensorLinkException) { }
        });
        var client = new GattClient(a);
        client.Start();
        return (client, b, requests);
    }

    [Fact]
    public async Task A_server_that_repeats_handles_gets_a_protocol_error_instead_of_an_endless_loop()
    {
        // every Read By Group Type is answered with the same service at handles 1..5, whatever the start handle
        var (client, server, requests) = Scripted(_ => Convert.FromHexString("1106" + "0100" + "0500" + "0018"));
        await using var _c = client;
        await using var _s = server;

        var e = await Assert.ThrowsAsync<SensorLinkException>(() => client.DiscoverPrimaryServicesAsync(default).WaitAsync(Wait));

        Assert.Equal(SensorLinkError.ProtocolError, e.Error);
        Assert.Contains("refusing to loop", e.Message);
        lock (requests) Assert.Equal(2, requests.Count);
    }

    [Fact]
    public async Task A_response_with_the_wrong_opcode_closes_the_bearer_as_a_protocol_error()
    {
        var (client, server, _) = Scripted(_ => [AttOpcode.WriteResponse]);
        await using var _c = client;
        await using var _s = server;

        var e = await Assert.ThrowsAsync<SensorLinkException>(() => client.ReadAsync(3, default).WaitAsync(Wait));

        Assert.Equal(SensorLinkError.ProtocolError, e.Error);
        Assert.Contains("answered Read with opcode 0x13", e.Message);
        Assert.True(client.IsClosed);
    }

    [Fact]
    public async Task After_a_cancelled_request_the_next_one_waits_for_the_late_response_and_gets_its_own()
    {
        var release = new TaskCompletionSource();
        FdPacketTransport? serverEnd = null;
        var (client, server, requests) = Scripted(pdu =>
        {
            if (pdu[0] != AttOpcode.ReadRequest) return null;
            if (pdu[1] == 1)
            {
                // answer the first read only after the test releases it; the server keeps reading meanwhile
                _ = release.Task.ContinueWith(_ => serverEnd!.SendAsync(new byte[] { AttOpcode.ReadResponse, 1 }, default).AsTask());
                return null;
            }
            return [AttOpcode.ReadResponse, pdu[1]]; // echo the handle as the value
        });
        serverEnd = server;
        await using var _c = client;
        await using var _s = server;
        using var cancel = new CancellationTokenSource();

        var first = client.ReadAsync(1, cancel.Token);
        await GattClientTests.WaitUntil(() => { lock (requests) return requests.Count == 1; });
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        var second = client.ReadAsync(2, default);
        await Task.Delay(50);
        lock (requests) Assert.Single(requests); // ATT: no new request while one is outstanding
        release.SetResult();

        Assert.Equal(new byte[] { 2 }, await second.WaitAsync(Wait));
        lock (requests) Assert.Equal(2, requests.Count);
    }

    [Fact]
    public async Task A_server_exchange_mtu_request_is_answered_and_a_server_without_mtu_exchange_keeps_23()
    {
        var (client, server, requests) = Scripted(pdu => pdu[0] == AttOpcode.ExchangeMtuRequest
            ? Convert.FromHexString("0102" + "0000" + "06") // Request Not Supported
            : null);
        await using var _c = client;
        await using var _s = server;

        Assert.Equal(23, await client.ExchangeMtuAsync(247, default).WaitAsync(Wait));

        await server.SendAsync(Convert.FromHexString("026400"), default); // the peer asks with MTU 100
        await GattClientTests.WaitUntil(() => { lock (requests) return requests.Any(r => r[0] == AttOpcode.ExchangeMtuResponse); });
        byte[] rsp;
        lock (requests) rsp = requests.First(r => r[0] == AttOpcode.ExchangeMtuResponse);
        Assert.Equal(Convert.FromHexString("03F700"), rsp);
        Assert.Equal(100, client.Mtu);
    }

    [Fact]
    public async Task A_truncated_notification_closes_the_bearer_as_malformed()
    {
        var (client, server, _) = Scripted(_ => null);
        await using var _c = client;
        await using var _s = server;

        await server.SendAsync(new byte[] { AttOpcode.HandleValueNotification, 0x06 }, default);

        var reason = await client.Completion.WaitAsync(Wait);
        Assert.Equal(SensorLinkError.ProtocolError, reason!.Error);
        Assert.Contains("malformed", reason.Message);
    }
}
