using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace SpineSense.DashboardProbe;

/// <summary>
/// The live side: starts a simulated session through the server's own endpoint (POST /api/live, the button on the
/// live page), follows its Server-Sent-Events feed over HttpClient and times every frame on arrival.
/// </summary>
internal static class LiveProbe
{
    public sealed record Result(
        int Frames, int FramesWithPoints, long Points, double WindowS, double FramesPerS,
        double GapP50Ms, double GapP99Ms, double GapMaxMs,
        double LagP50Ms, double LagP99Ms, double LagMaxMs,
        double TransitP50Ms, double TransitP99Ms, double TransitMaxMs);

    private sealed record Started(string Id);

    public static async Task<Result> MeasureAsync(ProbeEnvironment env, TimeSpan window)
    {
        using var client = env.Client();
        client.Timeout = window + TimeSpan.FromSeconds(60);
        // Speed 1: a real athlete's pace, 200 Hz, the beginner routine (longer than any window, so it never ends early).
        var res = await client.PostAsJsonAsync("api/live", new { athleteId = ProbeEnvironment.Athlete, plan = "beginner", speed = 1.0, seed = 7 });
        res.EnsureSuccessStatusCode();
        string id = (await res.Content.ReadFromJsonAsync<Started>(new JsonSerializerOptions(JsonSerializerDefaults.Web)))!.Id;

        var gaps = new List<double>();
        var lags = new List<double>();
        var transits = new List<double>();
        int frames = 0, withPoints = 0;
        long points = 0;
        long firstTicks = 0, lastTicks = 0;
        using var cancel = new CancellationTokenSource(window + TimeSpan.FromSeconds(2));
        try
        {
            using var stream = await client.GetAsync($"api/live/{id}/events", HttpCompletionOption.ResponseHeadersRead, cancel.Token);
            stream.EnsureSuccessStatusCode();
            using var reader = new StreamReader(await stream.Content.ReadAsStreamAsync(cancel.Token));
            long deadline = 0;
            while (await reader.ReadLineAsync(cancel.Token) is { } line)
            {
                if (!line.StartsWith("data: ", StringComparison.Ordinal)) continue;
                long now = Stopwatch.GetTimestamp();
                long nowUnixMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
                using var doc = JsonDocument.Parse(line.AsMemory(6));
                var root = doc.RootElement;
                if (!root.TryGetProperty("serverMs", out var serverMs)) continue;   // the "end" event
                if (root.GetProperty("snapshot").GetBoolean())
                {
                    // The catch-up snapshot is not a live frame: the window starts after it.
                    firstTicks = lastTicks = now;
                    deadline = now + (long)(window.TotalSeconds * Stopwatch.Frequency);
                    continue;
                }
                if (firstTicks == 0) { firstTicks = lastTicks = now; deadline = now + (long)(window.TotalSeconds * Stopwatch.Frequency); }
                frames++;
                gaps.Add(Stats.Ms(now - lastTicks));
                lastTicks = now;
                // ServerMs is when the frame left the server; AgeMs how long its oldest angle point had waited there
                // (from the session handing the point to the feed). Both clocks are this process's wall clock.
                double transitMs = nowUnixMs - serverMs.GetInt64();
                transits.Add(transitMs);
                int n = root.GetProperty("angles").GetArrayLength();
                if (n > 0)
                {
                    withPoints++;
                    points += n;
                    lags.Add(transitMs + root.GetProperty("ageMs").GetDouble());
                }
                if (now >= deadline) break;
            }
        }
        catch (OperationCanceledException) { }
        finally
        {
            using var stop = await client.PostAsync($"api/live/{id}/stop", null);
        }
        double windowS = Stats.Ms(lastTicks - firstTicks) / 1000;
        if (frames == 0 || windowS <= 0) throw new InvalidOperationException("no live frames arrived");
        return new Result(frames, withPoints, points, windowS, frames / windowS,
            Stats.Percentile(gaps, 50), Stats.Percentile(gaps, 99), gaps.Max(),
            Stats.Percentile(lags, 50), Stats.Percentile(lags, 99), lags.Count == 0 ? double.NaN : lags.Max(),
            Stats.Percentile(transits, 50), Stats.Percentile(transits, 99), transits.Max());
    }
}
