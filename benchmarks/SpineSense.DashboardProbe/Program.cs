using System.Diagnostics;
using System.Globalization;
using SpineSense.DashboardProbe;

// Measures issue 8's dashboard targets on this machine, loopback only, bounded in time:
//   review: series API latency and review page load (Chromium) for a stored one-hour 200 Hz session;
//   live:   SSE frame rate and point lag of a simulated live session.
// Usage: dotnet run -c Release --project benchmarks/SpineSense.DashboardProbe -- [--seconds 20] [--api-reps 30] [--page-reps 5]
var options = ProbeOptions.Parse(args);
if (options is null) return 2;

Console.WriteLine($"SpineSense dashboard probe, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, load {Load()}");
await using var env = await ProbeEnvironment.StartAsync();
var results = new List<(string What, string Target, string Measured)>();

var session = await env.WriteOneHourSessionAsync();
Console.WriteLine($"stored one-hour session {session.SessionId}: {session.Rows:N0} samples + {session.Rows:N0} angles in {session.WriteS:F1} s");

var api = await ReviewProbe.MeasureApiAsync(env, session.SessionId, options.ApiReps);
results.Add(("review series API, whole hour, width=1000 (" + api.Buckets + " buckets)", "", $"p50 {api.P50Ms:F1} ms, p95 {api.P95Ms:F1} ms, max {api.MaxMs:F1} ms (n={options.ApiReps})"));
var page = await ReviewProbe.MeasurePageAsync(env, session.SessionId, options.PageReps);
results.Add(("review page: navigation → table + chart drawn (Stopwatch)", "< 1 s",
    $"median {page.MedianWallMs:F0} ms, max {page.MaxWallMs:F0} ms (n={options.PageReps}; {string.Join(", ", page.WallMs.Select(m => m.ToString("F0", CultureInfo.InvariantCulture)))})"));
results.Add(("review page: same, browser's performance.now() at ready", "< 1 s", $"median {page.MedianReadyMs:F0} ms, max {page.MaxReadyMs:F0} ms"));

var live = await LiveProbe.MeasureAsync(env, TimeSpan.FromSeconds(options.Seconds));
results.Add(("live SSE frames/s over HttpClient", "≥ 10 /s", $"{live.FramesPerS:F1} /s ({live.Frames} frames in {live.WindowS:F1} s, {live.FramesWithPoints} with angle points)"));
results.Add(("live frame gap", "", $"p50 {live.GapP50Ms:F0} ms, p99 {live.GapP99Ms:F0} ms, max {live.GapMaxMs:F0} ms"));
results.Add(("live lag, oldest point of each frame (feed got it → client read frame)", "< 100 ms", $"p50 {live.LagP50Ms:F1} ms, p99 {live.LagP99Ms:F1} ms, max {live.LagMaxMs:F1} ms ({live.Points:N0} points)"));
results.Add(("  of which frame transit (frame left → received)", "", $"p50 {live.TransitP50Ms:F1} ms, p99 {live.TransitP99Ms:F1} ms, max {live.TransitMaxMs:F1} ms"));

Console.WriteLine();
int w1 = results.Max(r => r.What.Length), w2 = Math.Max(6, results.Max(r => r.Target.Length));
Console.WriteLine($"{"what".PadRight(w1)}  {"target".PadRight(w2)}  measured");
Console.WriteLine($"{new string('-', w1)}  {new string('-', w2)}  {new string('-', 40)}");
foreach (var r in results) Console.WriteLine($"{r.What.PadRight(w1)}  {r.Target.PadRight(w2)}  {r.Measured}");
Console.WriteLine($"load at end: {Load()}");
return 0;

static string Load()
{
    try { return File.ReadAllText("/proc/loadavg").Trim(); }
    catch (IOException) { return "unknown"; }
}

namespace SpineSense.DashboardProbe
{
    internal sealed record ProbeOptions(double Seconds, int ApiReps, int PageReps)
    {
        public static ProbeOptions? Parse(string[] args)
        {
            double seconds = 20; int apiReps = 30, pageReps = 5;
            for (int i = 0; i < args.Length; i++)
            {
                string? next = i + 1 < args.Length ? args[i + 1] : null;
                bool ok = args[i] switch
                {
                    "--seconds" => double.TryParse(next, NumberStyles.Float, CultureInfo.InvariantCulture, out seconds) && seconds is >= 2 and <= 600,
                    "--api-reps" => int.TryParse(next, CultureInfo.InvariantCulture, out apiReps) && apiReps is >= 1 and <= 1000,
                    "--page-reps" => int.TryParse(next, CultureInfo.InvariantCulture, out pageReps) && pageReps is >= 1 and <= 50,
                    _ => false,
                };
                if (!ok)
                {
                    Console.Error.WriteLine($"dashboard probe: bad option '{args[i]} {next}'. Usage: [--seconds 2..600] [--api-reps 1..1000] [--page-reps 1..50]");
                    return null;
                }
                i++;
            }
            return new ProbeOptions(seconds, apiReps, pageReps);
        }
    }

    internal static class Stats
    {
        /// <summary>Nearest-rank percentile of an unsorted list (copied, not modified).</summary>
        public static double Percentile(IReadOnlyList<double> values, double p)
        {
            if (values.Count == 0) return double.NaN;
            var sorted = values.ToArray();
            Array.Sort(sorted);
            int rank = (int)Math.Ceiling(p / 100 * sorted.Length);
            return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
        }

        public static double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
    }
}
