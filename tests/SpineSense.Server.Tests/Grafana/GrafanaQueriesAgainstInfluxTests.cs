using System.Net.Http.Json;
using System.Text.Json;
using SpineSense.Server.Tests.Support;
using SpineSense.Storage;
using SpineSense.Storage.Targets;
using SpineSense.TestSupport;

namespace SpineSense.Server.Tests.Grafana;

/// <summary>
/// Grafana cannot be installed here, so its part is played by this test: every panel and variable query of
/// every dashboard, with the variables filled in as Grafana would, runs against a real InfluxDB holding a
/// simulated session (the virtual athlete through the live pipeline, as `spinesense demo` stores it). Each must parse and return data, and no more points than
/// the panel can draw. The same store then serves the web dashboard (the InfluxDB back end).
/// </summary>
public class GrafanaQueriesAgainstInfluxTests(InfluxServerFixture influx) : IClassFixture<InfluxServerFixture>
{
    // InfluxDB finds a session's series by athlete + time range, so each test writes its own athlete.
    private async Task<(ISessionStore Store, SyntheticSessions.Written Session, string Dir)> StoreSessionAsync(string athlete)
    {
        string dir = Path.Combine(Path.GetTempPath(), "spinesense-grafana-" + Guid.NewGuid().ToString("n"));
        Directory.CreateDirectory(dir);
        var store = await SpineStore.OpenAsync(StoreTarget.Parse(influx.Server.StoreTarget), new StoreOptions
        {
            ConfigDbPath = Path.Combine(dir, "config.db"),
            OutboxDirectory = Path.Combine(dir, "outbox"),
        });
        var session = await SyntheticSessions.WriteAsync(store, athlete, DateTimeOffset.UtcNow.AddMinutes(-30), reps: 8, limitDeg: 60);
        return (store, session, dir);
    }

    [Fact]
    public async Task Every_dashboard_query_parses_and_returns_data_within_its_point_budget()
    {
        string dir = Path.Combine(Path.GetTempPath(), "spinesense-grafana-" + Guid.NewGuid().ToString("n"));
        var plans = SimulatedSessions.SquatPlan(Path.Combine(dir, "plans"), reps: 10);
        await using var store = await SpineStore.OpenAsync(StoreTarget.Parse(influx.Server.StoreTarget), new StoreOptions
        {
            ConfigDbPath = Path.Combine(dir, "config.db"),
            OutboxDirectory = Path.Combine(dir, "outbox"),
        });
        // A limit the squats cross, so the alert panels have data.
        await store.Config.UpsertAthleteAsync("Sam", null, "squats");
        await store.Config.SetLimitsAsync(new SpineSense.Storage.Model.AthleteLimits("Sam", null, MaxFlexionDeg: 20));
        string sessionId = await SimulatedSessions.RunAsync(store, plans, "Sam", "squats");
        var info = (await store.Reader.GetSessionAsync(sessionId))!;
        var summary = await store.Reader.GetSessionSummaryAsync(sessionId);
        Assert.True(summary.Reps >= 8 && summary.Alerts >= 1, $"{summary.Reps} reps, {summary.Alerts} alerts");
        // The live pipeline used the athlete's stored limit, not the exercise default.
        Assert.All((await store.Reader.GetAlertsAsync(sessionId)).Where(a => a.Alert.Kind == SpineSense.Motion.Results.AlertKind.Flexion),
            a => Assert.Equal(20, a.Alert.Limit, 6));
        // The stored end is the last sample's session time; the window also covers the last rep plus its settling.
        double lastRepS = (await store.Reader.GetRepsAsync(sessionId)).Max(r => r.Rep.EndS);
        var s = (SessionId: sessionId, DurationS: Math.Max(summary.DurationS, lastRepS + 10));
        int checkedQueries = 0;
        foreach (var d in GrafanaDashboardFile.All())
        {
            // Live: the last 5 minutes around the session; review: the session; trends: 90 days.
            (DateTimeOffset from, DateTimeOffset to) = d.Name switch
            {
                // "now" + 1 h: a session simulated at 50x stamps its samples up to a minute ahead of the wall clock.
                "spinesense-trends.json" => (DateTimeOffset.UtcNow.AddDays(-90), DateTimeOffset.UtcNow.AddHours(1)),
                _ => (info.StartUtc.AddSeconds(-5), info.StartUtc.AddSeconds(s.DurationS + 5)),
            };
            foreach (var (name, query) in d.VariableQueries)
            {
                string q = GrafanaDashboardFile.Fill(query, "Sam", null, from, to, TimeSpan.FromSeconds(1));
                var rows = await influx.Server.RowsAsync(q);
                Assert.True(rows.Count > 0, $"{d.Name} variable {name}: no values for `{q}`");
                if (name == "session") Assert.Contains(rows, r => r.Any(c => c.ValueKind == JsonValueKind.String && c.GetString() == s.SessionId));
                if (name == "athlete") Assert.Contains(rows, r => r.Any(c => c.ValueKind == JsonValueKind.String && c.GetString() == "Sam"));
                checkedQueries++;
            }
            foreach (var p in d.PanelQueries)
            {
                var interval = GrafanaDashboardFile.Interval(to - from, p.MaxDataPoints, p.MinInterval);
                string q = GrafanaDashboardFile.Fill(p.Query, "Sam", s.SessionId, from, to, interval);
                using var doc = JsonDocument.Parse(await influx.Server.QueryAsync(q));
                var result = doc.RootElement.GetProperty("results")[0];
                Assert.False(result.TryGetProperty("error", out var err), $"{d.Name} / {p.Panel}: {err} in `{q}`");
                Assert.True(result.TryGetProperty("series", out var series), $"{d.Name} / {p.Panel} / {p.RefId}: no data for `{q}`");
                foreach (var one in series.EnumerateArray())
                {
                    int points = one.GetProperty("values").GetArrayLength();
                    Assert.True(points > 0, $"{d.Name} / {p.Panel}: empty series");
                    // +1: a window not aligned to the interval touches one more bucket.
                    Assert.True(points <= p.MaxDataPoints + 1, $"{d.Name} / {p.Panel}: {points} points for a {p.MaxDataPoints}-point panel");
                }
                checkedQueries++;
            }
        }
        Assert.True(checkedQueries >= 25, $"only {checkedQueries} queries found");
        // The one-hour angle panel over a day: GROUP BY time($__interval) keeps it at the panel's budget.
        var review = GrafanaDashboardFile.All().Single(d => d.Name == "spinesense-session-review.json");
        var angles = review.PanelQueries.First(p => p.Query.Contains("FROM \"angles\""));
        var day = GrafanaDashboardFile.Interval(TimeSpan.FromDays(1), angles.MaxDataPoints, null);
        Assert.True(TimeSpan.FromDays(1) / day <= angles.MaxDataPoints);
        try { Directory.Delete(dir, true); } catch (IOException) { }
    }

    [Fact]
    public async Task The_web_dashboard_reviews_a_session_stored_in_influxdb()
    {
        var (store, s, dir) = await StoreSessionAsync("Robin");
        await using var h = await DashboardHarness.StartAsync(signIn: false, store: store);
        using var client = h.Client();
        var detail = await client.GetFromJsonAsync<JsonElement>($"api/sessions/{s.SessionId}");
        Assert.Equal(s.Reps.Count, detail.GetProperty("reps").GetArrayLength());
        Assert.Equal(s.Alerts.Count, detail.GetProperty("alerts").GetArrayLength());
        var series = await client.GetFromJsonAsync<JsonElement>($"api/sessions/{s.SessionId}/series?width=400");
        var max = series.GetProperty("flexionMaxDeg").EnumerateArray().Max(e => e.GetDouble());
        Assert.Equal(SyntheticSessions.PeakOf(7), max, 0.5);
        Assert.InRange(series.GetProperty("timeS").GetArrayLength(), 50, 400);
        string csv = await client.GetStringAsync($"api/sessions/{s.SessionId}/angles.csv");
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("time_s,flexion_deg,lateral_deg,rotation_deg", lines[0]);
        Assert.Equal((int)(s.DurationS * SyntheticSessions.RateHz), lines.Length - 1);
        try { Directory.Delete(dir, true); } catch (IOException) { }
    }
}
