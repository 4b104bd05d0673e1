using System.Text;
using Microsoft.Extensions.Time.Testing;
using SpineSense.Sensors.Att;
using SpineSense.Sensors.Ble;
using SpineSense.Sensors.Discovery;
using SpineSense.Sensors.Gatt;
using SpineSense.Sensors.Tests.Fakes;
using SpineSense.Sensors.Transport;

namespace SpineSense.Sensors.Tests.Ble;

public class BleSensorLinkTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    /// <summary>A BLE link whose bearer is a socket pair with a fresh fake SpineSense peripheral per connection.</summary>
    private sealed class Rig : IAsyncDisposable
    {
        public readonly List<FakePeripheral> Peripherals = [];
        public FakeGattDatabase.Layout Layout = null!;
        public BleSensorLink Link { get; }
        public Func<FakeGattDatabase>? Database { get; init; }

        public Rig(ushort serverMtu = 247, SensorLinkOptions? options = null, Func<FakeGattDatabase>? database = null)
        {
            Database = database;
            Link = new BleSensorLink("ble:fake", new BleLinkOptions(), Generous(options), _ =>
            {
                var db = Database?.Invoke() ?? FakeGattDatabase.SpineSense(out Layout);
                if (Database is not null) FakeGattDatabase.SpineSense(out Layout);
                var (client, peripheral) = FakePeripheral.Pair(db, serverMtu);
                lock (Peripherals) Peripherals.Add(peripheral);
                return Task.FromResult(client);
            });
        }

        public FakePeripheral Current { get { lock (Peripherals) return Peripherals[^1]; } }

        // A real-time command timeout (5 s by default) is a race with a loaded machine: tests that are not about the
        // timeout get a minute; the timeout test runs on a fake clock.
        internal static SensorLinkOptions Generous(SensorLinkOptions? options) =>
            options is { Time: not null } || options?.CommandTimeout is not null
                ? options!
                : (options ?? new SensorLinkOptions()) with { CommandTimeout = TimeSpan.FromSeconds(60) };

        public async ValueTask DisposeAsync()
        {
            await Link.DisposeAsync();
            foreach (var p in Peripherals) await p.DisposeAsync();
        }
    }

    private static byte[] Packet(int seq, int length)
    {
        var p = new byte[length];
        p[0] = (byte)seq; p[1] = (byte)(seq >> 8);
        for (int i = 2; i < length; i++) p[i] = (byte)(i * 7 + seq);
        return p;
    }

    [Fact]
    public async Task Connecting_enables_imu_and_status_notifications_and_control_point_indications()
    {
        await using var rig = new Rig();
        await rig.Link.ConnectAsync(default).WaitAsync(Wait);

        var p = rig.Current;
        Assert.Equal(SensorLinkState.Connected, rig.Link.State);
        Assert.Equal(GattUuids.CccdNotify, p.CccdValue(rig.Layout.ImuCccd));
        Assert.Equal(GattUuids.CccdNotify, p.CccdValue(rig.Layout.StatusCccd));
        Assert.Equal(GattUuids.CccdNotify, p.CccdValue(rig.Layout.BatteryCccd));
        Assert.Equal(GattUuids.CccdIndicate, p.CccdValue(rig.Layout.ControlPointCccd));
        Assert.Equal(247, rig.Link.Mtu);
    }

    [Fact]
    public async Task Delivers_full_244_byte_packets_in_order_at_mtu_247()
    {
        await using var rig = new Rig(serverMtu: 247);
        await rig.Link.ConnectAsync(default).WaitAsync(Wait);

        for (int seq = 0; seq < 300; seq++) await rig.Current.NotifyAsync(rig.Layout.ImuData, Packet(seq, 244));
        await rig.Current.NotifyAsync(rig.Layout.Status, new byte[] { 9, 9 });

        for (int seq = 0; seq < 300; seq++)
        {
            var n = await rig.Link.Notifications.ReadAsync().AsTask().WaitAsync(Wait);
            Assert.Equal(SensorCharacteristic.ImuData, n.Characteristic);
            Assert.Equal(Packet(seq, 244), n.Payload.ToArray());
        }
        var status = await rig.Link.Notifications.ReadAsync().AsTask().WaitAsync(Wait);
        Assert.Equal(SensorCharacteristic.Status, status.Characteristic);
        Assert.Equal(0, rig.Link.DroppedNotifications);
    }

    [Fact]
    public async Task At_the_default_mtu_of_23_notifications_carry_at_most_20_bytes()
    {
        await using var rig = new Rig(serverMtu: 23);
        await rig.Link.ConnectAsync(default).WaitAsync(Wait);

        await rig.Current.NotifyAsync(rig.Layout.ImuData, Packet(1, 20));
        await rig.Current.NotifyAsync(rig.Layout.ImuData, Packet(2, 244)); // a real stack cuts it to MTU − 3

        Assert.Equal(23, rig.Link.Mtu);
        var a = await rig.Link.Notifications.ReadAsync().AsTask().WaitAsync(Wait);
        var b = await rig.Link.Notifications.ReadAsync().AsTask().WaitAsync(Wait);
        Assert.Equal(Packet(1, 20), a.Payload.ToArray());
        Assert.Equal(Packet(2, 244).AsSpan(0, 20).ToArray(), b.Payload.ToArray());
    }

    [Fact]
    public async Task Stamps_host_arrival_time_from_the_links_clock()
    {
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(1_764_000_000_000));
        await using var rig = new Rig(options: new SensorLinkOptions(Time: time));
        await rig.Link.ConnectAsync(default).WaitAsync(Wait);
        time.Advance(TimeSpan.FromMilliseconds(1.5));

        await rig.Current.NotifyAsync(rig.Layout.ImuData, Packet(0, 30));

        var n = await rig.Link.Notifications.ReadAsync().AsTask().WaitAsync(Wait);
        Assert.Equal(1_764_000_000_000_000L + 1_500, n.HostArrivalUs);
    }

    [Fact]
    public async Task A_command_returns_the_indication_that_answers_it()
    {
        await using var rig = new Rig();
        await rig.Link.ConnectAsync(default).WaitAsync(Wait);
        rig.Current.ControlPointResponder = cmd => [0x80, cmd[0], 0x00];

        var r1 = await rig.Link.SendCommandAsync(new byte[] { 0x01, 0xC8, 0x00 }, default).WaitAsync(Wait);
        var r2 = await rig.Link.SendCommandAsync(new byte[] { 0x02 }, default).WaitAsync(Wait);

        Assert.Equal(new byte[] { 0x80, 0x01, 0x00 }, r1.Payload.ToArray());
        Assert.Equal(new byte[] { 0x80, 0x02, 0x00 }, r2.Payload.ToArray());
        Assert.True(r1.RoundTripUs >= 0);
        Assert.Equal(new[] { new byte[] { 0x01, 0xC8, 0x00 }, [0x02] }, rig.Current.ControlPointWrites.ToArray());
        await GattClientTestsWait(() => rig.Current.Confirmations == 2);
        Assert.False(rig.Link.Notifications.TryRead(out _)); // answers are not duplicated into the stream
    }

    [Fact]
    public async Task An_unsolicited_control_point_indication_goes_to_the_notification_stream()
    {
        await using var rig = new Rig();
        await rig.Link.ConnectAsync(default).WaitAsync(Wait);

        Assert.True(await rig.Current.IndicateAsync(rig.Layout.ControlPoint, new byte[] { 0x90, 0x01 }));

        var n = await rig.Link.Notifications.ReadAsync().AsTask().WaitAsync(Wait);
        Assert.Equal(SensorCharacteristic.ControlPoint, n.Characteristic);
        Assert.Equal(new byte[] { 0x90, 0x01 }, n.Payload.ToArray());
    }

    [Fact]
    public async Task A_command_without_result_indication_times_out()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        await using var rig = new Rig(options: new SensorLinkOptions(CommandTimeout: TimeSpan.FromSeconds(2), Time: time));
        await rig.Link.ConnectAsync(default).WaitAsync(Wait);

        var send = rig.Link.SendCommandAsync(new byte[] { 0x05 }, default);
        await GattClientTestsWait(() => rig.Current.ControlPointWrites.Count == 1);
        time.Advance(TimeSpan.FromSeconds(1.9));
        await Task.Delay(50);
        Assert.False(send.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(0.2));

        var e = await Assert.ThrowsAsync<SensorLinkException>(() => send.WaitAsync(Wait));
        Assert.Equal(SensorLinkError.Timeout, e.Error);
        Assert.Equal(SensorLinkState.Connected, rig.Link.State); // a missing result is not a lost link
    }

    [Fact]
    public async Task Reads_battery_and_device_information()
    {
        await using var rig = new Rig(serverMtu: 23);
        await rig.Link.ConnectAsync(default).WaitAsync(Wait);

        var battery = await rig.Link.ReadAsync(SensorCharacteristic.BatteryLevel, default).WaitAsync(Wait);
        var fw = await rig.Link.ReadAsync(SensorCharacteristic.FirmwareRevision, default).WaitAsync(Wait);
        var status = await rig.Link.ReadAsync(SensorCharacteristic.Status, default).WaitAsync(Wait);

        Assert.Equal(new byte[] { 87 }, battery.ToArray());
        Assert.Equal(FakeGattDatabase.FirmwareRevisionText, Encoding.UTF8.GetString(fw.Span));
        Assert.Equal(new byte[] { 1, 2, 3, 4 }, status.ToArray());
        var e = await Assert.ThrowsAsync<SensorLinkException>(() => rig.Link.ReadAsync(SensorCharacteristic.SerialNumber, default));
        Assert.Equal(SensorLinkError.NotSupported, e.Error);
    }

    [Fact]
    public async Task Link_loss_is_reported_at_once_and_a_reconnect_continues_the_same_stream()
    {
        await using var rig = new Rig();
        var lost = new TaskCompletionSource<SensorLinkLostEventArgs>();
        rig.Link.LinkLost += (_, e) => lost.TrySetResult(e);
        await rig.Link.ConnectAsync(default).WaitAsync(Wait);
        await rig.Current.NotifyAsync(rig.Layout.ImuData, Packet(1, 100));
        var first = rig.Current;
        rig.Current.ControlPointResponder = null; // the command below will still be waiting when the link drops
        var pendingCommand = rig.Link.SendCommandAsync(new byte[] { 0x07 }, default);
        await GattClientTestsWait(() => first.ControlPointWrites.Count == 1);

        await first.DropAsync();

        // "At once": the pending command below fails as Disconnected, not by its 60 s timeout.
        var loss = await lost.Task.WaitAsync(Wait);
        Assert.Equal(SensorLinkError.Disconnected, loss.Reason.Error);
        Assert.Equal(SensorLinkState.Lost, rig.Link.State);
        var commandError = await Assert.ThrowsAsync<SensorLinkException>(() => pendingCommand.WaitAsync(Wait));
        Assert.Equal(SensorLinkError.Disconnected, commandError.Error);
        var notConnected = await Assert.ThrowsAsync<SensorLinkException>(() => rig.Link.SendCommandAsync(new byte[] { 1 }, default));
        Assert.Equal(SensorLinkError.NotConnected, notConnected.Error);

        await rig.Link.ConnectAsync(default).WaitAsync(Wait);
        Assert.NotSame(first, rig.Current);
        await rig.Current.NotifyAsync(rig.Layout.ImuData, Packet(2, 100));

        var a = await rig.Link.Notifications.ReadAsync().AsTask().WaitAsync(Wait);
        var b = await rig.Link.Notifications.ReadAsync().AsTask().WaitAsync(Wait);
        Assert.Equal(1, a.Payload.Span[0]);
        Assert.Equal(2, b.Payload.Span[0]);
        Assert.Equal(SensorLinkState.Connected, rig.Link.State);
    }

    [Fact]
    public async Task A_device_without_the_spinesense_service_is_rejected_by_name()
    {
        await using var rig = new Rig(database: () => new FakeGattDatabase()
            .Service(AttUuid.FromUInt16(0x180D))
            .Characteristic(AttUuid.FromUInt16(0x2A37), GattProperties.Notify, [0]));

        var e = await Assert.ThrowsAsync<SensorLinkException>(() => rig.Link.ConnectAsync(default).WaitAsync(Wait));

        Assert.Equal(SensorLinkError.ProtocolError, e.Error);
        Assert.Contains("not a SpineSense sensor", e.Message);
        Assert.Contains("53504e01-5370-696e-6553-656e73650000", e.Message);
        Assert.Equal(SensorLinkState.Idle, rig.Link.State);
    }

    [Fact]
    public async Task Dispose_completes_the_stream_without_reporting_a_loss()
    {
        var rig = new Rig();
        bool lost = false;
        rig.Link.LinkLost += (_, _) => lost = true;
        await rig.Link.ConnectAsync(default).WaitAsync(Wait);

        await rig.DisposeAsync();

        await rig.Link.Notifications.Completion.WaitAsync(Wait);
        Assert.False(lost);
        Assert.Equal(SensorLinkState.Disposed, rig.Link.State);
    }

    [Fact]
    public async Task A_reader_that_falls_behind_loses_the_newest_payloads_and_they_are_counted()
    {
        await using var rig = new Rig(options: new SensorLinkOptions(NotificationCapacity: 10));
        await rig.Link.ConnectAsync(default).WaitAsync(Wait);

        for (int seq = 0; seq < 25; seq++) await rig.Current.NotifyAsync(rig.Layout.ImuData, Packet(seq, 50));
        await GattClientTestsWait(() => rig.Link.DroppedNotifications == 15);

        for (int seq = 0; seq < 10; seq++)
            Assert.Equal(seq, (await rig.Link.Notifications.ReadAsync()).Payload.Span[0]);
        Assert.False(rig.Link.Notifications.TryRead(out _));
    }

    [Fact]
    public async Task Disposing_the_link_from_its_link_lost_handler_does_not_hang()
    {
        var rig = new Rig();
        var disposed = new TaskCompletionSource<bool>();
        // a blocking handler: the worst case, since it runs on the link's receive loop
        rig.Link.LinkLost += (_, _) => disposed.TrySetResult(rig.Link.DisposeAsync().AsTask().Wait(TimeSpan.FromSeconds(20)));
        await rig.Link.ConnectAsync(default).WaitAsync(Wait);

        await rig.Current.DropAsync();

        Assert.True(await disposed.Task.WaitAsync(Wait), "DisposeAsync inside LinkLost did not finish");
        await rig.Link.Notifications.Completion.WaitAsync(Wait);
        Assert.Equal(SensorLinkState.Disposed, rig.Link.State);
        await rig.DisposeAsync();
    }

    private static Task GattClientTestsWait(Func<bool> condition) => Gatt.GattClientTests.WaitUntil(condition);

    private static readonly BluetoothAddress SensorAddress = BluetoothAddress.Parse("C0:11:22:33:44:55");

    /// <summary>A BLE link to a fake peripheral whose RSSI comes from a fake kernel management socket (real mgmt PDUs).</summary>
    private static (BleSensorLink Link, List<FakePeripheral> Peripherals, Func<FakeMgmtController> Controller) RssiRig(
        Action<FakeMgmtController> setup, TimeSpan interval)
    {
        var peripherals = new List<FakePeripheral>();
        var (openMgmt, controller) = FakeMgmtController.Factory(setup);
        var link = new BleSensorLink("ble:fake", new BleLinkOptions(RssiPollInterval: interval), Rig.Generous(null), cancel =>
        {
            var (client, peripheral) = FakePeripheral.Pair(FakeGattDatabase.SpineSense(out _));
            lock (peripherals) peripherals.Add(peripheral);
            return Task.FromResult(client);
        }, SensorAddress, openMgmt);
        return (link, peripherals, controller);
    }

    [Fact]
    public async Task Reports_the_connection_rssi_the_kernel_gives_for_get_conn_info_and_forgets_it_when_the_link_is_lost()
    {
        var (link, peripherals, controller) = RssiRig(c =>
        {
            c.Adapters = [0, 1]; // the sensor is connected through hci1: hci0 answers "not connected"
            c.ConnectionAdapter = 1;
            c.ConnectionRssi[SensorAddress] = -63;
        }, TimeSpan.FromMilliseconds(50));
        await using var owned = link;
        Assert.Null(link.RssiDbm);
        await link.ConnectAsync(default).WaitAsync(Wait);
        await Gatt.GattClientTests.WaitUntil(() => link.RssiDbm is not null);
        Assert.Equal(-63.0, link.RssiDbm);

        controller().ConnectionRssi[SensorAddress] = -88; // the athlete walks away: the next poll sees it
        await Gatt.GattClientTests.WaitUntil(() => link.RssiDbm == -88);

        var asked = controller().Commands.Where(c => c.Opcode == MgmtPacket.OpGetConnInfo).ToArray();
        Assert.Contains(asked, c => c.Index == 1);
        Assert.All(asked, c => Assert.Equal([0x55, 0x44, 0x33, 0x22, 0x11, 0xC0, (byte)BleAddressType.Random], c.Params));

        await peripherals[0].DropAsync();
        await Gatt.GattClientTests.WaitUntil(() => link.State == SensorLinkState.Lost);
        Assert.Null(link.RssiDbm);
        await controller().DisposeAsync();
        foreach (var p in peripherals) await p.DisposeAsync();
    }

    [Fact]
    public async Task An_rssi_the_controller_does_not_know_127_or_no_management_socket_leaves_the_signal_unknown()
    {
        var (link, peripherals, controller) = RssiRig(c => c.ConnectionRssi[SensorAddress] = MgmtPacket.ConnInfoUnknown,
            TimeSpan.FromMilliseconds(20));
        await using (link)
        {
            await link.ConnectAsync(default).WaitAsync(Wait);
            await Gatt.GattClientTests.WaitUntil(() => controller() is { } c && c.Commands.Count(x => x.Opcode == MgmtPacket.OpGetConnInfo) >= 3);
            Assert.Equal(SensorLinkState.Connected, link.State);
            Assert.Null(link.RssiDbm);
        }
        await controller().DisposeAsync();
        foreach (var p in peripherals) await p.DisposeAsync();

        var peripherals2 = new List<FakePeripheral>();
        await using var noMgmt = new BleSensorLink("ble:fake", new BleLinkOptions(RssiPollInterval: TimeSpan.FromMilliseconds(20)), Rig.Generous(null), cancel =>
        {
            var (client, peripheral) = FakePeripheral.Pair(FakeGattDatabase.SpineSense(out _));
            peripherals2.Add(peripheral);
            return Task.FromResult(client);
        }, SensorAddress, _ => throw SensorLinkException.NoBluetooth("permission denied binding the Bluetooth management socket"));
        await noMgmt.ConnectAsync(default).WaitAsync(Wait);
        await Task.Delay(100);
        Assert.Equal(SensorLinkState.Connected, noMgmt.State); // the signal is optional: the link works without it
        Assert.Null(noMgmt.RssiDbm);
        foreach (var p in peripherals2) await p.DisposeAsync();
    }

    [Fact]
    public void Get_conn_info_reply_parameters_decode_with_127_as_unknown()
    {
        byte[] reply = [0x55, 0x44, 0x33, 0x22, 0x11, 0xC0, 2, unchecked((byte)-71), 4, 8];
        Assert.True(MgmtPacket.TryReadConnInfo(reply, out var address, out byte type, out sbyte? rssi));
        Assert.Equal(SensorAddress, address);
        Assert.Equal(2, type);
        Assert.Equal((sbyte)-71, rssi);
        reply[7] = 127;
        Assert.True(MgmtPacket.TryReadConnInfo(reply, out _, out _, out rssi));
        Assert.Null(rssi);
        Assert.False(MgmtPacket.TryReadConnInfo(reply.AsSpan(0, 8), out _, out _, out _));
    }
}
