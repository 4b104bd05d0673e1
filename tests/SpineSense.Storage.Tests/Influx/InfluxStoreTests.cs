using System.Text;
using SpineSense.Motion.Results;
using SpineSense.Storage.Influx;
using SpineSense.Storage.LineProtocol;
using SpineSense.Storage.Model;
using SpineSense.Storage.Targets;
using SpineSense.TestSupport;
using static SpineSense.Storage.Tests.Influx.InfluxTestKit;

namespace SpineSense.Storage.Tests.Influx;

/// <summary>The InfluxDB store against a real influxd (Debian 1.6.7): nothing mocked.</summary>
[Collection("influx")]
public sealed class InfluxStoreTests(InfluxServerFixture fixture) : IDisposable
{
    private readonly InfluxServer _server = fixture.Server;
    private readonly string _dir = Directory.CreateTempSubdirectory("spinesense-influx-store-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Server_reads_back_exactly_what_the_escaping_wrote()
    {
        string db = await NewDatabaseAsync(_server);
        string[] nasty = ["plain", "a,b", "a b", "a=b", "a\"b", "O'Neil", "ä ö,ü=ß", " lead", "trail ", ",= \"'"];
        var b = new LineProtocolBuffer();
        for (int i = 0; i < nasty.Length; i++)
            b.Measurement("m " + nasty[i]).Tag("tag " + nasty[i], nasty[i]).Field("f " + nasty[i], (long)i)
                .Field("s", "v" + nasty[i] + "\\\n\"end").End(1_000_000 + i);
        using var client = new InfluxHttpClient(Target(_server, db), TimeSpan.FromSeconds(5), gzip: true, TimestampPrecision.Microseconds);
        await client.WriteAsync(b.WrittenMemory, new RetryPolicy(), CancellationToken.None);

        for (int i = 0; i < nasty.Length; i++)
        {
            string m = InfluxQl.Identifier("m " + nasty[i]);
            var r = await client.QueryAsync($"SELECT * FROM {m}", CancellationToken.None);
            var s = Assert.Single(r.Series);
            Assert.Equal("m " + nasty[i], s.Name);
            Assert.Equal(nasty[i], s.GetString(0, "tag " + nasty[i]));
            Assert.Equal(i, s.GetLong(0, "f " + nasty[i]));
            Assert.Equal("v" + nasty[i] + "\\\n\"end", s.GetString(0, "s"));
            Assert.Equal(1_000_000 + i, s.TimeUs(0));
        }
    }

    [Fact]
    public async Task Stores_a_whole_session_and_reads_it_back_like_sqlite_does()
    {
        string db = await NewDatabaseAsync(_server);
        const int n = 3000;
        await using var influx = await SpineStore.OpenAsync(Target(_server, db), Options(Path.Combine(_dir, "i")));
        await using var sqlite = await SpineStore.OpenAsync(StoreTarget.Sqlite(Path.Combine(_dir, "s.db")), Options(Path.Combine(_dir, "s")));
        foreach (var store in new[] { influx, sqlite })
        {
            var w = await WriteFullSessionAsync(store, "Ann O'Neil", "sess-1", T0, n);
            await w.EndAsync(T0.AddSeconds(40));
            Assert.True(await store.DrainAsync(TimeSpan.FromSeconds(20)));
        }
        Assert.Equal(n, await CountIn(db, "imu", "acc_x_g"));

        var a = influx.Reader;
        var e = sqlite.Reader;
        Assert.Equal(await e.GetSessionAsync("sess-1"), await a.GetSessionAsync("sess-1"));
        Assert.Equal(await e.GetRepsAsync("sess-1"), await a.GetRepsAsync("sess-1"));
        Assert.Equal(await e.GetSetsAsync("sess-1"), await a.GetSetsAsync("sess-1"));
        Assert.Equal(await e.GetHoldsAsync("sess-1"), await a.GetHoldsAsync("sess-1"));
        Assert.Equal(await e.GetAlertsAsync("sess-1"), await a.GetAlertsAsync("sess-1"));
        Assert.Equal(await e.GetLinkHealthAsync("sess-1"), await a.GetLinkHealthAsync("sess-1"));
        var sa = await a.GetSessionSummaryAsync("sess-1");
        var se = await e.GetSessionSummaryAsync("sess-1");
        Assert.Equal((se.Reps, se.Sets, se.Holds, se.Alerts, se.PeakFlexionDeg, se.DurationS), (sa.Reps, sa.Sets, sa.Holds, sa.Alerts, sa.PeakFlexionDeg, sa.DurationS));
        Assert.Equal(new[] { "Ann O'Neil" }, (await a.ListAthletesAsync()).Select(x => x.Athlete));
        Assert.Single(await a.ListSessionsAsync("Ann O'Neil"));
        Assert.Single(await a.ListSessionsAsync("Ann O'Neil", DateTimeOffset.MinValue, DateTimeOffset.MaxValue));
        Assert.Empty(await a.ListSessionsAsync("Ann O'Neil", T0.AddDays(1), DateTimeOffset.MaxValue));

        // Raw series, not downsampled: every sample back, values within the stored resolution (1e-5 g, 1e-3 deg/s).
        var raw = await a.GetSeriesAsync("sess-1", SeriesKind.Raw, null, null, 10_000);
        Assert.False(raw.Downsampled);
        Assert.Equal(n, raw.TimeS.Length);
        for (int i = 0; i < n; i++)
        {
            var s = Sample(i);
            Assert.Equal(s.TimeS, raw.TimeS[i], 6);
            Assert.Equal(s.AccYG, raw.Min[1][i], 5);
            Assert.Equal(s.GyrXDps, raw.Max[3][i], 3);
        }
        // Downsampled on the server: same buckets and extremes as SQLite, the 50-degree spike kept.
        var da = await a.GetSeriesAsync("sess-1", SeriesKind.Angles, null, null, 200);
        var de = await e.GetSeriesAsync("sess-1", SeriesKind.Angles, null, null, 200);
        Assert.True(da.Downsampled);
        Assert.True(da.TimeS.Length <= 200);
        Assert.Equal(n, da.Count.Sum());
        Assert.Equal(de.TimeS, da.TimeS);
        Assert.Equal(de.Count, da.Count);
        for (int i = 0; i < da.TimeS.Length; i++)
        {
            Assert.Equal(de.Max[0][i], da.Max[0][i], 3);
            Assert.Equal(de.Min[0][i], da.Min[0][i], 3);
        }
        Assert.True(da.Max[0].Max() > 50);
    }

    [Fact]
    public async Task Unknown_values_written_as_NaN_are_left_out_and_read_back_as_NaN()
    {
        string db = await NewDatabaseAsync(_server);
        await using var store = await SpineStore.OpenAsync(Target(_server, db), Options(_dir));
        var w = await store.StartSessionAsync(new SessionStart("Cy", T0, SessionId: "nan"));
        w.WriteLinkHealth(new LinkHealth(1, double.NaN, double.NaN, 2, 100));
        w.WriteRep("bird-dog", new RepResult(1, 1, 1, 2, 0.5, double.NaN, 0.5, 0, 10, AlertKind.None));
        await w.EndAsync(T0.AddSeconds(3));
        Assert.True(await store.DrainAsync(TimeSpan.FromSeconds(20)));
        Assert.Equal(0, store.Stats.PointsRejected);
        var link = Assert.Single(await store.Reader.GetLinkHealthAsync("nan"));
        Assert.True(double.IsNaN(link.BatteryPct) && double.IsNaN(link.RssiDbm));
        Assert.Equal((2L, 100L), (link.PacketsLost, link.PacketsReceived));
        Assert.True(double.IsNaN(Assert.Single(await store.Reader.GetRepsAsync("nan")).Rep.BottomPauseS));
    }

    [Fact]
    public async Task Wide_windows_read_per_second_aggregates_with_the_same_buckets_as_sqlite()
    {
        string db = await NewDatabaseAsync(_server);
        await using var influx = await SpineStore.OpenAsync(Target(_server, db), Options(Path.Combine(_dir, "i")));
        await using var sqlite = await SpineStore.OpenAsync(StoreTarget.Sqlite(Path.Combine(_dir, "w.db")), Options(Path.Combine(_dir, "s")));
        const int n = 60_000; // 20 minutes at 50 Hz
        double Flex(int i) => i == 31_337 ? 95.5 : 40 * Math.Sin(i * 0.002);
        foreach (var store in new[] { influx, sqlite })
        {
            var w = await store.StartSessionAsync(new SessionStart("Wide", T0, SessionId: "wide"));
            var t = new double[500];
            var a = new SpineAngles[500];
            for (int i = 0; i < n; i += 500)
            {
                for (int k = 0; k < 500; k++) { t[k] = (i + k) * 0.02; a[k] = new SpineAngles(Flex(i + k), -Flex(i + k) / 2, 0.25); }
                w.WriteAngles(t, a);
            }
            await w.EndAsync(T0.AddSeconds(n * 0.02));
            Assert.True(await store.DrainAsync(TimeSpan.FromSeconds(30)));
        }
        Assert.Equal(1200, await CountIn(db, "angles_1s", "n"));
        foreach (var (from, to) in new (double?, double?)[] { (null, null), (100.5, 900.25) })
        {
            var si = await influx.Reader.GetSeriesAsync("wide", SeriesKind.Angles, from, to, 100);
            var ss = await sqlite.Reader.GetSeriesAsync("wide", SeriesKind.Angles, from, to, 100);
            Assert.True(si.Downsampled);
            Assert.InRange(si.TimeS.Length, 2, 100);
            Assert.Equal(ss.TimeS, si.TimeS);
            Assert.Equal(ss.Count, si.Count);
            // Whole-second buckets, as wide as the store cut them (13 s for 1200 s in 100), not the asked-for 12 s.
            Assert.Equal(ss.BucketS, si.BucketS);
            Assert.Equal(si.TimeS[1] - si.TimeS[0], si.BucketS, 6);
            Assert.Equal(Math.Round(si.BucketS), si.BucketS);
            for (int ch = 0; ch < 3; ch++)
                for (int b = 0; b < si.TimeS.Length; b++)
                {
                    Assert.Equal(ss.Min[ch][b], si.Min[ch][b], 3);
                    Assert.Equal(ss.Max[ch][b], si.Max[ch][b], 3);
                }
        }
        Assert.Equal(95.5, (await influx.Reader.GetSeriesAsync("wide", SeriesKind.Angles, null, null, 100)).Max[0].Max());
    }

    [Fact]
    public async Task Writing_a_session_twice_changes_nothing()
    {
        string db = await NewDatabaseAsync(_server);
        for (int pass = 0; pass < 2; pass++)
        {
            await using var store = await SpineStore.OpenAsync(Target(_server, db), Options(Path.Combine(_dir, "p" + pass)));
            var w = await WriteFullSessionAsync(store, "Bo", "twice", T0, 1000);
            await w.EndAsync(T0.AddSeconds(10));
            Assert.True(await store.DrainAsync(TimeSpan.FromSeconds(20)));
        }
        Assert.Equal(1000, await CountIn(db, "imu", "acc_x_g"));
        Assert.Equal(1000, await CountIn(db, "angles", "flexion_deg"));
        Assert.Equal(2, await CountIn(db, "reps", "rep"));
        Assert.Equal(2, await CountIn(db, "alerts", "value"));
        Assert.Equal(1, await CountIn(db, "sessions", "session_id"));
    }

    [Theory]
    [InlineData("Eve' OR 'a")]                    // valid characters, tries to close the literal
    [InlineData("Eve'")]
    [InlineData("Bob''")]
    public async Task Injection_through_a_valid_athlete_name_reads_nothing_of_anyone_else(string attack)
    {
        string db = await NewDatabaseAsync(_server);
        await using var store = await SpineStore.OpenAsync(Target(_server, db), Options(_dir));
        foreach (var (athlete, id) in new[] { ("Bob", "bob-1"), ("Eve", "eve-1") })
            await (await WriteFullSessionAsync(store, athlete, id, T0, 200)).EndAsync(T0.AddSeconds(10));
        Assert.True(await store.DrainAsync(TimeSpan.FromSeconds(20)));
        Assert.Equal(2, (await store.Reader.ListSessionsAsync()).Count); // the data is there ...
        Assert.Empty(await store.Reader.ListSessionsAsync(attack));      // ... and the attack sees none of it
        Assert.Empty(await store.Reader.GetWeeklyTrendsAsync(attack, T0.AddDays(-1), T0.AddDays(1)));
    }

    [Theory]
    [InlineData("Bob' OR athlete =~ /.*/ --")]
    [InlineData("Bob\\' OR 1=1")]
    [InlineData("Bob\nSELECT * FROM imu")]
    [InlineData("Bob\"; DROP DATABASE x")]
    public async Task Injection_attempts_with_query_syntax_are_refused_before_any_query(string attack)
    {
        string db = await NewDatabaseAsync(_server);
        await using var store = await SpineStore.OpenAsync(Target(_server, db), Options(_dir));
        var e = await Assert.ThrowsAsync<StorageException>(() => store.Reader.ListSessionsAsync(attack));
        Assert.Equal(StorageErrorCode.InvalidInput, e.Code);
        e = await Assert.ThrowsAsync<StorageException>(() => store.Reader.GetRepsAsync(attack));
        Assert.Equal(StorageErrorCode.InvalidInput, e.Code);
        e = await Assert.ThrowsAsync<StorageException>(() => store.Reader.GetSeriesAsync("ok-id", SeriesKind.Raw, double.NaN, 1, 10));
        Assert.Equal(StorageErrorCode.InvalidInput, e.Code);
    }

    [Fact]
    public async Task Escaped_literal_cannot_widen_a_query_even_with_backslashes()
    {
        string db = await NewDatabaseAsync(_server);
        await _server.WriteAsync("sessions,athlete=Bob session_id=\"b\" 1000000\nsessions,athlete=Eve session_id=\"e\" 2000000\n", db);
        using var client = new InfluxHttpClient(Target(_server, db), TimeSpan.FromSeconds(5), false, TimestampPrecision.Microseconds);
        foreach (string attack in new[] { "Bob' OR athlete = 'Eve", "Bob\\' OR athlete = \\'Eve", "x' OR '1'='1", "\\" })
        {
            var r = await client.QueryAsync($"SELECT * FROM sessions WHERE athlete = {InfluxQl.StringLiteral(attack)}", CancellationToken.None);
            Assert.Empty(r.Series);
        }
        var bob = await client.QueryAsync($"SELECT * FROM sessions WHERE athlete = {InfluxQl.StringLiteral("Bob")}", CancellationToken.None);
        Assert.Equal("b", Assert.Single(bob.Series).GetString(0, "session_id"));
    }

    [Fact]
    public async Task Trends_group_reps_by_week_and_exercise()
    {
        string db = await NewDatabaseAsync(_server);
        await using var store = await SpineStore.OpenAsync(Target(_server, db), Options(_dir));
        for (int week = 0; week < 3; week++)
            await (await WriteFullSessionAsync(store, "Cy", "cy-" + week, T0.AddDays(7 * week), 100)).EndAsync(T0.AddDays(7 * week).AddSeconds(40));
        Assert.True(await store.DrainAsync(TimeSpan.FromSeconds(20)));
        var trends = await store.Reader.GetWeeklyTrendsAsync("Cy", T0.AddDays(-1), T0.AddDays(30));
        Assert.Equal(3, trends.Count(t => t.Exercise == "goblet-squat"));
        Assert.Equal(trends, await store.Reader.GetWeeklyTrendsAsync("Cy", DateTimeOffset.MinValue, DateTimeOffset.MaxValue));
        var first = trends.First(t => t.Exercise == "goblet-squat");
        Assert.Equal(new DateOnly(2026, 11, 2), first.WeekStartUtc); // a Monday
        Assert.Equal((1, 1, 2, 62.5, 60.25, 1), (first.Sessions, first.Sets, first.Reps, first.PeakFlexionDeg, first.TypicalFlexionDeg, first.Alerts));
    }

    private async Task<long> CountIn(string db, string measurement, string field)
    {
        var json = await _server.QueryAsync($"SELECT count(\"{field}\") FROM \"{measurement}\"", db);
        var r = InfluxQueryResult.Parse(json);
        return r.Series.Count == 0 ? 0 : r.Series[0].GetLong(0, "count") ?? 0;
    }
}
