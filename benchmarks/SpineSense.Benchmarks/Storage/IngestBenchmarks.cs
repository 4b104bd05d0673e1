using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using SpineSense.Motion.Samples;
using SpineSense.Storage;
using SpineSense.Storage.Influx;
using SpineSense.Storage.LineProtocol;
using SpineSense.Storage.Model;
using SpineSense.Storage.Targets;

namespace SpineSense.Benchmarks.Storage;

/// <summary>
/// End to end into a local influxd (Debian 1.6.7), one run, side by side: 1,000,000 raw-sample points
/// <list type="bullet">
/// <item>through SpineSense's live writer (serialise → batches → outbox on disk → POST /write → ack, uncompressed
///   unless the name says gzip), with its default two writes in flight and with one at a time;</item>
/// <item>the same points, pre-serialised by the same code into files of one batch each, POSTed by one curl process
///   (keep-alive, one request per file) — one at a time (the baseline), and two in flight (<c>--parallel-max 2</c>),
///   like for like with the writer's default.</item>
/// </list>
/// Each iteration writes into a freshly created database. points/s = 1,000,000 / time.
/// <c>dotnet run -c Release --project benchmarks/SpineSense.Benchmarks -- --filter '*IngestBenchmarks*'</c>
/// (in-process, 1 warm-up + 5 measured runs of each; no --inProcess flag needed). Batch size: the writer's default
/// (<see cref="StoreOptions.BatchMaxPoints"/>) for both sides, or <c>SPINESENSE_BENCH_BATCH=…</c>.
/// Each run also prints the CPU seconds influxd and this process used (<c>// CPU per 1,000,000 points</c>): on a
/// shared machine those move far less with the load than the wall times do.
/// </summary>
[Config(typeof(IngestConfig))]
public class IngestBenchmarks
{
    public const int Points = 1_000_000;
    public static readonly int Batch = int.TryParse(Environment.GetEnvironmentVariable("SPINESENSE_BENCH_BATCH"), out int b) && b > 0
        ? b : new StoreOptions().BatchMaxPoints;
    private static readonly DateTimeOffset Start = new(2026, 11, 24, 5, 0, 0, TimeSpan.Zero);

    private LocalInflux _influx = null!;
    private string _dir = null!;
    private string _curlConfig = null!;
    private ImuSample[] _samples = null!;
    private int _iteration;

    [GlobalSetup]
    public void Setup()
    {
        _influx = new LocalInflux();
        _dir = Directory.CreateTempSubdirectory("spinesense-bench-ingest-").FullName;
        var rng = new Random(3);
        _samples = new ImuSample[Points];
        for (int i = 0; i < Points; i++)
            _samples[i] = new ImuSample(i * 0.005, rng.NextDouble() - 0.5, 0.98 + 0.04 * rng.NextDouble(), rng.NextDouble() * 0.2,
                (rng.NextDouble() - 0.5) * 200, (rng.NextDouble() - 0.5) * 50, (rng.NextDouble() - 0.5) * 20);
        // The same bytes the writer sends, cut into the same batch size.
        var points = new SessionPoints(new SessionInfo("bench-1", "Bench Athlete", null, null, Start, null), TimestampPrecision.Microseconds);
        var buf = new LineProtocolBuffer(1 << 20);
        var config = new System.Text.StringBuilder();
        for (int b = 0; b * Batch < Points; b++)
        {
            buf.Clear();
            for (int i = b * Batch; i < Math.Min(Points, (b + 1) * Batch); i++) points.Sample(buf, _samples[i]);
            string file = Path.Combine(_dir, $"batch-{b:D5}.lp");
            File.WriteAllBytes(file, buf.WrittenSpan.ToArray());
            if (b > 0) config.AppendLine("next");
            config.AppendLine("url = \"http://127.0.0.1:" + _influx.Port + "/write?db=DBNAME&precision=u\"");
            config.AppendLine("data-binary = \"@" + file + "\"");
            config.AppendLine("output = \"/dev/null\"");
            config.AppendLine("header = \"Expect:\""); // no 100-continue round trip (curl adds one to bodies over 1 MiB), like the writer
            config.AppendLine("silent");
            config.AppendLine("fail");
        }
        _curlConfig = config.ToString();
    }

    private string _db = "";

    [IterationSetup(Targets = [nameof(Curl), nameof(CurlTwoInFlight), nameof(SpineSenseWriter), nameof(SpineSenseWriterOneInFlight), nameof(SpineSenseWriterGzip)])]
    public void FreshDatabase()
    {
        _db = "bench" + _iteration++;
        _influx.Query($"CREATE DATABASE \"{_db}\"");
        _influxCpuAtStart = _influx.CpuTime;
        _ownCpuAtStart = Process.GetCurrentProcess().TotalProcessorTime;
    }

    private TimeSpan _influxCpuAtStart, _ownCpuAtStart;

    [IterationCleanup(Targets = [nameof(Curl), nameof(CurlTwoInFlight), nameof(SpineSenseWriter), nameof(SpineSenseWriterOneInFlight), nameof(SpineSenseWriterGzip)])]
    public void Check()
    {
        long n = _influx.Count(_db, "imu", "acc_x_g");
        if (n != Points) throw new InvalidOperationException($"{_db}: {n} points stored, expected {Points}");
        // CPU seconds are less sensitive to a shared machine's load than wall time: on 2 idle cores the best case is
        // 2 s / (influxd + client CPU) per million points.
        Console.WriteLine($"// CPU per {Points:N0} points: influxd {(_influx.CpuTime - _influxCpuAtStart).TotalSeconds:F2} s, "
            + $"this process {(Process.GetCurrentProcess().TotalProcessorTime - _ownCpuAtStart).TotalSeconds:F2} s (batch {Batch})");
        _influx.Query($"DROP DATABASE \"{_db}\"");
    }

    [Benchmark(Baseline = true)]
    public void Curl() => RunCurl();

    [Benchmark]
    public void CurlTwoInFlight() => RunCurl("--parallel", "--parallel-max", "2");

    private void RunCurl(params string[] extra)
    {
        string cfg = Path.Combine(_dir, _db + ".curl");
        File.WriteAllText(cfg, _curlConfig.Replace("DBNAME", _db));
        using var p = Process.Start(new ProcessStartInfo("curl", [.. extra, "-K", cfg]) { RedirectStandardError = true })!;
        string err = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException("curl failed: " + err);
    }

    [Benchmark]
    public void SpineSenseWriter() => Write(gzip: false, inFlight: new StoreOptions().WritesInFlight);

    [Benchmark]
    public void SpineSenseWriterOneInFlight() => Write(gzip: false, inFlight: 1);

    [Benchmark]
    public void SpineSenseWriterGzip() => Write(gzip: true, inFlight: new StoreOptions().WritesInFlight);

    private void Write(bool gzip, int inFlight)
    {
        var task = WriteAsync(gzip, inFlight);
        task.GetAwaiter().GetResult();
    }

    private async Task WriteAsync(bool gzip, int inFlight)
    {
        var target = StoreTarget.Influx1("127.0.0.1", _influx.Port, _db);
        await using var store = await SpineStore.OpenAsync(target, new StoreOptions
        {
            OutboxDirectory = Path.Combine(_dir, "outbox-" + _db),
            ConfigDbPath = Path.Combine(_dir, "config.db"),
            Gzip = gzip,
            WritesInFlight = inFlight,
            BatchMaxPoints = Batch,
            VerifyOnOpen = false,
        });
        var w = await store.StartSessionAsync(new SessionStart("Bench Athlete", Start, SessionId: "bench-1"));
        // The pipeline hands samples over per packet: 12 samples per BLE notification at 200 Hz.
        for (int i = 0; i < Points; i += 12) w.WriteSamples(_samples.AsSpan(i, Math.Min(12, Points - i)));
        if (!await store.DrainAsync(TimeSpan.FromMinutes(2))) throw new InvalidOperationException("not drained: " + store.Stats);
    }

    private ISessionStore? _outboxOnly;
    private ISessionWriter? _outboxWriter;

    [IterationSetup(Target = nameof(WriterIntoOutboxOnly))]
    public void OpenUnreachable()
    {
        // A closed port: nothing is delivered, so this measures SpineSense's own side (serialise, batch, outbox on disk).
        var target = StoreTarget.Influx1("127.0.0.1", 9, "nowhere");
        _outboxOnly = SpineStore.OpenAsync(target, new StoreOptions
        {
            OutboxDirectory = Path.Combine(_dir, "outbox-only-" + _iteration++),
            ConfigDbPath = Path.Combine(_dir, "config.db"),
            BatchMaxPoints = Batch,
            VerifyOnOpen = false,
            Retry = new RetryPolicy { FirstDelay = TimeSpan.FromSeconds(30) },
        }).GetAwaiter().GetResult();
        _outboxWriter = _outboxOnly.StartSessionAsync(new SessionStart("Bench Athlete", Start, SessionId: "bench-1")).GetAwaiter().GetResult();
    }

    /// <summary>The writer's own capacity: 1,000,000 points handed over and durably in the outbox file.</summary>
    [Benchmark]
    public void WriterIntoOutboxOnly()
    {
        var w = _outboxWriter!;
        for (int i = 0; i < Points; i += 12) w.WriteSamples(_samples.AsSpan(i, Math.Min(12, Points - i)));
        w.FlushAsync().AsTask().GetAwaiter().GetResult();
    }

    [IterationCleanup(Target = nameof(WriterIntoOutboxOnly))]
    public void CloseUnreachable()
    {
        // Every accepted point (samples, per-second aggregates, the session row) is in the outbox, none delivered.
        var stats = _outboxOnly!.Stats;
        if (stats.PointsPending != stats.PointsAccepted || stats.PointsAccepted < Points) throw new InvalidOperationException("outbox holds " + stats);
        _outboxOnly.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _influx.Dispose();
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }
}

/// <summary>Seconds-long operations: a few monitored runs, in-process (no generated project to build).</summary>
public sealed class IngestConfig : ManualConfig
{
    public IngestConfig()
    {
        AddJob(Job.Default.WithStrategy(RunStrategy.Monitoring).WithLaunchCount(1).WithWarmupCount(1)
            .WithIterationCount(5).WithToolchain(InProcessEmitToolchain.Instance));
        // Min: the run least disturbed by whatever else the machine was doing.
        AddColumn(StatisticColumn.Min, StatisticColumn.Median);
    }
}
