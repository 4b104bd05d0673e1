using System.Globalization;
using SpineSense.Cli.Live;
using SpineSense.Recording;
using SpineSense.Sensors;
using SpineSense.Sensors.Replay;
using SpineSense.Streaming.Live;
using SpineSense.Streaming.Plans;

namespace SpineSense.Cli.Commands;

/// <summary>
/// <c>spinesense record</c>: records a sensor into the contract's CSV (SpineSense.Recording's writer) and, with
/// <c>--log</c>, a raw packet log in SpineSense.Sensors' replay format (<c>--sensor replay:FILE</c> plays it back).
/// </summary>
internal sealed class RecordCommand : ICliCommand
{
    public string Name => "record";
    public string Summary => "record a sensor to the contract's CSV and a raw packet log";
    public string Usage =>
        $"""
        spinesense record --sensor {SensorOption.Help} --out REC.csv [--log PACKETS.log] [--duration S]
                [--plan NAME|PATH] [--speed N] [--seed N] [--loss PCT]

          --out       the recording (contract section 2): time_s from the first sample, sensor frame, g and deg/s;
                      a file that already holds data is refused (as is one for --log), never overwritten
          --log       every notification as it arrived (IMU data, status), for replay:FILE
          --duration  stop after S seconds of samples (default: until the sensor's stream ends, or Ctrl+C)
          --plan, --speed, --seed, --loss   for --sensor sim: what the virtual athlete does, how fast, packet loss
        Lost packets are asked to be resent; what never arrives is a gap in the CSV (missing rows), as the contract allows.
        """;

    public async Task<int> RunAsync(IReadOnlyList<string> args, CliConsole console, CancellationToken cancel)
    {
        var a = new CliArgs(args);
        string sensorArg = a.RequiredString("sensor");
        string outPath = a.RequiredString("out");
        string? logPath = a.String("log");
        double duration = a.Double("duration", 1, 24 * 3600) ?? double.PositiveInfinity;
        string planName = a.String("plan") ?? PlanCatalog.DefaultName;
        double speed = a.Double("speed", 0.1, 1000) ?? 1;
        int seed = a.Int("seed", 0) ?? 1;
        double loss = a.Double("loss", 0, 50) ?? 0;
        a.ThrowOnUnused(0);

        RefuseToOverwrite(outPath, "--out");
        if (logPath is not null)
        {
            RefuseToOverwrite(logPath, "--log");
            if (Path.GetFullPath(logPath) == Path.GetFullPath(outPath))
                throw CliException.Usage($"--log and --out name the same file ({outPath}): the packet log would overwrite the recording");
        }
        var plan = DemoCommand.LoadPlan(planName);
        RecordingWriter csv;
        PacketLogWriter? log = null;
        string linkName = sensorArg.StartsWith("ble:", StringComparison.Ordinal) ? sensorArg : sensorArg.Split(':')[0];
        try
        {
            csv = RecordingWriter.Create(outPath, [new("source", "spinesense record"), new("sensor", linkName)]);
            if (logPath is not null) log = PacketLogWriter.Create(logPath, linkName);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or DirectoryNotFoundException)
        {
            throw CliException.Usage($"cannot write output: {e.Message}");
        }
        long rows = 0;
        using (csv)
        using (log)
        {
            var sensor = SensorOption.Create(sensorArg, plan, speed, seed, loss);
            await using var link = sensor.Link;
            var recorder = new LiveRecorder(link, log is null ? null : n => log.Write(n), batch =>
            {
                foreach (var s in batch.Samples) csv.Append(s);
                rows += batch.Samples.Length;
            }, sensor.Stream, duration);
            using var stop = cancel.Register(recorder.Stop);
            try
            {
                await recorder.StartAsync(cancel).ConfigureAwait(false);
                await recorder.Completion.ConfigureAwait(false);
            }
            catch (SensorLinkException e)
            {
                throw new CliException(CliException.Unavailable, e.Message);
            }
            csv.Flush();
            var c = recorder.Counters;
            console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"recorded {rows} samples to {outPath}{(log is null ? "" : $" and {log.RecordsWritten} notifications to {logPath}")}: {c.PacketsReceived} packets, {c.Lost} lost, {c.Recovered} recovered, {c.Duplicates} duplicates, {recorder.Reconnects} reconnects"));
        }
        return 0;
    }

    // A recording cannot be made again: creating the output truncates what is there before the sensor is even reached
    // (a session without Bluetooth would destroy last week's recording for nothing), so a file with data is refused.
    // Empty files and devices such as /dev/null have nothing to lose.
    private static void RefuseToOverwrite(string path, string option)
    {
        if (File.Exists(path) && new FileInfo(path).Length > 0)
            throw CliException.Usage($"{path} already exists: {option} never overwrites a recording; choose another name or remove it");
    }
}
