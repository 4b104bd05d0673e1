namespace SpineSense.Server.Tests.Grafana;

/// <summary>What makes the dashboards importable and safe to draw, checked without Grafana.</summary>
public class GrafanaDashboardShapeTests
{
    /// <summary>Beyond this a panel stalls the browser (Grafana users report trouble at a few hundred thousand).</summary>
    private const int MaxPointsPerQuery = 5000;

    [Fact]
    public void There_are_live_review_and_trend_dashboards_with_datasource_and_athlete_variables()
    {
        var all = GrafanaDashboardFile.All();
        Assert.Equal(["spinesense-live.json", "spinesense-session-review.json", "spinesense-trends.json"], all.Select(d => d.Name));
        foreach (var d in all)
        {
            Assert.Contains(d.Variables, v => (string?)v["type"] == "datasource" && (string?)v["query"] == "influxdb" && (string?)v["name"] == "datasource");
            Assert.Contains(d.VariableQueries, v => v.Name == "athlete");
            Assert.False(string.IsNullOrEmpty((string?)d.Json["uid"]));
            foreach (var p in d.Json["panels"]!.AsArray())
            {
                Assert.Equal("${datasource}", (string?)p!["datasource"]!["uid"]);
                foreach (var t in p["targets"]!.AsArray())
                {
                    Assert.Equal("${datasource}", (string?)t!["datasource"]!["uid"]);
                    Assert.True((bool)t["rawQuery"]!, $"{d.Name} / {p["title"]}: raw InfluxQL");
                }
            }
        }
        Assert.Contains(all.Single(d => d.Name == "spinesense-session-review.json").VariableQueries, v => v.Name == "session");
    }

    [Fact]
    public void No_panel_query_can_ask_for_more_points_than_it_can_draw()
    {
        foreach (var d in GrafanaDashboardFile.All())
            foreach (var q in d.PanelQueries)
            {
                string where = $"{d.Name} / {q.Panel} / {q.RefId}";
                Assert.Contains("$timeFilter", q.Query);
                Assert.Contains("\"athlete\" =~ /^$athlete$/", q.Query);
                var limit = GrafanaDashboardFile.Limit().Match(q.Query);
                if (GrafanaDashboardFile.GroupByInterval().IsMatch(q.Query))
                {
                    // One point per $__interval: with maxDataPoints set, the count is bounded by it (per series).
                    Assert.InRange(q.MaxDataPoints, 10, MaxPointsPerQuery);
                }
                else if (limit.Success)
                    Assert.InRange(int.Parse(limit.Groups[1].Value), 1, MaxPointsPerQuery);
                else
                    // Otherwise it must be a bare aggregate (one row), e.g. SELECT count(...) with no GROUP BY.
                    Assert.True(GrafanaDashboardFile.AggregateOnly().IsMatch(q.Query) && !q.Query.Contains("GROUP BY", StringComparison.OrdinalIgnoreCase), $"{where}: unbounded query");
                Assert.False(q.Query.Contains("SELECT *", StringComparison.OrdinalIgnoreCase), $"{where}: SELECT * is unbounded in columns");
            }
    }

    [Fact]
    public void The_interval_grafana_would_use_keeps_a_week_of_200_hz_angles_under_the_panel_budget()
    {
        var interval = GrafanaDashboardFile.Interval(TimeSpan.FromDays(7), 1200, null);
        double points = TimeSpan.FromDays(7) / interval;
        Assert.InRange(points, 1, 1200);
        Assert.Equal(TimeSpan.FromDays(7), GrafanaDashboardFile.Interval(TimeSpan.FromDays(90), 200, TimeSpan.FromDays(7)));
    }
}
