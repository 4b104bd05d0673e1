using System.Text;
using SpineSense.Sensors.Transport;
using Microsoft.Extensions.Time.Testing;
using SpineSense.Sensors.Ble;
using SpineSense.Sensors.Discovery;
using SpineSense.Sensors.Gatt;
using SpineSense.Sensors.Tests.Fakes;

namespace SpineSense.Sensors.Tests.Discovery;

public class BleScannerTests
{
    private static readonly BluetoothAddress Sensor = BluetoothAddress.Parse("C0:11:22:33:44:55");
    private static readonly BluetoothAddress Sensor2 = BluetoothAddress.Parse("D4:00:00:00:00:02");
    private static readonly BluetoothAddress Phone = BluetoothAddress.Parse("7A:BB:CC:DD:EE:FF");
    private static readonly ScanOptions Short = new(TimeSpan.FromMilliseconds(300));
    private static readonly ScanOptions Listening = new(TimeSpan.FromSeconds(10));

    /// <summary>
    /// Scans on a virtual clock whose window ends only once the scanner has taken in every event the fake sent: on a
    /// loaded machine a real-time window could close before they arrive (the result would then depend on luck).
    /// </summary>
    private static async Task<IReadOnlyList<DiscoveredSensor>> ScanUntilEverythingIsSeen(
        Func<CancellationToken, Task<IPacketTransport>> open, Func<FakeMgmtController> controller, ScanOptions options)
    {
        var time = new FakeTimeProvider();
        var scan = new BleScanner(open, time).ScanAsync(options, default);
        await Gatt.GattClientTests.WaitUntil(() => scan.IsCompleted || controller() is { ScannerHasSeenEverything: true });
        time.Advance(options.Duration);
        return await scan.WaitAsync(TimeSpan.FromSeconds(30));
    }

    private static byte[] SensorAd(string? name = null) =>
        [.. AdvertisementTests.Ad(0x01, [0x06]), .. AdvertisementTests.Ad(0x07, AdvertisementTests.Uuid128(SpineSenseGatt.Service)),
         .. (name is null ? [] : AdvertisementTests.Ad(0x09, Encoding.UTF8.GetBytes(name)))];

    [Fact]
    public async Task Lists_spinesense_sensors_with_name_and_best_rssi_strongest_first_and_skips_others()
    {
        var (open, controller) = FakeMgmtController.Factory(c => c.OnDiscoveryStarted.AddRange(
        [
            FakeMgmtController.DeviceFound(0, Sensor, BleAddressType.Random, -71, SensorAd()),
            FakeMgmtController.DeviceFound(0, Phone, BleAddressType.Random, -40, AdvertisementTests.Ad(0x09, "Phone"u8.ToArray())),
            FakeMgmtController.DeviceFound(0, Sensor, BleAddressType.Random, -65, AdvertisementTests.Ad(0x09, "SpineSense S1"u8.ToArray())), // scan response
            FakeMgmtController.DeviceFound(0, Sensor2, BleAddressType.Public, -50, SensorAd("SpineSense S2")),
        ]));

        var found = await ScanUntilEverythingIsSeen(open, controller, Listening);

        Assert.Equal([Sensor2, Sensor], found.Select(f => f.Address));
        Assert.Equal("SpineSense S1", found[1].Name);
        Assert.Equal(-65, found[1].RssiDbm);
        Assert.True(found[1].IsSpineSense);
        Assert.Equal(BleAddressType.Public, found[0].AddressType);
        Assert.Equal("ble:D4:00:00:00:00:02/public", found[0].SensorArgument);
        await Gatt.GattClientTests.WaitUntil(() => controller().Commands.Count == 3); // the stop is sent as the scan ends
        var commands = controller().Commands.Select(c => c.Opcode).ToArray();
        Assert.Equal([MgmtPacket.OpReadIndexList, MgmtPacket.OpStartDiscovery, MgmtPacket.OpStopDiscovery], commands);
        Assert.Equal(MgmtPacket.DiscoveryTypeLe, controller().Commands.ElementAt(1).Params[0]);
        await controller().DisposeAsync();
    }

    [Fact]
    public async Task All_devices_mode_keeps_everything()
    {
        var (open, controller) = FakeMgmtController.Factory(c => c.OnDiscoveryStarted.Add(
            FakeMgmtController.DeviceFound(0, Phone, BleAddressType.Random, -40, AdvertisementTests.Ad(0x09, "Phone"u8.ToArray()))));

        var found = await ScanUntilEverythingIsSeen(open, controller, Listening with { AllDevices = true });

        Assert.Equal("Phone", Assert.Single(found).Name);
        await controller().DisposeAsync();
    }

    [Fact]
    public async Task No_adapter_is_reported_as_no_bluetooth()
    {
        var (open, controller) = FakeMgmtController.Factory(c => c.Adapters = []);

        var e = await Assert.ThrowsAsync<SensorLinkException>(() => new BleScanner(open).ScanAsync(Short, default));

        Assert.Equal(SensorLinkError.NoBluetooth, e.Error);
        Assert.Contains("no Bluetooth adapter found", e.Message);
        Assert.Contains("--sensor sim", e.Message);
        await controller().DisposeAsync();
    }

    [Fact]
    public async Task Uses_the_requested_adapter_index()
    {
        var (open, controller) = FakeMgmtController.Factory(c =>
        {
            c.Adapters = [0, 1];
            c.OnDiscoveryStarted.Add(FakeMgmtController.DeviceFound(1, Sensor, BleAddressType.Random, -60, SensorAd()));
        });

        var found = await ScanUntilEverythingIsSeen(open, controller, Listening with { AdapterIndex = 1 });

        Assert.Equal(Sensor, Assert.Single(found).Address);
        Assert.Equal((ushort)1, controller().Commands.ElementAt(1).Index);
        var e = await Assert.ThrowsAsync<SensorLinkException>(() => new BleScanner(open).ScanAsync(Short with { AdapterIndex = 5 }, default));
        Assert.Equal(SensorLinkError.NotFound, e.Error);
        await controller().DisposeAsync();
    }

    [Theory]
    [InlineData(MgmtPacket.StatusPermissionDenied, "CAP_NET_ADMIN")]
    [InlineData(MgmtPacket.StatusNotPowered, "powered off")]
    [InlineData(MgmtPacket.StatusRfKilled, "rfkill")]
    public async Task Refused_discovery_says_why_and_points_to_the_simulator(byte status, string expected)
    {
        var (open, controller) = FakeMgmtController.Factory(c => c.StartDiscoveryStatus = status);

        var e = await Assert.ThrowsAsync<SensorLinkException>(() => new BleScanner(open).ScanAsync(Short, default));

        Assert.Equal(SensorLinkError.NoBluetooth, e.Error);
        Assert.Contains(expected, e.Message);
        Assert.Contains("--sensor sim", e.Message);
        await controller().DisposeAsync();
    }

    [Fact]
    public async Task Busy_adapter_is_a_connect_failure_naming_the_status()
    {
        var (open, controller) = FakeMgmtController.Factory(c => c.StartDiscoveryStatus = MgmtPacket.StatusBusy);

        var e = await Assert.ThrowsAsync<SensorLinkException>(() => new BleScanner(open).ScanAsync(Short, default));

        Assert.Equal(SensorLinkError.ConnectFailed, e.Error);
        Assert.Contains("busy", e.Message);
        await controller().DisposeAsync();
    }

    [Fact]
    public async Task On_this_kernel_the_real_management_socket_gives_one_clear_no_bluetooth_error()
    {
        bool kernelHasBluetooth = KernelHasBluetooth();

        var e = await Record.ExceptionAsync(() => new BleScanner().ScanAsync(Short, default));

        if (!kernelHasBluetooth)
        {
            var link = Assert.IsType<SensorLinkException>(e);
            Assert.Equal(SensorLinkError.NoBluetooth, link.Error);
            Assert.Contains("the kernel has no Bluetooth support", link.Message);
            Assert.Contains("EAFNOSUPPORT", link.Message);
            Assert.Contains("--sensor sim", link.Message);
            Assert.DoesNotContain("\n", link.Message);
        }
        else
        {
            // with Bluetooth present the scan may succeed or fail, but only ever with the link's own exception type
            Assert.True(e is null or SensorLinkException, e?.ToString());
        }
    }

    [Fact]
    public async Task On_this_kernel_connecting_over_l2cap_gives_the_same_no_bluetooth_error()
    {
        bool kernelHasBluetooth = KernelHasBluetooth();
        await using var link = new BleSensorLink(Sensor, new BleLinkOptions(ConnectTimeout: TimeSpan.FromSeconds(1)));

        var e = await Record.ExceptionAsync(() => link.ConnectAsync(default));

        var error = Assert.IsType<SensorLinkException>(e);
        if (!kernelHasBluetooth)
        {
            Assert.Equal(SensorLinkError.NoBluetooth, error.Error);
            Assert.StartsWith("Bluetooth is not available on this machine (the kernel has no Bluetooth support", error.Message);
            Assert.Equal(SensorLinkState.Idle, link.State);
        }
    }

    internal static bool KernelHasBluetooth() => BluetoothKernel.HasBluetoothSupport();
}
