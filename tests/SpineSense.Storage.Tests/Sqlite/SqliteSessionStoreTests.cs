using SpineSense.Motion.Results;
using SpineSense.Motion.Samples;
using SpineSense.Storage.Model;
using SpineSense.Storage.Targets;

namespace SpineSense.Storage.Tests.Sqlite;

public sealed class SqliteSessionStoreTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("spinesense-sqlite-").FullName;
    private static readonly DateTimeOffset T0 = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private Task<ISessionStore> Open() =>
        SpineStore.OpenAsync(StoreTarget.Sqlite(Path.Combine(_dir, "s.db")), new StoreOptions { SealInterval = TimeSpan.FromMilliseconds(20) });

    [Fact]
    public async Task Stores_a_session_and_reads_back_every_item()
    {
        await using var store = await Open();
        var w = await store.StartSessionAsync(new SessionStart("Ann O'Neil", T0, "beginner", SessionId: "s1"));
        var samples = new ImuSample[1000];
        for (int i = 0; i < samples.Length; i++) samples[i] = new ImuSample(i * 0.005, 0.01, 0.99, 0.05 * i, 1, -2, 3);
        w.WriteSamples(samples);
        for (int i = 0; i < 1000; i++) w.WriteAngles(i * 0.005, new SpineAngles(i * 0.05, 1, -1));
        w.WriteRep("goblet-squat", new RepResult(1, 1, 1.0, 4.0, 1.5, 0.3, 1.0, 0.2, 62.5, AlertKind.Flexion));
        w.WriteRep("goblet-squat", new RepResult(1, 2, 4.2, 7.0, 1.4, 0.3, 1.1, 0.0, 58.0, AlertKind.None));
        w.WriteSet("goblet-squat", new SetResult(1, 1.0, 7.0, 2));
        w.WriteHold("side-plank", new HoldResult(10, 30, 1.2));
        w.WriteAlert("goblet-squat", new AlertEvent(2.5, AlertKind.Flexion, 62.5, 60));
        w.WriteLinkHealth(new LinkHealth(1, 87, -61, 3, 400));
        await w.EndAsync(T0.AddSeconds(40));

        var r = store.Reader;
        var info = await r.GetSessionAsync("s1");
        Assert.Equal(T0.AddSeconds(40), info!.EndUtc);
        var reps = await r.GetRepsAsync("s1");
        Assert.Equal(2, reps.Count);
        Assert.Equal(new RepResult(1, 1, 1.0, 4.0, 1.5, 0.3, 1.0, 0.2, 62.5, AlertKind.Flexion), reps[0].Rep);
        Assert.Equal("goblet-squat", reps[0].Exercise);
        var summary = await r.GetSessionSummaryAsync("s1");
        Assert.Equal((1, 2, 1, 1), (summary.Sets, summary.Reps, summary.Holds, summary.Alerts));
        Assert.Equal(62.5, summary.PeakFlexionDeg);
        Assert.Equal(40, summary.DurationS, 6);
        Assert.Equal(87, (await r.GetLinkHealthAsync("s1"))[0].BatteryPct);
        var all = await r.GetSeriesAsync("s1", SeriesKind.Raw, null, null, 5000);
        Assert.Equal(1000, all.TimeS.Length);
        Assert.False(all.Downsampled);
        Assert.Equal(0.05 * 999, all.Max[2][999], 9);
        Assert.Equal(1000, store.Stats.PointsAccepted - 1007);
    }

    [Fact]
    public async Task Downsamples_series_to_min_max_buckets_on_the_store_side()
    {
        await using var store = await Open();
        var w = await store.StartSessionAsync(new SessionStart("Bo", T0, SessionId: "s2"));
        // 10 s of flexion at 200 Hz with a single 80-degree spike at 5.0 s: it must survive downsampling.
        for (int i = 0; i < 2000; i++) w.WriteAngles(i * 0.005, new SpineAngles(i == 1000 ? 80 : Math.Sin(i * 0.01) * 10, 0, 0));
        await w.EndAsync(T0.AddSeconds(10));
        var s = await store.Reader.GetSeriesAsync("s2", SeriesKind.Angles, null, null, 100);
        Assert.True(s.Downsampled);
        Assert.True(s.TimeS.Length <= 100);
        Assert.Equal(2000, s.Count.Sum());
        Assert.Equal(80, s.Max[0].Max());
        Assert.Equal(-10, s.Min[0].Min(), 1);
        // The width the store cut (whole microseconds, just over 0.1 s), which is what a chart must space by.
        Assert.Equal(s.TimeS[1] - s.TimeS[0], s.BucketS, 6);
        Assert.True(s.BucketS >= 0.1);
        var window = await store.Reader.GetSeriesAsync("s2", SeriesKind.Angles, 4.0, 6.0, 1000);
        Assert.Equal(401, window.Count.Sum());
        Assert.False(window.Downsampled);
        Assert.Equal(0, window.BucketS);
    }

    [Fact]
    public async Task Wide_windows_come_from_per_second_aggregates_with_exact_extremes()
    {
        await using var store = await Open();
        var w = await store.StartSessionAsync(new SessionStart("Bo", T0, SessionId: "wide"));
        const int n = 60_000; // 20 minutes at 50 Hz, written in live-sized pieces across many flushes
        double Flex(int i) => i == 31_337 ? 95.5 : 40 * Math.Sin(i * 0.002);
        for (int i = 0; i < n; i++)
        {
            w.WriteAngles(i * 0.02, new SpineAngles(Flex(i), -Flex(i) / 2, 0));
            if (i % 5000 == 0) await w.FlushAsync();
        }
        await w.EndAsync(T0.AddSeconds(n * 0.02));
        var s = await store.Reader.GetSeriesAsync("wide", SeriesKind.Angles, null, null, 100);
        Assert.True(s.Downsampled);
        Assert.InRange(s.TimeS.Length, 90, 100);
        Assert.Equal(n, s.Count.Sum());
        Assert.Equal(95.5, s.Max[0].Max());
        for (int b = 0; b < s.TimeS.Length; b++)
        {
            // Each bucket's extremes equal the raw extremes of the seconds it covers.
            int first = (int)Math.Round(s.TimeS[b] / 0.02);
            int last = b + 1 < s.TimeS.Length ? (int)Math.Round(s.TimeS[b + 1] / 0.02) : n;
            double max = double.MinValue, min = double.MaxValue;
            for (int i = first; i < last; i++) { max = Math.Max(max, Flex(i)); min = Math.Min(min, Flex(i)); }
            Assert.Equal(max, s.Max[0][b], 9);
            Assert.Equal(min, s.Min[0][b], 9);
            Assert.Equal(last - first, s.Count[b]);
        }
    }

    [Fact]
    public async Task Builds_missing_aggregates_for_files_written_before_they_existed()
    {
        string path = Path.Combine(_dir, "s.db");
        await using (var store = await Open())
        {
            var w = await store.StartSessionAsync(new SessionStart("Bo", T0, SessionId: "old"));
            for (int i = 0; i < 30_000; i++) w.WriteAngles(i * 0.01, new SpineAngles(i % 1000, 0, 0));
            await w.EndAsync(T0.AddSeconds(300));
        }
        using (var c = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=" + path))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = "DELETE FROM angles_1s";
            cmd.ExecuteNonQuery();
        }
        await using (var store = await Open())
        {
            var s = await store.Reader.GetSeriesAsync("old", SeriesKind.Angles, null, null, 50);
            Assert.Equal(30_000, s.Count.Sum());
            Assert.Equal(999, s.Max[0].Max());
        }
    }

    [Fact]
    public async Task Unknown_values_written_as_NaN_read_back_as_NaN()
    {
        await using var store = await Open();
        var w = await store.StartSessionAsync(new SessionStart("Cy", T0, SessionId: "nan"));
        w.WriteLinkHealth(new LinkHealth(1, double.NaN, double.NaN, 2, 100));
        w.WriteRep("bird-dog", new RepResult(1, 1, 1, 2, 0.5, double.NaN, 0.5, 0, 10, AlertKind.None));
        await w.EndAsync(T0.AddSeconds(3));
        var link = Assert.Single(await store.Reader.GetLinkHealthAsync("nan"));
        Assert.True(double.IsNaN(link.BatteryPct) && double.IsNaN(link.RssiDbm));
        Assert.Equal((2L, 100L), (link.PacketsLost, link.PacketsReceived));
        Assert.True(double.IsNaN(Assert.Single(await store.Reader.GetRepsAsync("nan")).Rep.BottomPauseS));
    }

    [Fact]
    public async Task Weekly_trends_count_sessions_reps_peaks_alerts_and_tempo_spread()
    {
        await using var store = await Open();
        for (int week = 0; week < 2; week++)
            for (int day = 0; day < 2; day++)
            {
                var start = T0.AddDays(7 * week + 2 * day); // T0 is a Monday
                var w = await store.StartSessionAsync(new SessionStart("Dee", start, SessionId: $"d{week}{day}"));
                for (int r = 0; r < 4; r++)
                    w.WriteRep("romanian-deadlift", new RepResult(1, r + 1, 10 + 4 * r, 13 + 4 * r + (r == 3 ? 1 : 0), 1.5, 0.2, 1.0, 0.3, 50 + 5 * week + r, AlertKind.None));
                w.WriteSet("romanian-deadlift", new SetResult(1, 10, 27, 4));
                if (week == 1) w.WriteAlert("romanian-deadlift", new AlertEvent(20, AlertKind.Flexion, 61, 60));
                await w.EndAsync(start.AddMinutes(5));
            }
        var trends = await store.Reader.GetWeeklyTrendsAsync("Dee", T0.AddDays(-1), T0.AddDays(30));
        Assert.Equal(2, trends.Count);
        var (w0, w1) = (trends[0], trends[1]);
        Assert.Equal((new DateOnly(2026, 11, 2), 2, 2, 8, 53.0, 51.5, 0), (w0.WeekStartUtc, w0.Sessions, w0.Sets, w0.Reps, w0.PeakFlexionDeg, w0.TypicalFlexionDeg, w0.Alerts));
        Assert.Equal((new DateOnly(2026, 11, 9), 58.0, 2), (w1.WeekStartUtc, w1.PeakFlexionDeg, w1.Alerts));
        // Rep durations 3,3,3,4 s in each of 2 sessions: mean 3.25 s, sample variance 1.5/7 s² -> CV 14.2 %.
        Assert.Equal(100 * Math.Sqrt(1.5 / 7) / 3.25, w0.TempoCvPct, 6);
        Assert.Empty(await store.Reader.GetWeeklyTrendsAsync("Nobody", T0, T0.AddDays(30)));
    }

    [Fact]
    public async Task Writing_the_same_items_twice_stores_them_once()
    {
        await using var store = await Open();
        for (int pass = 0; pass < 2; pass++)
        {
            var w = await store.StartSessionAsync(new SessionStart("Cy", T0, SessionId: "s3"));
            w.WriteSamples([new ImuSample(0.1, 0, 1, 0, 0, 0, 0), new ImuSample(0.2, 0, 1, 0, 0, 0, 0)]);
            w.WriteRep("bird-dog", new RepResult(1, 1, 1, 2, 0.5, 0, 0.5, 0, 10, AlertKind.None));
            await w.EndAsync(T0.AddSeconds(3));
        }
        Assert.Single(await store.Reader.ListSessionsAsync("Cy"));
        Assert.Single(await store.Reader.GetRepsAsync("s3"));
        Assert.Equal(2, (await store.Reader.GetSeriesAsync("s3", SeriesKind.Raw, null, null, 10)).Count.Sum());
    }

    [Fact]
    public async Task Rejects_invalid_athlete_and_session_ids()
    {
        await using var store = await Open();
        var e = await Assert.ThrowsAsync<StorageException>(() => store.StartSessionAsync(new SessionStart("x\ny", T0)));
        Assert.Equal(StorageErrorCode.InvalidInput, e.Code);
        e = await Assert.ThrowsAsync<StorageException>(() => store.Reader.GetRepsAsync("s1' OR 1=1 --"));
        Assert.Equal(StorageErrorCode.InvalidInput, e.Code);
    }

    [Fact]
    public async Task Keeps_config_and_corrections_beside_the_originals()
    {
        await using var store = await Open();
        await store.Config.UpsertAthleteAsync("Dee", "Dr Who", "beginner");
        await store.Config.SetLimitsAsync(new AthleteLimits("Dee", null, MaxFlexionDeg: 50, MaxImpactG: 3));
        await store.Config.SetLimitsAsync(new AthleteLimits("Dee", "romanian-deadlift", MaxFlexionDeg: 40));
        var eff = await store.Config.GetEffectiveLimitsAsync("Dee", "romanian-deadlift");
        Assert.Equal((40.0, 3.0), (eff.MaxFlexionDeg!.Value, eff.MaxImpactG!.Value));
        Assert.Null(eff.MaxRotationDps);
        Assert.Equal(50, (await store.Config.GetEffectiveLimitsAsync("Dee", "bird-dog")).MaxFlexionDeg);
        await store.Config.AssignPlanAsync("Dee", "rehab-2");
        Assert.Equal("rehab-2", (await store.Config.GetAthleteAsync("Dee"))!.Plan);
        Assert.Single(await store.Config.ListAthletesAsync("Dr Who"));

        var w = await store.StartSessionAsync(new SessionStart("Dee", T0, SessionId: "s4"));
        w.WriteRep("bird-dog", new RepResult(1, 1, 1, 2, 0.5, 0, 0.5, 0, 10, AlertKind.None));
        await w.EndAsync(T0.AddSeconds(3));
        var c = await store.Config.AddCorrectionAsync(new ReviewCorrection(0, "s4", "bird-dog", 1, 1, CorrectionKind.RemoveRep, null, "fidget", "Dr Who", T0.AddDays(1)));
        Assert.True(c.Id > 0);
        Assert.Equal(CorrectionKind.RemoveRep, (await store.Config.GetCorrectionsAsync("s4")).Single().Kind);
        Assert.Single(await store.Reader.GetRepsAsync("s4")); // the original stays
    }
}
