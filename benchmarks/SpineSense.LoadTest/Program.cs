using System.Diagnostics;
using System.Globalization;
using SpineSense.Motion.Samples;
using SpineSense.Sensors;
using SpineSense.Sensors.Simulated;
using SpineSense.Simulation;
using SpineSense.Simulation.Sessions;
using SpineSense.Streaming.Live;
using SpineSense.Streaming.Plans;

// Load test for the live pipeline (docs/PERFORMANCE.md, "Streaming"): one process follows N simulated sensors streaming
// in real time at 200 Hz, each through its own LiveSession (link supervision, ordering, clock, motion core, runner),
// and reports alert latency (packet arrival -> alert event, p50/p99), throughput, CPU and memory per live session.
// Usage: dotnet run -c Release --project benchmarks/SpineSense.LoadTest -- [--sensors 1000] [--seconds 60] [--tick-ms 20]
var inv = CultureInfo.InvariantCulture;
int sensors = Arg("--sensors", 1000);
int seconds = Arg("--seconds", 60);
int tickMs = Arg("--tick-ms", 20);

Console.WriteLine($"simulating the athlete (romanian-deadlift, rounding past the flexion limit, 200 Hz)...");
var rec = VirtualAthlete.Simulate(new ScenarioSpec
{
    Exercise = "romanian-deadlift", Sets = 6, Reps = 10, RestS = 20, Hazard = Hazard.Rounding, Seed = 7, RateHz = 200,
});
ImuSample[] samples = rec.Samples;
Console.WriteLine($"{samples.Length} samples ({samples[^1].TimeS:F0} s) shared by {sensors} simulated sensors; running {seconds} s");
var plan = new WorkoutPlan("rdl", "RDL", [new PlanStep(PlanPart.Main, "romanian-deadlift", 6, 10, null, null, false, 20)]);

var latency = new LatencyRecorder();
var sessions = new List<(SimulatedSensorLink Link, LiveSession Session)>(sensors);
GC.Collect();
GC.WaitForPendingFinalizers();
GC.Collect();
long heapBefore = GC.GetTotalMemory(true);
var cpu = Process.GetCurrentProcess();
var cpuStart = cpu.TotalProcessorTime;
var wall = Stopwatch.StartNew();

// Start the sensors over the first 5 s (the measurement interval starts after that), as athletes would not all press start in the same millisecond.
for (int i = 0; i < sensors; i++)
{
    var link = new SimulatedSensorLink(samples,
        new SimulatedSensorOptions(SpeedFactor: 1, Tick: TimeSpan.FromMilliseconds(tickMs), FlashCapacityPackets: 64, Seed: i + 1),
        new SensorLinkOptions(NotificationCapacity: 256), name: $"sim-{i}");
    var session = new LiveSession(link, new LiveSessionOptions($"athlete-{i}", plan, StoreSamples: false), store: null, latency);
    await session.StartAsync();
    sessions.Add((link, session));
    if (i % Math.Max(1, sensors / 50) == 0) await Task.Delay(5000 / 50);
}

long lastSamples = sessions.Sum(s => s.Session.Counters.Samples), firstSamples = lastSamples;
double lastT = wall.Elapsed.TotalSeconds;
cpu.Refresh();
var lastCpu = cpu.TotalProcessorTime;
var steady = wall.Elapsed;
for (int t = 10; t <= seconds; t += 10)
{
    await Task.Delay(Math.Max(0, (int)((steady.TotalSeconds + t) * 1000 - wall.ElapsedMilliseconds)));
    long totalSamples = sessions.Sum(s => s.Session.Counters.Samples);
    double now = wall.Elapsed.TotalSeconds;
    double rate = (totalSamples - lastSamples) / (now - lastT);
    cpu.Refresh();
    double cpuPct = (cpu.TotalProcessorTime - lastCpu).TotalSeconds / (now - lastT) / Environment.ProcessorCount * 100;
    lastCpu = cpu.TotalProcessorTime;
    lastSamples = totalSamples;
    lastT = now;
    Console.WriteLine(string.Create(inv,
        $"t={t,3} s  samples/s={rate,9:N0}  alerts={latency.Count,6}  latency from arrival p50={latency.FromArrivalPercentile(50):F2} ms p99={latency.FromArrivalPercentile(99):F2} ms  pipeline p99={latency.PipelinePercentile(99):F2} ms  cpu={cpuPct:F0} %  lost={sessions.Sum(s => s.Session.Counters.Lost)} dropped={sessions.Sum(s => s.Link.DroppedNotifications)}"));
}

long heapWithSessions = GC.GetTotalMemory(true);
// Includes each session's simulated sensor (its 64-packet flash ring, ~17 KiB, and notification queue): an upper bound.
double perSessionBytes = (heapWithSessions - heapBefore) / (double)sensors;

long analysed = sessions.Sum(s => s.Session.Counters.Samples);
Console.WriteLine();
Console.WriteLine(string.Create(inv, $"sensors={sensors} rate=200 Hz measured={wall.Elapsed.TotalSeconds - steady.TotalSeconds:F0} s (after a {steady.TotalSeconds:F0} s start) cores={Environment.ProcessorCount}"));
Console.WriteLine(string.Create(inv, $"samples analysed={analysed:N0}; last {seconds} s: {(analysed - firstSamples) / (wall.Elapsed.TotalSeconds - steady.TotalSeconds):N0}/s (real time needs {sensors * 200:N0}/s)"));
Console.WriteLine(string.Create(inv, $"alerts={latency.Count} latency packet arrival -> alert event: p50={latency.FromArrivalPercentile(50):F2} ms p99={latency.FromArrivalPercentile(99):F2} ms max={latency.FromArrivalPercentile(100):F2} ms (pipeline only p50={latency.PipelinePercentile(50):F3} ms p99={latency.PipelinePercentile(99):F3} ms)"));
Console.WriteLine(string.Create(inv, $"memory per live session={perSessionBytes / 1024:F0} KiB (managed heap, its simulated sensor included); process working set={Environment.WorkingSet / 1048576.0:F0} MiB"));
cpu.Refresh();
Console.WriteLine(string.Create(inv, $"cpu={(cpu.TotalProcessorTime - cpuStart).TotalSeconds / wall.Elapsed.TotalSeconds / Environment.ProcessorCount * 100:F0} % of {Environment.ProcessorCount} cores; packets lost={sessions.Sum(s => s.Session.Counters.Lost)} link drops={sessions.Sum(s => s.Link.DroppedNotifications)}"));

foreach (var (link, session) in sessions) session.Stop();
await Task.WhenAll(sessions.Select(s => s.Session.Completion)).WaitAsync(TimeSpan.FromSeconds(60));
foreach (var (link, _) in sessions) await link.DisposeAsync();
return 0;

int Arg(string name, int fallback)
{
    int i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.Integer, inv, out int v) ? v : fallback;
}
