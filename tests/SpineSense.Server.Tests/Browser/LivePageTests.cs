using System.Globalization;
using Microsoft.Playwright;
using SpineSense.Server.Data;
using SpineSense.Server.Live;
using SpineSense.Server.Tests.Support;
using SpineSense.Storage;
using SpineSense.Storage.Model;
using SpineSense.Storage.Targets;
using SpineSense.TestSupport;

namespace SpineSense.Server.Tests.Browser;

/// <summary>
/// The live page in Chromium following a simulated athlete through the real pipeline (simulated sensor link →
/// LiveSession → store), then the review page of the session it stored. The store is a real InfluxDB, so the
/// live path is proven on that back end too (the review tests use the embedded SQLite store).
/// </summary>
public class LivePageTests(Chromium chromium, InfluxServerFixture influx) : IClassFixture<Chromium>, IClassFixture<InfluxServerFixture>
{
    [Fact]
    public async Task Live_page_follows_a_simulated_session_and_review_shows_what_was_stored()
    {
        string plansDir = Path.Combine(Path.GetTempPath(), "spinesense-plans-" + Guid.NewGuid().ToString("n"));
        var plans = SimulatedSessions.SquatPlan(plansDir);
        var store = await SpineStore.OpenAsync(StoreTarget.Parse(influx.Server.StoreTarget), new StoreOptions
        {
            ConfigDbPath = Path.Combine(plansDir, "config.db"),
            OutboxDirectory = Path.Combine(plansDir, "outbox"),
        });
        await using var h = await DashboardHarness.StartAsync(signIn: false, store: store, plans: plans, liveFactory: s => new StreamingLiveSource(s, plans));
        // A physio's limit for Sam: the live pipeline must use it (limit line, alerts).
        await h.Store.Config.SetLimitsAsync(new SpineSense.Storage.Model.AthleteLimits("Sam", null, MaxFlexionDeg: 25));
        var page = await chromium.NewPageAsync(1280, 1000);
        // A fixed seed: the simulated athlete is the same on every run, so what is asserted below cannot change by chance.
        await page.GotoAsync(new Uri(h.BaseUri, "live?athlete=Sam&seed=3").ToString());
        await page.Locator("#plan option[value=squats]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached });
        await page.SelectOptionAsync("#plan", "squats");
        await page.SelectOptionAsync("#speed", "5");
        var startRequest = await page.RunAndWaitForRequestAsync(() => page.ClickAsync("#start"),
            r => r.Method == "POST" && r.Url.EndsWith("/api/live", StringComparison.Ordinal));
        Assert.Contains("\"seed\":3", startRequest.PostData);

        // The rep count rises while we watch.
        await page.WaitForFunctionAsync("() => window.__live.repCount >= 2", null, new PageWaitForFunctionOptions { Timeout = 60_000 });
        int early = int.Parse(await page.Locator("#total-reps").InnerTextAsync(), CultureInfo.InvariantCulture);
        await page.WaitForFunctionAsync($"() => window.__live.repCount >= {early + 2}", null, new PageWaitForFunctionOptions { Timeout = 60_000 });
        Assert.Equal("goblet-squat", await page.Locator("#exercise").InnerTextAsync());
        Assert.Matches(@"^\d+ / 8$", await page.Locator("#reps").InnerTextAsync());
        Assert.Equal("25°", await page.Locator("#limit").InnerTextAsync());
        // The simulated link reports its signal strength (near −60 dBm); the page shows it in dBm.
        var signal = System.Text.RegularExpressions.Regex.Match(await page.Locator("#signal").InnerTextAsync(), @"^(-\d+) dBm$");
        Assert.True(signal.Success, "signal: " + await page.Locator("#signal").InnerTextAsync());
        Assert.InRange(int.Parse(signal.Groups[1].Value, CultureInfo.InvariantCulture), -70, -50);
        // The squats go past 25°: alerts appear on the page as they happen.
        await page.Locator("#alerts li").First.WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
        Assert.Equal(1, await page.Locator("#flex-chart canvas").CountAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = RepoPaths.Screenshot("live.png"), FullPage = true });

        // Frames reach the page while the session runs (the server's frame interval and per-frame content are proven
        // with a virtual clock in LiveFeedTests; rate and lag on real hardware are measured outside unit tests).
        int framesSoFar = await page.EvaluateAsync<int>("window.__live.frames");
        Assert.True(framesSoFar >= 10, $"{framesSoFar} frames while two reps were counted");

        // The session ends by itself; the page links its stored review.
        var link = page.Locator("#review-link a");
        await page.WaitForFunctionAsync("() => document.querySelector('#review-link a') || /^session /.test(document.querySelector('#status').textContent)",
            null, new PageWaitForFunctionOptions { Timeout = 120_000 });
        Assert.True(await link.CountAsync() == 1, "session ended without a stored session: " + await page.Locator("#status").InnerTextAsync());
        string href = (await link.GetAttributeAsync("href"))!;
        string sessionId = href[(href.IndexOf('=') + 1)..];
        int shownReps = int.Parse(await page.Locator("#total-reps").InnerTextAsync(), CultureInfo.InvariantCulture);
        int shownAlerts = await page.Locator("#alerts li").CountAsync();
        var storedAlerts = await h.Store.Reader.GetAlertsAsync(sessionId);
        Assert.Equal(storedAlerts.Count, shownAlerts);
        Assert.All(storedAlerts, a => Assert.Equal(25, a.Alert.Limit, 6));

        // Review = store: one table row per stored rep (and as many as the live page counted); chart max = stored angles' max.
        var stored = await h.Store.Reader.GetRepsAsync(sessionId);
        Assert.InRange(stored.Count, 6, 10);
        Assert.Equal(shownReps, stored.Count);
        await link.ClickAsync();
        await page.WaitForSelectorAsync("body[data-ready=true]");
        double from = await page.EvaluateAsync<double>("window.__review.from"), to = await page.EvaluateAsync<double>("window.__review.to");
        Assert.True(to >= stored.Max(r => r.Rep.EndS), "the chart covers every rep");
        var storedSeries = await h.Store.Reader.GetSeriesAsync(sessionId, SeriesKind.Angles, from, to, 100_000);
        double storedMax = storedSeries.Max[0].Max();
        Assert.Equal(stored.Count, await page.Locator("#reps-table tbody tr").CountAsync());
        var firstRow = await page.Locator("#reps-table tbody tr").First.Locator("td").AllInnerTextsAsync();
        Assert.Equal(stored[0].Rep.PeakFlexionDeg, double.Parse(firstRow[8], CultureInfo.InvariantCulture), 1);
        Assert.Equal(storedMax, await page.EvaluateAsync<double>("window.__review.maxFlexion"), 0.5);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = RepoPaths.Screenshot("review-simulated.png"), FullPage = true });
        try { Directory.Delete(plansDir, true); } catch (IOException) { }
    }
}
