using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using SpineSense.Motion.Results;
using SpineSense.Server.Api;
using SpineSense.Server.Data;
using SpineSense.Server.Tests.Support;
using SpineSense.Storage.Model;

namespace SpineSense.Server.Tests.Browser;

/// <summary>The review, report, trends, overview and athletes pages in a real Chromium, against stored data.</summary>
public class ReviewPageTests(Chromium chromium) : IClassFixture<Chromium>
{
    [Fact]
    public async Task Review_page_shows_the_stored_reps_and_a_chart_that_zooms_by_refetching()
    {
        await using var h = await DashboardHarness.StartAsync(signIn: false);
        var s = await SyntheticSessions.WriteAsync(h.Store, "Sam", DateTimeOffset.UtcNow.AddHours(-3), reps: 6, limitDeg: 60);
        var page = await chromium.NewPageAsync();
        await page.GotoAsync(new Uri(h.BaseUri, $"review?session={s.SessionId}").ToString());
        await page.WaitForSelectorAsync("body[data-ready=true]");

        // Table = stored reps: one row each, peaks as written, the deep reps flagged.
        var rows = page.Locator("#reps-table tbody tr");
        Assert.Equal(s.Reps.Count, await rows.CountAsync());
        for (int i = 0; i < s.Reps.Count; i++)
        {
            var cells = await rows.Nth(i).Locator("td").AllInnerTextsAsync();
            Assert.Equal(s.Reps[i].Rep.ToString(CultureInfo.InvariantCulture), cells[2]);
            Assert.Equal(s.Reps[i].PeakFlexionDeg, double.Parse(cells[8], CultureInfo.InvariantCulture), 1);
            Assert.Equal(s.Reps[i].PeakFlexionDeg > 60 ? "flexion" : "", cells[9]);
        }
        Assert.Equal("6", await page.Locator("#sets tbody tr td.counted").First.InnerTextAsync());

        // Chart = stored angles: the whole session's envelope peaks at the deepest rep, drawn from ≤ 2 points per column.
        double maxFlex = await page.EvaluateAsync<double>("window.__review.maxFlexion");
        Assert.Equal(SyntheticSessions.PeakOf(5), maxFlex, 0.5);
        int points = await page.EvaluateAsync<int>("window.__review.lastPoints");
        int buckets = await page.EvaluateAsync<int>("window.__review.lastBuckets");
        Assert.InRange(buckets, 50, 1100);
        Assert.True(points <= 2 * buckets);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = RepoPaths.Screenshot("review.png"), FullPage = true });

        // Zoom on the first rep (5-8 s): the page asks the server again for that range only.
        int loads = await page.EvaluateAsync<int>("window.__review.loads");
        await page.EvaluateAsync("window.__review.zoom(5, 8)");
        Assert.Equal(loads + 1, await page.EvaluateAsync<int>("window.__review.loads"));
        Assert.Equal(5, await page.EvaluateAsync<double>("window.__review.from"), 3);
        Assert.Equal(SyntheticSessions.PeakOf(0), await page.EvaluateAsync<double>("window.__review.maxFlexion"), 0.5);
        // 3 s at 200 Hz = 600 samples, fewer than the columns: every sample is its own bucket.
        Assert.InRange(await page.EvaluateAsync<int>("window.__review.lastBuckets"), 590, 610);
    }

    [Fact]
    public async Task Review_and_report_pages_show_each_hold_with_its_duration_and_sway()
    {
        // The side plank's figures (how long, how steady) were stored and served but shown on neither page: the sets
        // table only counted the holds, under "reps counted".
        await using var h = await DashboardHarness.StartAsync(signIn: false);
        HoldResult[] holds = [new(30.0, 55.5, 1.8), new(60.0, 82.0, 2.3)];
        var s = await SyntheticSessions.WriteAsync(h.Store, "Sam", DateTimeOffset.UtcNow.AddHours(-3), reps: 4, tailS: 90, sidePlankHolds: holds);
        var page = await chromium.NewPageAsync();
        foreach (string path in new[] { "review", "report" })
        {
            await page.GotoAsync(new Uri(h.BaseUri, $"{path}?session={s.SessionId}").ToString());
            await page.WaitForSelectorAsync("body[data-ready=true]");
            var rows = page.Locator("#holds tbody tr");
            Assert.Equal(holds.Length, await rows.CountAsync());
            for (int i = 0; i < holds.Length; i++)
            {
                var cells = await rows.Nth(i).Locator("td").AllInnerTextsAsync();
                Assert.Equal("side-plank", cells[0]);
                Assert.Equal(holds[i].StartS, double.Parse(cells[1], CultureInfo.InvariantCulture), 0.05);
                Assert.Equal(holds[i].DurationS, double.Parse(cells[2], CultureInfo.InvariantCulture), 0.05);
                Assert.Equal(holds[i].SwayDeg, double.Parse(cells[3], CultureInfo.InvariantCulture), 0.05);
            }
        }
    }

    [Fact]
    public async Task A_physio_corrects_a_miscounted_set_on_the_review_page_and_an_athlete_sees_only_their_own()
    {
        await using var h = await DashboardHarness.StartAsync(signIn: true);
        var s = await SyntheticSessions.WriteAsync(h.Store, "Sam", DateTimeOffset.UtcNow.AddHours(-3), reps: 6);
        var page = await chromium.NewPageAsync();
        await SignInAsync(page, h, "lee", $"review?session={s.SessionId}");
        await page.WaitForSelectorAsync("body[data-ready=true]");
        await page.FillAsync("#note", "one rep was a re-grip");
        await page.FillAsync("#sets tbody tr input", "5");
        await page.ClickAsync("#sets tbody tr button.correct-set");
        await page.Locator("#sets tbody tr td.corrected", new PageLocatorOptions { HasText = "5 (lee)" }).WaitForAsync();
        Assert.Equal("6", await page.Locator("#sets tbody tr td.counted").InnerTextAsync());   // the count as detected stays shown
        var stored = await h.Store.Config.GetCorrectionsAsync(s.SessionId);
        Assert.Equal(5, Assert.Single(stored).CorrectedValue);
        Assert.Equal("one rep was a re-grip", stored[0].Note);
        Assert.Equal(6, (await h.Store.Reader.GetSetsAsync(s.SessionId))[0].Set.Reps);

        // The athlete signs in and lands on their own trends; the correction controls are not offered to them.
        var athlete = await chromium.NewPageAsync();
        await SignInAsync(athlete, h, "sam", "");
        await WaitForUrlOrExplainAsync(athlete, "**/trends?athlete=Sam");
        await athlete.WaitForSelectorAsync("body[data-ready=true]");
        await athlete.GotoAsync(new Uri(h.BaseUri, $"review?session={s.SessionId}").ToString());
        await athlete.WaitForSelectorAsync("body[data-ready=true]");
        Assert.Equal(0, await athlete.Locator("button.correct-set").CountAsync());
    }

    /// <summary>Waits for the URL; on timeout says where the page is and what error it shows, not just "timeout".</summary>
    private static async Task WaitForUrlOrExplainAsync(IPage page, string urlGlob)
    {
        try { await page.WaitForURLAsync(urlGlob); }
        catch (TimeoutException e)
        {
            var error = page.Locator("#error");
            string shown = await error.CountAsync() > 0 && await error.IsVisibleAsync() ? await error.InnerTextAsync() : "(none)";
            throw new TimeoutException($"never reached {urlGlob}: the page is at {page.Url}, error shown: {shown}", e);
        }
    }

    private static async Task SignInAsync(IPage page, DashboardHarness h, string user, string next)
    {
        await page.GotoAsync(new Uri(h.BaseUri, next).ToString());
        await page.WaitForURLAsync("**/login**");
        await page.FillAsync("#name", user);
        await page.FillAsync("#password", DashboardHarness.Password);
        await page.ClickAsync("button[type=submit]");
    }

    [Fact]
    public async Task Report_page_prints_to_a_pdf_with_the_athlete_and_no_navigation()
    {
        await using var h = await DashboardHarness.StartAsync(signIn: false);
        var s = await SyntheticSessions.WriteAsync(h.Store, "Sam", DateTimeOffset.UtcNow.AddHours(-3), reps: 6);
        var page = await chromium.NewPageAsync(900, 1200);
        await page.GotoAsync(new Uri(h.BaseUri, $"report?session={s.SessionId}").ToString());
        await page.WaitForSelectorAsync("body[data-ready=true]");
        await page.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });

        Assert.Equal("Sam", await page.Locator("#athlete").InnerTextAsync());
        Assert.False(await page.Locator(".noprint").First.IsVisibleAsync());        // the print button is not printed
        Assert.Equal(6, await page.Locator("#reps tbody tr").CountAsync());
        Assert.Equal(1, await page.Locator("#chart canvas").CountAsync());          // uPlot drew the flexion chart
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = RepoPaths.Screenshot("report.png"), FullPage = true });

        byte[] pdf = await page.PdfAsync(new PagePdfOptions { Format = "A4", PrintBackground = true });
        Assert.True(pdf.Length > 10_000, $"PDF of {pdf.Length} bytes");
        Assert.Equal("%PDF-", System.Text.Encoding.ASCII.GetString(pdf, 0, 5));
        // The PDF names the athlete and session (its title comes from the page), and where poppler is
        // installed, its page text holds the report's heading and the session id.
        Assert.Equal($"SpineSense report · Sam · {s.SessionId}", PdfText.Title(pdf));
        string text = PdfText.PageText(pdf);
        if (File.Exists(PdfText.PdfToText))
        {
            Assert.Contains("Session report: Sam", text);
            Assert.Contains(s.SessionId, text);
        }
    }

    [Fact]
    public async Task Report_states_the_reviewed_reps_and_peak_and_the_limit_the_session_was_measured_against()
    {
        // The report's summary said "1 / 6" reps and the deepest rep's peak after the physio removed that rep and set
        // the count to 5, and drew the athlete's limit of today (70) under a session whose alerts were raised at 60.
        await using var h = await DashboardHarness.StartAsync(signIn: false);
        var s = await SyntheticSessions.WriteAsync(h.Store, "Sam", DateTimeOffset.UtcNow.AddHours(-3), reps: 6, limitDeg: 60);
        await h.Store.Config.SetLimitsAsync(new SpineSense.Storage.Model.AthleteLimits("Sam", null, MaxFlexionDeg: 70));
        using var client = h.Client();
        (await client.PostAsJsonAsync($"api/sessions/{s.SessionId}/corrections",
            new { exercise = SyntheticSessions.Exercise, set = 1, rep = 6, kind = "removeRep" })).EnsureSuccessStatusCode();
        var page = await chromium.NewPageAsync(900, 1200);
        await page.GotoAsync(new Uri(h.BaseUri, $"report?session={s.SessionId}").ToString());
        await page.WaitForSelectorAsync("body[data-ready=true]");

        string meta = await page.Locator("#meta").InnerTextAsync();
        Assert.Contains("5 reviewed (6 counted)", meta);
        Assert.Contains(SyntheticSessions.PeakOf(4).ToString("0.0", CultureInfo.InvariantCulture) + "°", meta); // rep 6 (65°) is not a rep any more
        Assert.DoesNotContain(SyntheticSessions.PeakOf(5).ToString("0.0", CultureInfo.InvariantCulture) + "°", meta);
        Assert.Contains("60° (in force)", meta);
        Assert.DoesNotContain("70°", meta);
    }

    [Fact]
    public async Task A_one_hour_200_hz_session_review_ships_at_most_two_points_per_pixel_column_never_raw_rows()
    {
        // What keeps the review fast is the amount of data, not the machine: 720,000 stored samples must reach
        // the browser as a per-column min/max envelope. Load time itself is measured outside unit tests.
        await using var h = await DashboardHarness.StartAsync(signIn: false);
        var s = await SyntheticSessions.WriteAsync(h.Store, "Sam", DateTimeOffset.UtcNow.AddHours(-2), reps: 10, tailS: 3600 - 45, withRaw: false);
        Assert.True(s.DurationS >= 3600);
        using var client = h.Client();

        // The API: one bucket (a min and a max) per requested column, covering the whole hour, peaking at the deepest rep.
        var series = (await client.GetFromJsonAsync<AngleBuckets>($"api/sessions/{s.SessionId}/series?width=1000", DashboardJson.Options))!;
        Assert.InRange(series.TimeS.Length, 900, 1000);
        Assert.Equal(series.TimeS.Length, series.FlexionMaxDeg.Length);
        Assert.Equal(series.TimeS.Length, series.FlexionMinDeg.Length);
        Assert.True(series.BucketS * 200 >= 700, $"a bucket spans {series.BucketS} s, i.e. it merges hundreds of samples");
        // The width reported is the one the store cut (whole seconds from its per-second aggregates), not 3600 / 1000.
        Assert.Equal(series.TimeS[1] - series.TimeS[0], series.BucketS, 6);
        Assert.True(series.ToS - series.FromS >= 3600);
        Assert.Equal(SyntheticSessions.PeakOf(9), series.FlexionMaxDeg.Max(), 0.5);
        // Even a client asking for a million columns is held to the server's cap, far below the raw row count.
        var greedy = (await client.GetFromJsonAsync<AngleBuckets>($"api/sessions/{s.SessionId}/series?width=1000000", DashboardJson.Options))!;
        Assert.InRange(greedy.TimeS.Length, 1, SessionEndpoints.MaxBuckets);

        // The page: it asks for about one bucket per pixel column and draws at most two points per column.
        var page = await chromium.NewPageAsync();
        await page.GotoAsync(new Uri(h.BaseUri, $"review?session={s.SessionId}").ToString());
        await page.WaitForSelectorAsync("body[data-ready=true]");
        int buckets = await page.EvaluateAsync<int>("window.__review.lastBuckets");
        Assert.InRange(buckets, 100, 1100);
        Assert.InRange(await page.EvaluateAsync<int>("window.__review.lastPoints"), 1, 2 * buckets);
        Assert.Equal(SyntheticSessions.PeakOf(9), await page.EvaluateAsync<double>("window.__review.maxFlexion"), 0.5);
    }

    [Fact]
    public async Task Physio_pages_show_overview_trends_and_athlete_limits()
    {
        await using var h = await DashboardHarness.StartAsync(signIn: true);
        for (int d = 0; d < 3; d++) await SyntheticSessions.WriteAsync(h.Store, "Sam", DateTimeOffset.UtcNow.AddDays(-7 * d - 1), reps: 4 + d);
        var page = await chromium.NewPageAsync();
        await page.GotoAsync(new Uri(h.BaseUri, "athletes").ToString());
        Assert.Contains("/login", page.Url);                                   // signed out: the sign-in page
        await page.FillAsync("#name", "lee");
        await page.FillAsync("#password", DashboardHarness.Password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForSelectorAsync("body[data-ready=true]");

        // A physio creates an athlete and sets a flexion limit; both are stored.
        await page.FillAsync("#new-id", "Alex Doe");
        await page.ClickAsync("#create-form button");
        var form = page.Locator("form.limits[data-athlete='Alex Doe']");
        await form.WaitForAsync();
        await form.Locator("input[name=maxFlexionDeg]").FillAsync("45");
        await form.Locator("button[type=submit]").ClickAsync();
        await form.Locator(".saved", new LocatorLocatorOptions { HasText = "saved" }).WaitForAsync();
        var stored = await h.Store.Config.GetEffectiveLimitsAsync("Alex Doe", "goblet-squat");
        Assert.Equal(45, stored.MaxFlexionDeg);
        Assert.Equal("lee", (await h.Store.Config.GetAthleteAsync("Alex Doe"))!.Physio);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = RepoPaths.Screenshot("athletes.png"), FullPage = true });

        await page.GotoAsync(new Uri(h.BaseUri, "").ToString());
        await page.WaitForSelectorAsync("body[data-ready=true]");
        Assert.Contains("no session in the last 7 days", await page.Locator("tr[data-athlete='Alex Doe']").InnerTextAsync());
        Assert.DoesNotContain("Kim", await page.Locator("#overview").InnerTextAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = RepoPaths.Screenshot("overview.png"), FullPage = true });

        await page.GotoAsync(new Uri(h.BaseUri, "trends?athlete=Sam").ToString());
        await page.WaitForSelectorAsync("body[data-ready=true]");
        Assert.Equal(5, await page.Locator("#charts canvas").CountAsync());
        Assert.Equal(3, await page.Locator("#sessions li").CountAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = RepoPaths.Screenshot("trends.png"), FullPage = true });
    }

    [Fact]
    public async Task Trends_flexion_chart_draws_one_line_per_exercise_so_a_squat_is_compared_only_with_itself()
    {
        // Squats near 55° and cat-cow on all fours near 99° in the same two weeks: pooled, the weekly peak would be
        // the cat-cow's and the squat would vanish from its own trend.
        await using var h = await DashboardHarness.StartAsync(signIn: false);
        await WriteTwoExercisesAsync(h, DateTimeOffset.UtcNow.AddDays(-8), squatDeg: [52, 57, 62], catCowDeg: [96, 98, 100]);
        await WriteTwoExercisesAsync(h, DateTimeOffset.UtcNow.AddDays(-1), squatDeg: [50, 55, 60], catCowDeg: [97, 99, 101]);
        var page = await chromium.NewPageAsync();
        await page.GotoAsync(new Uri(h.BaseUri, "trends?athlete=Sam").ToString());
        await page.WaitForSelectorAsync("body[data-ready=true]");

        // The legend names the exercise of every line the physio sees.
        var legend = await page.Locator("#charts .chart", new PageLocatorOptions { HasText = "Flexion per rep by exercise" }).Locator(".u-legend .u-label").AllInnerTextsAsync();
        Assert.Contains("goblet-squat peak", legend);
        Assert.Contains("cat-cow peak", legend);

        // The lines carry each exercise's own weekly figures (what the page hands uPlot).
        var series = JsonSerializer.Deserialize<FlexionSeries[]>(await page.EvaluateAsync<string>("JSON.stringify(window.__trends.flexion)"), JsonSerializerOptions.Web)!;
        Assert.Equal(["cat-cow peak", "cat-cow typical (median)", "goblet-squat peak", "goblet-squat typical (median)"], series.Select(s => s.Label).Order());
        double[] Weekly(string exercise, string kind) =>
            series.Single(s => s.Exercise == exercise && s.Kind == kind).Values.OfType<double>().ToArray();
        // Older week first; weeks without the exercise are gaps, not zeros. Values within 0.01° (the API rounds to 0.01).
        Assert.Equal([62, 60], Weekly("goblet-squat", "peak"), new ToleranceComparer(0.01));
        Assert.Equal([57, 55], Weekly("goblet-squat", "typical"), new ToleranceComparer(0.01));
        Assert.Equal([100, 101], Weekly("cat-cow", "peak"), new ToleranceComparer(0.01));
        Assert.Equal([98, 99], Weekly("cat-cow", "typical"), new ToleranceComparer(0.01));
        Assert.All(series, s => Assert.Equal(10, s.Values.Count(v => v is null)));

        Assert.Equal(5, await page.Locator("#charts canvas").CountAsync());
        Assert.Equal(2, await page.Locator("#per-exercise tbody tr").CountAsync());
    }

    private sealed record FlexionSeries(string Exercise, string Kind, string Label, double?[] Values);

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double a, double b) => Math.Abs(a - b) <= tolerance;
        public int GetHashCode(double v) => 0;
    }

    /// <summary>One session of a squat set then a cat-cow set, reps only (trends read reps, not angles).</summary>
    private static async Task WriteTwoExercisesAsync(DashboardHarness h, DateTimeOffset startUtc, double[] squatDeg, double[] catCowDeg)
    {
        var writer = await h.Store.StartSessionAsync(new SessionStart("Sam", startUtc, Plan: "beginner"));
        double t = 5;
        foreach (var (exercise, peaks) in new[] { ("goblet-squat", squatDeg), ("cat-cow", catCowDeg) })
        {
            double setStart = t;
            for (int k = 0; k < peaks.Length; k++, t += 4)
                writer.WriteRep(exercise, new RepResult(1, k + 1, t, t + 3, 1.4, 0.2, 1.4, 1, peaks[k], AlertKind.None));
            writer.WriteSet(exercise, new SetResult(1, setStart, t - 1, peaks.Length));
            t += 20;
        }
        await writer.EndAsync(startUtc.AddSeconds(t));
        await writer.DisposeAsync();
        if (!await h.Store.DrainAsync(TimeSpan.FromSeconds(30))) throw new InvalidOperationException("store did not drain");
    }
}
