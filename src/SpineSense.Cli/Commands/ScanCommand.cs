using System.Globalization;
using SpineSense.Sensors;
using SpineSense.Sensors.Discovery;

namespace SpineSense.Cli.Commands;

/// <summary><c>spinesense scan</c>: lists SpineSense sensors in range (address, signal strength, name).</summary>
internal sealed class ScanCommand(BleScanner? scanner = null) : ICliCommand
{
    private readonly BleScanner _scanner = scanner ?? new BleScanner();

    public string Name => "scan";
    public string Summary => "list SpineSense sensors in Bluetooth range";
    public string Usage =>
        """
        spinesense scan [--timeout-s N] [--all] [--name PREFIX] [--adapter N]

        Scans for Bluetooth LE sensors advertising the SpineSense service (or a name starting with PREFIX,
        default "SpineSense") and lists them strongest signal first, with the --sensor value to connect to each.
          --timeout-s N   how long to scan, 1..120 s (default 5)
          --all           list every LE device seen, not only SpineSense sensors
          --name PREFIX   also match devices whose advertised name starts with PREFIX
          --adapter N     use Bluetooth adapter hciN (default: the first one)
        Needs Linux with Bluetooth (BlueZ) and CAP_NET_ADMIN; exits 3 when Bluetooth is unavailable.
        Without a sensor, use the simulated one: --sensor sim
        """;

    public async Task<int> RunAsync(IReadOnlyList<string> args, CliConsole console, CancellationToken cancel)
    {
        var a = new CliArgs(args, new HashSet<string> { "all" });
        double timeoutS = a.Double("timeout-s", 1, 120) ?? 5;
        bool all = a.Flag("all");
        string prefix = a.String("name") ?? "SpineSense";
        int? adapter = a.Int("adapter", 0, 0xFFFE);
        a.ThrowOnUnused(0);

        IReadOnlyList<DiscoveredSensor> found;
        try
        {
            found = await _scanner.ScanAsync(new ScanOptions(TimeSpan.FromSeconds(timeoutS), NamePrefix: prefix, AdapterIndex: adapter, AllDevices: all), cancel);
        }
        catch (SensorLinkException e)
        {
            throw CliException.FromSensor(e);
        }

        string what = all ? "Bluetooth LE devices" : "SpineSense sensors";
        if (found.Count == 0)
        {
            console.Out.WriteLine($"No {what} found in {timeoutS.ToString(CultureInfo.InvariantCulture)} s. Is the sensor switched on, charged and not connected elsewhere?");
            return 0;
        }
        console.Out.WriteLine($"{"SENSOR",-31} {"RSSI",5}  NAME");
        foreach (var s in found)
        {
            string rssi = s.RssiDbm == -127 ? "?" : s.RssiDbm.ToString(CultureInfo.InvariantCulture);
            string mark = all && s.IsSpineSense ? " *" : "";
            console.Out.WriteLine($"{s.SensorArgument,-31} {rssi,5}  {s.Name ?? "(no name)"}{mark}");
        }
        console.Out.WriteLine($"{found.Count} {what} found (RSSI in dBm{(all ? "; * = SpineSense" : "")}). Connect with --sensor <SENSOR>.");
        return 0;
    }
}
