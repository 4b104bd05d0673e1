using Microsoft.Extensions.Time.Testing;
using SpineSense.Cli.Commands;
using SpineSense.Sensors.Ble;
using SpineSense.Sensors.Discovery;
using SpineSense.Sensors.Gatt;
using SpineSense.Sensors.Tests.Fakes;

namespace SpineSense.Cli.Tests;

public class ScanCommandTests
{
    private static (CliConsole Console, StringWriter Out, StringWriter Error) Capture()
    {
        var o = new StringWriter();
        var e = new StringWriter();
        return (new CliConsole(o, e, false), o, e);
    }

    [Fact]
    public async Task Without_bluetooth_in_the_kernel_prints_one_line_pointing_to_the_simulator_and_exits_3()
    {
        if (Sensors.BluetoothKernel.HasBluetoothSupport()) return; // this machine and CI have none; the claim is about such machines
        var (console, o, e) = Capture();

        int code = await CommandRunner.RunAsync(["scan", "--timeout-s", "1"], console, default);

        Assert.Equal(CliException.Unavailable, code);
        Assert.Equal("", o.ToString());
        string error = e.ToString().TrimEnd('\n');
        Assert.DoesNotContain("\n", error);
        Assert.StartsWith("spinesense scan: Bluetooth is not available on this machine (the kernel has no Bluetooth support", error);
        Assert.EndsWith("Use the simulated sensor instead: --sensor sim", error);
    }

    [Theory]
    [InlineData("--timeout-s", "0")]
    [InlineData("--timeout-s", "abc")]
    [InlineData("--bogus", "1")]
    public async Task Bad_options_exit_2(string name, string value)
    {
        var (console, _, e) = Capture();

        int code = await CommandRunner.RunAsync(["scan", name, value], console, default);

        Assert.Equal(CliException.BadInput, code);
        Assert.Contains(name, e.ToString());
    }

    /// <summary>
    /// Runs `scan --timeout-s 1` on a virtual clock whose second passes only once the scanner has taken in every
    /// packet the fake kernel sent (its command answers and the devices): a real-time second can run out on a
    /// loaded machine before the devices arrive, and the test would then depend on luck.
    /// </summary>
    private static async Task<int> ScanOneVirtualSecond(CliConsole console, params byte[][] devices)
    {
        var time = new FakeTimeProvider();
        var (open, controller) = FakeMgmtController.Factory(c => c.OnDiscoveryStarted.AddRange(devices));
        var run = new ScanCommand(new BleScanner(open, time)).RunAsync(["--timeout-s", "1"], console, default);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        // The controller exists once the scanner has opened its socket.
        while (!run.IsCompleted && controller() is not { ScannerHasSeenEverything: true })
        {
            Assert.True(DateTime.UtcNow < deadline, $"the scanner took {controller()?.Delivered} of {controller()?.Sent} packets in 30 s");
            await Task.Delay(5);
        }
        time.Advance(TimeSpan.FromSeconds(1));
        int code = await run.WaitAsync(TimeSpan.FromSeconds(30));
        await controller().DisposeAsync();
        return code;
    }

    [Fact]
    public async Task Lists_found_sensors_with_the_sensor_argument_rssi_and_name()
    {
        var (console, o, _) = Capture();

        int code = await ScanOneVirtualSecond(console,
            SensorFound(BluetoothAddress.Parse("C0:11:22:33:44:55"), BleAddressType.Random, -61, "SpineSense S1"),
            SensorFound(BluetoothAddress.Parse("D4:00:00:00:00:02"), BleAddressType.Public, -48, "SpineSense S2"));

        Assert.Equal(0, code);
        var lines = o.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        Assert.Matches(@"^ble:D4:00:00:00:00:02/public\s+-48  SpineSense S2$", lines[1]);
        Assert.Matches(@"^ble:C0:11:22:33:44:55\s+-61  SpineSense S1$", lines[2]);
        Assert.StartsWith("2 SpineSense sensors found", lines[3]);
    }

    [Fact]
    public async Task Says_so_when_nothing_is_in_range()
    {
        var (console, o, _) = Capture();

        int code = await ScanOneVirtualSecond(console);

        Assert.Equal(0, code);
        Assert.StartsWith("No SpineSense sensors found in 1 s.", o.ToString());
    }

    /// <summary>A Device Found event for a SpineSense sensor: the service UUID and the complete local name in its EIR.</summary>
    private static byte[] SensorFound(BluetoothAddress address, BleAddressType type, sbyte rssi, string name)
    {
        var uuid = new byte[16];
        SpineSenseGatt.Service.Write128(uuid);
        byte[] nameBytes = System.Text.Encoding.UTF8.GetBytes(name);
        byte[] eir = [17, 0x07, .. uuid, (byte)(nameBytes.Length + 1), 0x09, .. nameBytes];
        return FakeMgmtController.DeviceFound(0, address, type, rssi, eir);
    }
}
