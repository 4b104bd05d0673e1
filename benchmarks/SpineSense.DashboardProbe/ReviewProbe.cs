using System.Diagnostics;
using System.Net.Http.Json;
using Microsoft.Playwright;
using SpineSense.Server;
using SpineSense.Server.Data;

namespace SpineSense.DashboardProbe;

/// <summary>The review side: the whole-hour series API, and the review page in Debian's Chromium.</summary>
internal static class ReviewProbe
{
    public const string ChromiumPath = "/usr/bin/chromium";

    public sealed record ApiResult(double P50Ms, double P95Ms, double MaxMs, int Buckets);

    public sealed record PageResult(IReadOnlyList<double> WallMs, IReadOnlyList<double> ReadyMs)
    {
        public double MedianWallMs => Stats.Percentile(WallMs, 50);
        public double MaxWallMs => WallMs.Max();
        public double MedianReadyMs => Stats.Percentile(ReadyMs, 50);
        public double MaxReadyMs => ReadyMs.Max();
    }

    /// <summary>GET the whole-session series at the width the page asks for (~1000 columns), <paramref name="reps"/> times after one warm-up.</summary>
    public static async Task<ApiResult> MeasureApiAsync(ProbeEnvironment env, string sessionId, int reps)
    {
        using var client = env.Client();
        string url = $"api/sessions/{sessionId}/series?width=1000";
        var warm = (await client.GetFromJsonAsync<AngleBuckets>(url, DashboardJson.Options))!;
        var ms = new List<double>(reps);
        for (int i = 0; i < reps; i++)
        {
            long t0 = Stopwatch.GetTimestamp();
            using var res = await client.GetAsync(url);
            res.EnsureSuccessStatusCode();
            await res.Content.ReadAsByteArrayAsync();
            ms.Add(Stats.Ms(Stopwatch.GetTimestamp() - t0));
        }
        return new ApiResult(Stats.Percentile(ms, 50), Stats.Percentile(ms, 95), ms.Max(), warm.TimeS.Length);
    }

    /// <summary>
    /// Opens the review page in a fresh browser context each time (no cache) and times navigation start to
    /// <c>body[data-ready=true]</c>, which the page sets after the sets/reps tables and the uPlot chart are drawn.
    /// One warm-up load first (the server's first request on each path pays JIT).
    /// </summary>
    public static async Task<PageResult> MeasurePageAsync(ProbeEnvironment env, string sessionId, int reps)
    {
        if (!File.Exists(ChromiumPath)) throw new InvalidOperationException($"{ChromiumPath} is missing: apt-get install chromium (./test.sh does)");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        string url = new Uri(env.BaseUri, $"review?session={sessionId}").ToString();
        var wall = new List<double>(reps);
        var ready = new List<double>(reps);
        for (int i = -1; i < reps; i++)
        {
            await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
            var page = await context.NewPageAsync();
            page.SetDefaultTimeout(30_000);
            long t0 = Stopwatch.GetTimestamp();
            await page.GotoAsync(url);
            await page.WaitForSelectorAsync("body[data-ready=true]");
            double wallMs = Stats.Ms(Stopwatch.GetTimestamp() - t0);
            double readyMs = await page.EvaluateAsync<double>("window.__review.readyMs");
            int rows = await page.Locator("#reps-table tbody tr").CountAsync();
            int canvases = await page.Locator("canvas").CountAsync();
            if (rows == 0 || canvases == 0) throw new InvalidOperationException($"review page ready without its table ({rows} rows) or chart ({canvases} canvases)");
            if (i < 0) continue;
            wall.Add(wallMs);
            ready.Add(readyMs);
        }
        return new PageResult(wall, ready);
    }
}
