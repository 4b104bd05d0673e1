using System.Text;
using Microsoft.Extensions.Time.Testing;
using SpineSense.Sensors.Att;
using SpineSense.Sensors.Gatt;
using SpineSense.Sensors.Tests.Fakes;

namespace SpineSense.Sensors.Tests.Gatt;

public class GattClientTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    private static async Task<(GattClient Client, FakePeripheral Peripheral, FakeGattDatabase.Layout Layout)> StartAsync(
        ushort serverMtu = 247, GattClientOptions? options = null)
    {
        var db = FakeGattDatabase.SpineSense(out var layout);
        var (transport, peripheral) = FakePeripheral.Pair(db, serverMtu);
        var client = new GattClient(transport, options);
        client.Start();
        await Task.CompletedTask;
        return (client, peripheral, layout);
    }

    [Fact]
    public async Task Discovers_all_primary_services_across_several_responses_until_attribute_not_found()
    {
        var (client, peripheral, _) = await StartAsync();
        await using var _c = client;
        await using var _p = peripheral;

        var services = await client.DiscoverPrimaryServicesAsync(default).WaitAsync(Wait);

        Assert.Equal(
            [AttUuid.FromUInt16(0x1800), SpineSenseGatt.Service, SpineSenseGatt.BatteryService, SpineSenseGatt.DeviceInformationService],
            services.Select(s => s.Uuid));
        // ranges tile the database: each service ends where the next begins
        for (int i = 1; i < services.Count; i++) Assert.Equal(services[i - 1].EndHandle + 1, services[i].StartHandle);
        // 16-bit and 128-bit entries cannot share a response: GAP | SpineSense | Battery+DevInfo | Attribute Not Found
        Assert.Equal(4, peripheral.CountReceived(AttOpcode.ReadByGroupTypeRequest));
    }

    [Fact]
    public async Task Finds_the_spinesense_service_by_its_128_bit_uuid()
    {
        var (client, peripheral, layout) = await StartAsync();
        await using var _c = client;
        await using var _p = peripheral;

        var found = await client.FindPrimaryServicesAsync(SpineSenseGatt.Service, default).WaitAsync(Wait);
        var none = await client.FindPrimaryServicesAsync(AttUuid.Parse("53504e09-5370-696e-6553-656e73650000"), default).WaitAsync(Wait);

        var service = Assert.Single(found);
        Assert.True(service.StartHandle < layout.ImuData && layout.StatusCccd <= service.EndHandle);
        Assert.Empty(none);
    }

    [Fact]
    public async Task Discovers_characteristics_with_128_bit_uuids_and_properties_at_the_default_mtu()
    {
        var (client, peripheral, layout) = await StartAsync(serverMtu: 23);
        await using var _c = client;
        await using var _p = peripheral;
        var service = (await client.FindPrimaryServicesAsync(SpineSenseGatt.Service, default)).Single();

        var chars = await client.DiscoverCharacteristicsAsync(service, default).WaitAsync(Wait);

        Assert.Equal([SpineSenseGatt.ImuData, SpineSenseGatt.ControlPoint, SpineSenseGatt.Status], chars.Select(c => c.Uuid));
        Assert.Equal([layout.ImuData, layout.ControlPoint, layout.Status], chars.Select(c => c.ValueHandle));
        Assert.Equal(GattProperties.Write | GattProperties.Indicate, chars[1].Properties);
        // a 21-byte entry fits once in a 23-byte MTU: one request per characteristic, then Attribute Not Found
        Assert.Equal(4, peripheral.CountReceived(AttOpcode.ReadByTypeRequest));
    }

    [Fact]
    public async Task Discovers_several_16_bit_characteristics_in_one_response()
    {
        var (client, peripheral, _) = await StartAsync();
        await using var _c = client;
        await using var _p = peripheral;
        var dis = (await client.FindPrimaryServicesAsync(SpineSenseGatt.DeviceInformationService, default)).Single();

        var chars = await client.DiscoverCharacteristicsAsync(dis, default).WaitAsync(Wait);

        Assert.Equal([SpineSenseGatt.ManufacturerName, SpineSenseGatt.ModelNumber, SpineSenseGatt.FirmwareRevision], chars.Select(c => c.Uuid));
        // all three fit in one response; the next search (past the last declaration) ends with Attribute Not Found
        Assert.Equal(2, peripheral.CountReceived(AttOpcode.ReadByTypeRequest));
    }

    [Fact]
    public async Task Finds_the_cccd_among_descriptors()
    {
        var (client, peripheral, layout) = await StartAsync();
        await using var _c = client;
        await using var _p = peripheral;

        var descriptors = await client.DiscoverDescriptorsAsync((ushort)(layout.ImuData + 1), (ushort)(layout.ControlPoint - 2), default).WaitAsync(Wait);

        var cccd = Assert.Single(descriptors);
        Assert.Equal(layout.ImuCccd, cccd.Handle);
        Assert.Equal(AttUuid.FromUInt16(0x2902), cccd.Uuid);
    }

    [Theory]
    [InlineData(247, 247, 247)]
    [InlineData(23, 247, 23)]
    [InlineData(100, 247, 100)]
    [InlineData(247, 64, 64)]
    public async Task Mtu_exchange_takes_the_smaller_of_both_offers(int serverMtu, int clientMtu, int expected)
    {
        var (client, peripheral, _) = await StartAsync((ushort)serverMtu);
        await using var _c = client;
        await using var _p = peripheral;

        int mtu = await client.ExchangeMtuAsync((ushort)clientMtu, default).WaitAsync(Wait);

        Assert.Equal(expected, mtu);
        Assert.Equal(expected, client.Mtu);
        Assert.Equal(expected, peripheral.Mtu);
    }

    [Fact]
    public async Task Reads_a_value_longer_than_the_mtu_with_read_blob()
    {
        var (client, peripheral, layout) = await StartAsync(serverMtu: 23);
        await using var _c = client;
        await using var _p = peripheral;

        byte[] value = await client.ReadAsync(layout.FirmwareRevision, default).WaitAsync(Wait);

        Assert.Equal(FakeGattDatabase.FirmwareRevisionText, Encoding.UTF8.GetString(value));
        Assert.True(peripheral.CountReceived(AttOpcode.ReadBlobRequest) >= 1);
    }

    [Fact]
    public async Task Att_error_response_becomes_a_link_exception_with_code_and_words()
    {
        var (client, peripheral, layout) = await StartAsync();
        await using var _c = client;
        await using var _p = peripheral;

        var e = await Assert.ThrowsAsync<SensorLinkException>(() => client.ReadAsync(layout.ControlPoint, default).WaitAsync(Wait));

        Assert.Equal(SensorLinkError.AttError, e.Error);
        Assert.Equal((byte)AttErrorCode.ReadNotPermitted, e.AttError);
        Assert.Equal(AttOpcode.ReadRequest, e.AttRequestOpcode);
        Assert.Equal(layout.ControlPoint, e.AttHandle);
        Assert.Contains("read not permitted", e.Message);
        // the bearer stays usable after an error response
        Assert.Equal([87], await client.ReadAsync(layout.Battery, default).WaitAsync(Wait));
    }

    [Fact]
    public async Task Injected_insufficient_encryption_on_a_cccd_write_says_so()
    {
        var (client, peripheral, layout) = await StartAsync();
        await using var _c = client;
        await using var _p = peripheral;
        peripheral.FailNext(AttOpcode.WriteRequest, AttErrorCode.InsufficientEncryption);

        var e = await Assert.ThrowsAsync<SensorLinkException>(() => client.WriteCccdAsync(layout.ImuCccd, 1, default).WaitAsync(Wait));

        Assert.Equal((byte)0x0F, e.AttError);
        Assert.Contains("encrypt", e.Message);
        Assert.Equal(0, peripheral.CccdValue(layout.ImuCccd));
    }

    [Fact]
    public async Task A_silent_server_times_out_after_the_att_timeout_and_the_bearer_closes()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var (client, peripheral, layout) = await StartAsync(options: new GattClientOptions(Time: time));
        await using var _c = client;
        await using var _p = peripheral;
        peripheral.Silent = true;

        var read = client.ReadAsync(layout.Battery, default);
        await WaitUntil(() => peripheral.CountReceived(AttOpcode.ReadRequest) == 1);
        time.Advance(TimeSpan.FromSeconds(29.9));
        await Task.Delay(50);
        Assert.False(read.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(0.2));

        var e = await Assert.ThrowsAsync<SensorLinkException>(() => read.WaitAsync(Wait));
        Assert.Equal(SensorLinkError.Timeout, e.Error);
        Assert.Contains("30 s", e.Message);
        Assert.True(client.IsClosed);
        var after = await Assert.ThrowsAsync<SensorLinkException>(() => client.ReadAsync(layout.Battery, default).WaitAsync(Wait));
        Assert.Equal(SensorLinkError.Disconnected, after.Error);
    }

    [Fact]
    public async Task Confirms_an_indication_after_delivering_it_and_delivers_notifications_in_order()
    {
        var (client, peripheral, layout) = await StartAsync();
        await using var _c = client;
        await using var _p = peripheral;
        var values = new List<GattValue>();
        client.ValueReceived += v => { lock (values) values.Add(v); };
        await client.WriteCccdAsync(layout.ImuCccd, GattUuids.CccdNotify, default);
        await client.WriteCccdAsync(layout.ControlPointCccd, GattUuids.CccdIndicate, default);

        for (byte i = 0; i < 50; i++) Assert.True(await peripheral.NotifyAsync(layout.ImuData, new byte[] { i, 0xAA }));
        Assert.True(await peripheral.IndicateAsync(layout.ControlPoint, new byte[] { 0x81, 0x00 }));
        await WaitUntil(() => { lock (values) return values.Count == 51; });

        Assert.Equal(Enumerable.Range(0, 50).Select(i => (byte)i), values.Take(50).Select(v => v.Value.Span[0]));
        Assert.All(values.Take(50), v => Assert.False(v.IsIndication));
        Assert.True(values[50].IsIndication);
        Assert.Equal(layout.ControlPoint, values[50].Handle);
        Assert.Equal(1, peripheral.Confirmations);
    }

    [Fact]
    public async Task Refuses_requests_from_the_peer_with_request_not_supported()
    {
        var (client, peripheral, layout) = await StartAsync();
        await using var _c = client;
        await using var _p = peripheral;

        await peripheral.SendRawAsync([AttOpcode.ReadRequest, 0x01, 0x00]);
        // the client keeps working, and its refusal reached the peripheral as an Error Response
        Assert.Equal([87], await client.ReadAsync(layout.Battery, default).WaitAsync(Wait));
        await WaitUntil(() => peripheral.Received.Any(p => p[0] == AttOpcode.ErrorResponse && p[1] == AttOpcode.ReadRequest && p[4] == 0x06));
    }

    [Fact]
    public async Task A_write_longer_than_mtu_minus_3_is_refused_before_sending()
    {
        var (client, peripheral, layout) = await StartAsync(serverMtu: 23);
        await using var _c = client;
        await using var _p = peripheral;

        var e = await Assert.ThrowsAsync<SensorLinkException>(() => client.WriteAsync(layout.ControlPoint, new byte[21], default));

        Assert.Equal(SensorLinkError.ProtocolError, e.Error);
        Assert.Contains("at most 20 bytes", e.Message);
        Assert.Equal(0, peripheral.CountReceived(AttOpcode.WriteRequest));
    }

    [Fact]
    public async Task Peer_closing_the_connection_fails_the_outstanding_request_and_reports_disconnected()
    {
        var (client, peripheral, layout) = await StartAsync();
        await using var _c = client;
        peripheral.Silent = true;
        var read = client.ReadAsync(layout.Battery, default);
        await WaitUntil(() => peripheral.CountReceived(AttOpcode.ReadRequest) == 1);

        await peripheral.DropAsync();

        var e = await Assert.ThrowsAsync<SensorLinkException>(() => read.WaitAsync(Wait));
        Assert.Equal(SensorLinkError.Disconnected, e.Error);
        var reason = await client.Completion.WaitAsync(Wait);
        Assert.Equal(SensorLinkError.Disconnected, reason!.Error);
        await peripheral.DisposeAsync();
    }

    internal static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("condition not met within " + Wait);
            await Task.Delay(5);
        }
    }
}
