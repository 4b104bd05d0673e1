using System.Buffers.Binary;
using Microsoft.Extensions.Time.Testing;
using SpineSense.Cli.Commands;
using SpineSense.Sensors.Ble;
using SpineSense.Sensors.Discovery;
using SpineSense.Sensors.Gatt;
using SpineSense.Sensors.Tests.Fakes;
using SpineSense.Sensors.Transport;

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
    /// packet the fake kernel sent (its two command answers and the devices): a real-time second can run out on a
    /// loaded machine before the devices arrive, and the test would then depend on luck.
    /// </summary>
    private static async Task<int> ScanOneVirtualSecond(CliConsole console, params byte[][] devices)
    {
        var time = new FakeTimeProvider();
        int delivered = 0;
        var scanner = new BleScanner(_ => Task.FromResult<IPacketTransport>(
            new CountingTransport(FakeKernel.Start(devices), () => Interlocked.Increment(ref delivered))), time);
        var run = new ScanCommand(scanner).RunAsync(["--timeout-s", "1"], console, default);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!run.IsCompleted && Volatile.Read(ref delivered) < 2 + devices.Length)
        {
            Assert.True(DateTime.UtcNow < deadline, $"the scanner took {delivered} of {2 + devices.Length} packets in 30 s");
            await Task.Delay(5);
        }
        time.Advance(TimeSpan.FromSeconds(1));
        return await run.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Lists_found_sensors_with_the_sensor_argument_rssi_and_name()
    {
        var (console, o, _) = Capture();

        int code = await ScanOneVirtualSecond(console,
            FakeKernel.DeviceFound(BluetoothAddress.Parse("C0:11:22:33:44:55"), 2, -61, "SpineSense S1"),
            FakeKernel.DeviceFound(BluetoothAddress.Parse("D4:00:00:00:00:02"), 1, -48, "SpineSense S2"));

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

    /// <summary>The scanner's end of the fake socket, counting the packets it has taken (it records each before asking
    /// for the next).</summary>
    /// <summary>The kernel's side of the management socket, just enough for one scan: one adapter, discovery starts,
    /// the given Device Found events follow.</summary>
    private static class FakeKernel
    {
        public static IPacketTransport Start(params byte[][] devices)
        {
            var (host, kernel) = FdPacketTransport.CreatePair("fake-kernel");
            _ = Task.Run(async () =>
            {
                try
                {
                    while (await kernel.ReceiveAsync(default) is { } packet)
                    {
                        MgmtPacket.TryRead(packet, out ushort op, out ushort index, out _);
                        byte[] ret = op == MgmtPacket.OpReadIndexList ? [1, 0, 0, 0] : [MgmtPacket.DiscoveryTypeLe];
                        byte[] p = [(byte)op, (byte)(op >> 8), 0, .. ret];
                        await kernel.SendAsync(MgmtPacket.Command(MgmtPacket.EvCommandComplete, index, p), default);
                        if (op == MgmtPacket.OpStartDiscovery)
                            foreach (var d in devices) await kernel.SendAsync(d, default);
                    }
                }
                catch (Sensors.SensorLinkException) { }
                await kernel.DisposeAsync();
            });
            return host;
        }

        public static byte[] DeviceFound(BluetoothAddress address, byte type, sbyte rssi, string name)
        {
            var uuid = new byte[16];
            SpineSenseGatt.Service.Write128(uuid);
            byte[] nameBytes = System.Text.Encoding.UTF8.GetBytes(name);
            byte[] eir = [17, 0x07, .. uuid, (byte)(nameBytes.Length + 1), 0x09, .. nameBytes];
            var p = new byte[14 + eir.Length];
            address.WriteBdAddr(p);
            p[6] = type;
            p[7] = (byte)rssi;
            BinaryPrimitives.WriteUInt16LittleEndian(p.AsSpan(12), (ushort)eir.Length);
            eir.CopyTo(p, 14);
            return MgmtPacket.Command(MgmtPacket.EvDeviceFound, 0, p);
        }
    }
}
