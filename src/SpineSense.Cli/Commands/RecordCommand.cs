using System.Globalization;
using System.Text;
using SpineSense.Cli.Output;
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
                      an existing file (as for --log) is refused, never overwritten, unless it is empty or a device;
                      a run that records nothing (sensor unreachable) leaves no file behind
          --log       every notification as it arrived (IMU data, status), for replay:FILE
          --duration  stop after S seconds of samples (default: until the sensor's stream ends, or Ctrl+C)
          --plan, --seed, --loss   for --sensor sim: what the virtual athlete does, packet loss
          --speed     for sim and replay: sensor seconds per real second (default 1)
        Exit codes: 0 recorded, 2 bad input (an option, an existing or unwritable file, a replay file that is no
        packet log), 3 no sensor (no Bluetooth, out of range) or the disk failed.
        Lost packets are asked to be resent; what never arrives is a gap in the CSV (missing rows), as the contract allows.
        Rows reach the files every second of data, synced to disk: a kill or power cut costs at most the last second, and
        a full disk leaves both files ending on a whole line.
        """;

    public async Task<int> RunAsync(IReadOnlyList<string> args, CliConsole console, CancellationToken cancel)
    {
        var a = new CliArgs(args);
        string sensorArg = a.RequiredString("sensor");
        string outPath = a.RequiredFilePath("out");
        string? logPath = a.FilePath("log");
        double duration = a.Double("duration", 1, 24 * 3600) ?? double.PositiveInfinity;
        string planName = a.String("plan") ?? PlanCatalog.DefaultName;
        double speed = a.Double("speed", 0.1, 1000) ?? 1;
        int seed = a.Int("seed", 0) ?? 1;
        double loss = a.Double("loss", 0, 50) ?? 0;
        a.ThrowOnUnused(0);

        if (logPath is not null && Path.GetFullPath(logPath) == Path.GetFullPath(outPath))
            throw CliException.Usage($"--log and --out name the same file ({outPath}): the packet log would overwrite the recording");
        var plan = DemoCommand.LoadPlan(planName);
        string linkName = sensorArg.StartsWith("ble:", StringComparison.Ordinal) ? sensorArg : sensorArg.Split(':')[0];
        var sensor = SensorOption.Create(sensorArg, plan, speed, seed, loss);
        await using var link = sensor.Link;

        // Created only now, when every option is known good; removed again unless samples arrive (NewFileOutput).
        using var csvFile = NewFileOutput.Create(outPath, "--out");
        using var logFile = logPath is null ? null : NewFileOutput.Create(logPath, "--log");
        long rows = 0;
        // The writers only buffer (the files own the streams), so an exception never meets a second one from their
        // disposal: flushing is explicit, reported here on success and attempted quietly for what a failure keeps.
        // The header goes to the file at once (it is unbuffered below the writer), so a full disk can show here already.
        var csv = Written(outPath, () => new RecordingWriter(csvFile.Stream, [new("source", "spinesense record"), new("sensor", linkName)], leaveOpen: true));
        var log = logFile is null ? null
            : new PacketLogWriter(new StreamWriter(logFile.Stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true), linkName, leaveOpen: true);
        try
        {
            var schedule = FlushSchedule.Default();
            var recorder = new LiveRecorder(link, log is null ? null : n => Written(logPath!, () => log.Write(n)), batch =>
            {
                Written(outPath, () => { foreach (var s in batch.Samples) csv.Append(s); });
                rows += batch.Samples.Length;
                // Whole rows reach the file every second of data, so a kill or power cut costs at most the last one.
                var step = schedule.After(batch.EndS);
                if (step == FlushStep.None) return;
                Written(outPath, csv.Flush);
                if (log is not null) Written(logPath!, log.Flush);
                if (step != FlushStep.WriteAndSync) return;
                Written(outPath, csvFile.Sync);
                if (logFile is not null) Written(logPath!, logFile.Sync);
            }, sensor.Stream, duration);
            using var stop = cancel.Register(recorder.Stop);
            try
            {
                await recorder.StartAsync(cancel).ConfigureAwait(false);
                await recorder.Completion.ConfigureAwait(false);
            }
            catch (SensorLinkException e)
            {
                var failure = CliException.FromSensor(e);
                throw rows == 0 ? failure : new CliException(failure.ExitCode,
                    string.Create(CultureInfo.InvariantCulture, $"{e.Message} (the {rows} samples recorded before are kept in {outPath})"));
            }
            Written(outPath, csv.Flush);
            Written(outPath, csvFile.Sync);
            if (log is not null) Written(logPath!, log.Flush);
            if (logFile is not null) Written(logPath!, logFile.Sync);
            var c = recorder.Counters;
            console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"recorded {rows} samples to {outPath}{(log is null ? "" : $" and {log.RecordsWritten} notifications to {logPath}")}: {c.PacketsReceived} packets, {c.Lost} lost, {c.Recovered} recovered, {c.Duplicates} duplicates, {recorder.Reconnects} reconnects"));
            csvFile.Keep();
            logFile?.Keep();
        }
        finally
        {
            // A run that failed after samples arrived keeps them: a recording cannot be made again.
            if (rows > 0)
            {
                csvFile.Keep();
                logFile?.Keep();
                // Each step on its own: a full disk under the recording must not cost the packet log's last rows, and
                // what a failed write kept is still made durable.
                Quietly(csv.Flush);
                Quietly(csvFile.Sync);
                if (log is not null) Quietly(log.Flush);
                if (logFile is not null) Quietly(logFile.Sync);
            }
        }
        return 0;
    }

    private static void Quietly(Action write)
    {
        try { write(); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { /* the run reports its failure */ }
    }

    private static T Written<T>(string path, Func<T> write)
    {
        T result = default!;
        Written(path, () => { result = write(); });
        return result;
    }

    /// <summary>Runs a write to <paramref name="path"/>; a failure is one message naming the file (exit 3 for a full
    /// disk), also when it happens on the pipeline thread and reaches us through the recorder's completion.</summary>
    private static void Written(string path, Action write)
    {
        try
        {
            write();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException(OutputFailure.ExitCodeFor(e), $"{path}: cannot write: {OutputFailure.Reason(e, path)}");
        }
    }
}
