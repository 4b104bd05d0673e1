using SpineSense.Storage.Influx;
using SpineSense.TestSupport;
using static SpineSense.Storage.Tests.Influx.InfluxTestKit;

namespace SpineSense.Storage.Tests.Influx;

/// <summary>The documented retention policies and continuous queries are valid on a real influxd and compute what they claim.</summary>
[Collection("influx")]
public sealed class InfluxSetupTests(InfluxServerFixture fixture) : IDisposable
{
    private readonly InfluxServer _server = fixture.Server;
    private readonly string _dir = Directory.CreateTempSubdirectory("spinesense-setup-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Retention_policies_and_continuous_queries_are_accepted_by_the_server()
    {
        string db = await NewDatabaseAsync(_server);
        foreach (string s in InfluxSetup.Statements(db, rawDays: 90)) await _server.PostQueryAsync(s);
        string cqs = await _server.QueryAsync("SHOW CONTINUOUS QUERIES", db);
        Assert.Contains("cq_angles_1m", cqs);
        Assert.Contains("cq_reps", cqs);
        Assert.Contains("RESAMPLE EVERY 10m FOR 2d", cqs);
        string rps = await _server.QueryAsync($"SHOW RETENTION POLICIES ON \"{db}\"", db);
        Assert.Contains("\"2160h0m0s\"", rps); // 90 days
        Assert.Contains("\"longterm\"", rps);
    }

    [Fact]
    public async Task The_downsampling_selects_keep_per_minute_extremes_and_copy_events_exactly()
    {
        string db = await NewDatabaseAsync(_server);
        foreach (string s in InfluxSetup.Statements(db)) await _server.PostQueryAsync(s);
        await using (var store = await SpineStore.OpenAsync(Target(_server, db), Options(_dir)))
        {
            var w = await WriteFullSessionAsync(store, "Ann", "lt-1", T0, 24_000); // 2 minutes at 200 Hz
            await w.EndAsync(T0.AddSeconds(120));
            Assert.True(await store.DrainAsync(TimeSpan.FromSeconds(20)));
        }
        // Run each CQ's SELECT … INTO by hand over the session (the CQ itself only looks at the last minute of now()).
        foreach (var (_, select) in InfluxSetup.DownsampleSelects(db))
        {
            string bounded = select.Replace(" GROUP BY", $" WHERE time >= '{T0:yyyy-MM-ddTHH:mm:ssZ}' AND time < '{T0.AddMinutes(3):yyyy-MM-ddTHH:mm:ssZ}' GROUP BY");
            string answer = await _server.QueryAsync(bounded, db);
            Assert.True(!answer.Contains("\"error\""), bounded + " -> " + answer);
        }
        string json = await _server.QueryAsync("SELECT \"flexion_max\", \"flexion_min\" FROM \"longterm\".\"angles_1m\"", db);
        var r = InfluxQueryResult.Parse(json);
        var s1 = Assert.Single(r.Series);
        Assert.Equal(2, s1.Values.Length);
        double max = Math.Max(s1.GetDouble(0, "flexion_max"), s1.GetDouble(1, "flexion_max"));
        Assert.Equal(30 * Math.Sin(12_000 * 0.01) + 50, max, 3); // the spike survives downsampling
        var reps = InfluxQueryResult.Parse(await _server.QueryAsync("SELECT * FROM \"longterm\".\"reps\"", db));
        Assert.True(reps.Series.Count == 1, await _server.QueryAsync("SELECT * FROM \"longterm\".\"reps\"", db));
        Assert.Equal(2, reps.Series.Single().Values.Length);
        Assert.Equal(62.5, reps.Series[0].GetDouble(0, "peak_flexion_deg"));
        Assert.Equal("goblet-squat", reps.Series[0].GetString(0, "exercise")); // still a tag column
    }
}
