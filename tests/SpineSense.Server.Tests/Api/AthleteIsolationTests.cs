using System.Net;
using System.Net.Http.Json;
using SpineSense.Server.Data;
using SpineSense.Server.Live;
using SpineSense.Server.Tests.Support;

namespace SpineSense.Server.Tests.Api;

/// <summary>
/// One athlete must not read (or change) another's data through any endpoint. The table below names every
/// route the server has; a test fails if a route is added without being listed here.
/// </summary>
public class AthleteIsolationTests
{
    /// <summary>A live session for the access checks; it produces nothing (the feed is what is guarded).</summary>
    private sealed class QuietSession(string athlete) : ILiveSession
    {
        public string AthleteId => athlete;
        public string Plan => "beginner";
        public IObservable<LiveEvent> Events { get; } = new Never();
        public void Start() { }
        public void Stop() { }
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        private sealed class Never : IObservable<LiveEvent>
        {
            public IDisposable Subscribe(IObserver<LiveEvent> observer) => new Nothing();
            private sealed class Nothing : IDisposable { public void Dispose() { } }
        }
    }

    private enum Expect { Refused, FilteredList, Public }

    /// <summary>
    /// Every route, instantiated against Kim's data (SESSION = Kim's session, ATHLETE = Kim, LIVE = Kim's live feed).
    /// Refused: 401/403/404 without Kim's data. FilteredList: 200 without Kim. Public: no athlete data at all.
    /// </summary>
    private static readonly (string Route, string Method, string Path, object? Body, Expect Expect)[] Table =
    [
        ("POST /api/login", "POST", "api/login", new { name = "sam", password = DashboardHarness.Password }, Expect.Public),
        ("POST /api/logout", "POST", "api/logout", null, Expect.Public),
        ("GET /api/me", "GET", "api/me", null, Expect.FilteredList),
        ("GET /api/plans", "GET", "api/plans", null, Expect.Public),
        ("GET /api/athletes", "GET", "api/athletes", null, Expect.FilteredList),
        ("POST /api/athletes", "POST", "api/athletes", new { id = "Kim" }, Expect.Refused),
        ("GET /api/athletes/{id}", "GET", "api/athletes/ATHLETE", null, Expect.Refused),
        ("PUT /api/athletes/{id}/limits", "PUT", "api/athletes/ATHLETE/limits", new { maxFlexionDeg = 30 }, Expect.Refused),
        ("PUT /api/athletes/{id}/plan", "PUT", "api/athletes/ATHLETE/plan", new { plan = "beginner" }, Expect.Refused),
        ("GET /api/athletes/{id}/sessions", "GET", "api/athletes/ATHLETE/sessions", null, Expect.Refused),
        ("GET /api/athletes/{id}/trends", "GET", "api/athletes/ATHLETE/trends", null, Expect.Refused),
        ("GET /api/overview", "GET", "api/overview", null, Expect.FilteredList),
        ("GET /api/sessions/{id}", "GET", "api/sessions/SESSION", null, Expect.Refused),
        ("GET /api/sessions/{id}/series", "GET", "api/sessions/SESSION/series?from=0&to=10&width=100", null, Expect.Refused),
        ("POST /api/sessions/{id}/corrections", "POST", "api/sessions/SESSION/corrections", new { exercise = "goblet-squat", set = 1, kind = "setRepCount", value = 1 }, Expect.Refused),
        ("GET /api/sessions/{id}/reps.csv", "GET", "api/sessions/SESSION/reps.csv", null, Expect.Refused),
        ("GET /api/sessions/{id}/angles.csv", "GET", "api/sessions/SESSION/angles.csv", null, Expect.Refused),
        ("GET /api/sessions/{id}/raw.csv", "GET", "api/sessions/SESSION/raw.csv", null, Expect.Refused),
        ("GET /api/live", "GET", "api/live", null, Expect.FilteredList),
        ("POST /api/live", "POST", "api/live", new { athleteId = "Kim", plan = "beginner", speed = 10 }, Expect.Refused),
        ("POST /api/live/{id}/stop", "POST", "api/live/LIVE/stop", null, Expect.Refused),
        ("GET /api/live/{id}/events", "GET", "api/live/LIVE/events", null, Expect.Refused),
        ("GET /login", "GET", "login", null, Expect.Public),
        ("GET /", "GET", "", null, Expect.Public),
        ("GET /live", "GET", "live?live=LIVE", null, Expect.Public),
        ("GET /review", "GET", "review?session=SESSION", null, Expect.Public),
        ("GET /report", "GET", "report?session=SESSION", null, Expect.Public),
        ("GET /trends", "GET", "trends?athlete=ATHLETE", null, Expect.Public),
        ("GET /athletes", "GET", "athletes", null, Expect.Public),
        ("GET /assets/{**path}", "GET", "assets/app.css", null, Expect.Public),
    ];

    [Fact]
    public async Task No_endpoint_lets_one_athlete_read_or_change_another_athletes_data()
    {
        await using var h = await DashboardHarness.StartAsync();
        var kim = await SyntheticSessions.WriteAsync(h.Store, "Kim", DateTimeOffset.UtcNow.AddHours(-2));
        var sam = await SyntheticSessions.WriteAsync(h.Store, "Sam", DateTimeOffset.UtcNow.AddHours(-1));
        var kimLive = h.Server.Live.Attach(new QuietSession("Kim"));

        var routes = h.Server.Routes;
        var listed = Table.Select(t => t.Route).ToHashSet();
        // Every route is in the table, and the table names no stale route.
        Assert.Equal(listed.Order(StringComparer.Ordinal), routes.Order(StringComparer.Ordinal));

        using var samClient = await h.SignedInAsync("sam");
        foreach (var (route, method, template, body, expect) in Table)
        {
            string path = template.Replace("SESSION", kim.SessionId).Replace("ATHLETE", "Kim").Replace("LIVE", kimLive.Id);
            using var req = new HttpRequestMessage(new HttpMethod(method), path);
            if (body is not null) req.Content = JsonContent.Create(body);
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60)); // a hang guard only: a loaded machine is slow
            using var res = await samClient.SendAsync(req, HttpCompletionOption.ResponseHeadersRead, cts.Token);
            string text = await ReadSomeAsync(res);
            Assert.DoesNotContain(kim.SessionId, text);
            Assert.DoesNotContain("\"Kim\"", text);
            Assert.DoesNotContain("\"ana\"", text);
            if (expect == Expect.Refused)
                Assert.True(res.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden, $"{route} as sam on Kim's data: {(int)res.StatusCode} {text}");
            else if (expect == Expect.FilteredList)
                Assert.True(res.StatusCode == HttpStatusCode.OK, $"{route}: {(int)res.StatusCode}");
            // Sign back in after the sign-out row so the rest of the table runs as sam.
            if (route == "POST /api/logout")
                (await samClient.PostAsJsonAsync("api/login", new { name = "sam", password = DashboardHarness.Password })).EnsureSuccessStatusCode();
        }
        var again = samClient;

        // Kim's data is untouched by all those attempts, and Sam can read his own (so refusals were not blanket).
        var kimDetail = await new StoreDashboardData(h.Store).GetSessionAsync(kim.SessionId, default);
        Assert.Empty(kimDetail!.Corrections);
        Assert.Null((await new StoreDashboardData(h.Store).GetAthleteAsync("Kim", default))!.Limits.MaxFlexionDeg);
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync($"api/sessions/{sam.SessionId}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("api/athletes/Sam/sessions")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync($"api/sessions/{sam.SessionId}/angles.csv")).StatusCode);
    }

    [Fact]
    public async Task A_physio_cannot_reach_another_physios_athlete_and_nobody_reads_anything_signed_out()
    {
        await using var h = await DashboardHarness.StartAsync();
        var kim = await SyntheticSessions.WriteAsync(h.Store, "Kim", DateTimeOffset.UtcNow.AddHours(-2), reps: 3);
        using var lee = await h.SignedInAsync("lee");
        Assert.Equal(HttpStatusCode.NotFound, (await lee.GetAsync($"api/sessions/{kim.SessionId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await lee.GetAsync("api/athletes/Kim/trends")).StatusCode);
        Assert.DoesNotContain("Kim", await lee.GetStringAsync("api/overview"));
        Assert.Contains("Sam", await lee.GetStringAsync("api/athletes"));

        using var ana = await h.SignedInAsync("ana");
        Assert.Equal(HttpStatusCode.OK, (await ana.GetAsync($"api/sessions/{kim.SessionId}")).StatusCode);

        using var anonymous = h.Client();
        foreach (var (route, method, template, body, _) in Table.Where(t => t.Route.Contains("/api/") && t.Route != "POST /api/login" && t.Route != "POST /api/logout"))
        {
            string path = template.Replace("SESSION", kim.SessionId).Replace("ATHLETE", "Kim").Replace("LIVE", "live-1");
            using var req = new HttpRequestMessage(new HttpMethod(method), path);
            if (body is not null) req.Content = JsonContent.Create(body);
            using var res = await anonymous.SendAsync(req);
            Assert.True(res.StatusCode == HttpStatusCode.Unauthorized, $"{route} signed out: {(int)res.StatusCode}");
        }
        // Pages send a signed-out visitor to the sign-in page.
        var page = await anonymous.GetAsync($"review?session={kim.SessionId}");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/login", page.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_physio_takes_on_an_athlete_recorded_before_anyone_added_them_but_never_another_physios()
    {
        // `spinesense session --athlete Ben` (or a demo) stores Ben without a physio: with sign-in on, no physio saw
        // his sessions, and adding "Ben" on the athletes page answered 409 "exists".
        await using var h = await DashboardHarness.StartAsync();
        await h.Store.Config.UpsertAthleteAsync("Ben", null, "beginner");
        var ben = await SyntheticSessions.WriteAsync(h.Store, "Ben", DateTimeOffset.UtcNow.AddHours(-2), reps: 3);
        using var lee = await h.SignedInAsync("lee");
        Assert.Equal(HttpStatusCode.NotFound, (await lee.GetAsync($"api/sessions/{ben.SessionId}")).StatusCode);

        var added = await lee.PostAsJsonAsync("api/athletes", new { id = "Ben" });

        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        var info = await added.Content.ReadFromJsonAsync<AthleteInfo>();
        Assert.Equal(("Ben", "lee", "beginner"), (info!.Id, info.Physio, info.Plan));
        Assert.Equal(HttpStatusCode.OK, (await lee.GetAsync($"api/sessions/{ben.SessionId}")).StatusCode);
        Assert.Contains("Ben", await lee.GetStringAsync("api/overview"));

        // Ben is lee's now, and Kim was always ana's: another physio adding either is refused and changes nothing.
        using var ana = await h.SignedInAsync("ana");
        Assert.Equal(HttpStatusCode.Conflict, (await ana.PostAsJsonAsync("api/athletes", new { id = "Ben" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await lee.PostAsJsonAsync("api/athletes", new { id = "Kim" })).StatusCode);
        Assert.Equal("lee", (await h.Store.Config.GetAthleteAsync("Ben"))!.Physio);
        Assert.Equal("ana", (await h.Store.Config.GetAthleteAsync("Kim"))!.Physio);
        Assert.Equal(HttpStatusCode.NotFound, (await ana.GetAsync($"api/sessions/{ben.SessionId}")).StatusCode);
    }

    [Fact]
    public async Task Passwords_never_reach_the_logs_and_a_wrong_password_is_refused()
    {
        await using var h = await DashboardHarness.StartAsync();
        using var client = h.Client();
        var bad = await client.PostAsJsonAsync("api/login", new { name = "sam", password = "Wrong-Guess-987" });
        Assert.Equal(HttpStatusCode.Unauthorized, bad.StatusCode);
        using var good = await h.SignedInAsync("sam");
        Assert.Equal(HttpStatusCode.OK, (await good.GetAsync("api/me")).StatusCode);
        Assert.NotEmpty(h.Logs.Lines);   // logging was on, at Trace
        Assert.DoesNotContain(h.Logs.Lines, l => l.Contains(DashboardHarness.Password) || l.Contains("Wrong-Guess-987") || l.Contains("pbkdf2"));
    }

    private static async Task<string> ReadSomeAsync(HttpResponseMessage res)
    {
        // Event streams never end by themselves: read what arrives in a moment, then stop.
        if (res.Content.Headers.ContentType?.MediaType == "text/event-stream")
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
            var stream = await res.Content.ReadAsStreamAsync();
            var buffer = new byte[16384];
            try { int n = await stream.ReadAsync(buffer, cts.Token); return System.Text.Encoding.UTF8.GetString(buffer, 0, n); }
            catch (OperationCanceledException) { return ""; }
        }
        return await res.Content.ReadAsStringAsync();
    }
}
