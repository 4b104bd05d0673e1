using System.Net;
using SpineSense.Server.Assets;
using SpineSense.Server.Data;
using SpineSense.Storage;
using SpineSense.Storage.Targets;

namespace SpineSense.Server.Tests.Api;

public class PageEndpointsTests
{
    [Fact]
    public async Task Without_the_npm_build_pages_say_how_to_build_them_and_the_api_still_answers()
    {
        string dir = Path.Combine(Path.GetTempPath(), "spinesense-noassets-" + Guid.NewGuid().ToString("n"));
        Directory.CreateDirectory(dir);
        await using var store = await SpineStore.OpenAsync(StoreTarget.Sqlite(Path.Combine(dir, "s.db")));
        // An assembly with no embedded wwwroot: what a build without `npm run build` produces.
        var none = EmbeddedAssets.Load(typeof(object).Assembly);
        Assert.False(none.Present);
        await using var server = await DashboardServer.StartAsync(new DashboardServerOptions
        {
            Urls = "http://127.0.0.1:0", Store = new StoreDashboardData(store), Assets = none,
        });
        using var client = new HttpClient { BaseAddress = new Uri(server.Urls[0] + "/") };
        var page = await client.GetAsync("review?session=x");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
        Assert.Contains("npm ci && npm run build", await page.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("api/me")).StatusCode);
    }

    [Fact]
    public void The_npm_build_is_embedded_with_uplot_bundled_into_every_charting_page()
    {
        var assets = EmbeddedAssets.Load();
        Assert.True(assets.Present, EmbeddedAssets.MissingMessage);
        foreach (string page in new[] { "live", "review", "report", "trends" })
        {
            Assert.True(assets.TryGet($"assets/{page}.page.js", out var js), page);
            // uPlot's own class names end up in the bundle: the chart library, not hand-written drawing.
            Assert.Contains("uplot", System.Text.Encoding.UTF8.GetString(js.Bytes));
        }
        Assert.True(assets.TryGet("assets/uPlot.min.css", out _));
    }
}
