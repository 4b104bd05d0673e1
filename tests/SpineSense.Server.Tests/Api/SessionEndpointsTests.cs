using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SpineSense.Server.Data;
using SpineSense.Server.Tests.Support;

namespace SpineSense.Server.Tests.Api;

/// <summary>Review API over HTTP on the embedded store: corrections, exports, downsampled series.</summary>
public class SessionEndpointsTests
{
    [Fact]
    public async Task A_physio_corrects_a_set_and_a_rep_and_the_originals_stay_stored()
    {
        await using var h = await DashboardHarness.StartAsync();
        var s = await SyntheticSessions.WriteAsync(h.Store, "Sam", DateTimeOffset.UtcNow.AddHours(-1), reps: 6);
        using var lee = await h.SignedInAsync("lee");
        var res = await lee.PostAsJsonAsync($"api/sessions/{s.SessionId}/corrections",
            new { exercise = SyntheticSessions.Exercise, set = 1, kind = "removeRep", rep = 2, note = "stood up to re-grip" });
        Assert.Equal(HttpStatusCode.OK, res.StatusCode);
        var detail = await res.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(5, detail.GetProperty("sets")[0].GetProperty("correctedReps").GetInt32());
        Assert.Equal(6, detail.GetProperty("sets")[0].GetProperty("reps").GetInt32());
        Assert.True(detail.GetProperty("reps")[1].GetProperty("removed").GetBoolean());

        res = await lee.PostAsJsonAsync($"api/sessions/{s.SessionId}/corrections", new { exercise = SyntheticSessions.Exercise, set = 1, kind = "setRepCount", value = 7 });
        detail = await res.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(7, detail.GetProperty("sets")[0].GetProperty("correctedReps").GetInt32());
        Assert.Equal(2, detail.GetProperty("corrections").GetArrayLength());
        Assert.Equal("lee", detail.GetProperty("corrections")[0].GetProperty("by").GetString());

        // The store keeps the original reps and set untouched, with both corrections beside them.
        Assert.Equal(6, (await h.Store.Reader.GetRepsAsync(s.SessionId)).Count);
        Assert.Equal(6, (await h.Store.Reader.GetSetsAsync(s.SessionId))[0].Set.Reps);
        Assert.Equal(2, (await h.Store.Config.GetCorrectionsAsync(s.SessionId)).Count);

        // Nonsense is refused, and an athlete cannot correct their own session.
        Assert.Equal(HttpStatusCode.BadRequest, (await lee.PostAsJsonAsync($"api/sessions/{s.SessionId}/corrections", new { exercise = SyntheticSessions.Exercise, set = 9, kind = "setRepCount", value = 3 })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await lee.PostAsJsonAsync($"api/sessions/{s.SessionId}/corrections", new { exercise = SyntheticSessions.Exercise, set = 1, kind = "removeRep", rep = 99 })).StatusCode);
        using var sam = await h.SignedInAsync("sam");
        Assert.Equal(HttpStatusCode.Forbidden, (await sam.PostAsJsonAsync($"api/sessions/{s.SessionId}/corrections", new { exercise = SyntheticSessions.Exercise, set = 1, kind = "setRepCount", value = 3 })).StatusCode);
    }

    [Fact]
    public async Task Set_targets_come_from_a_plan_file_whose_own_name_differs_from_its_file_name()
    {
        // A session stores the plan's "name" ("rdl-only"); the library offered the file as "hinge-day", so the review
        // and the report showed no target ("–") for every set of it.
        string dir = Directory.CreateTempSubdirectory("spinesense-plans-").FullName;
        File.WriteAllText(Path.Combine(dir, "hinge-day.json"),
            $$"""{ "name": "rdl-only", "steps": [ { "exercise": "{{SyntheticSessions.Exercise}}", "sets": 1, "reps": 8 } ] }""");
        try
        {
            await using var h = await DashboardHarness.StartAsync(signIn: false, plans: new PlanLibrary(dir));
            var s = await SyntheticSessions.WriteAsync(h.Store, "Sam", DateTimeOffset.UtcNow.AddHours(-1), reps: 6, plan: "rdl-only");
            using var client = h.Client();
            var detail = await client.GetFromJsonAsync<JsonElement>($"api/sessions/{s.SessionId}");
            Assert.Equal(8, detail.GetProperty("sets")[0].GetProperty("targetReps").GetInt32());
            Assert.Contains("hinge-day", await client.GetStringAsync("api/plans")); // still offered under its file name
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [Fact]
    public async Task Exports_every_rep_every_angle_row_and_every_raw_row_as_csv()
    {
        await using var h = await DashboardHarness.StartAsync(signIn: false);
        var s = await SyntheticSessions.WriteAsync(h.Store, "Sam", DateTimeOffset.UtcNow.AddHours(-1), reps: 4, tailS: 80);
        using var client = h.Client();
        var reps = (await client.GetStringAsync($"api/sessions/{s.SessionId}/reps.csv")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("exercise,set,rep,start_s,end_s,eccentric_s,bottom_pause_s,concentric_s,top_pause_s,peak_flexion_deg,flags,removed_in_review", reps[0]);
        Assert.Equal(5, reps.Length);
        Assert.Equal(SyntheticSessions.PeakOf(3), double.Parse(reps[4].Split(',')[9], CultureInfo.InvariantCulture), 3);

        // 101 s at 200 Hz: more than one 60-s export window, so window joins are covered (no row twice, none missing).
        int rows = (int)(s.DurationS * SyntheticSessions.RateHz);
        var angles = (await client.GetStringAsync($"api/sessions/{s.SessionId}/angles.csv")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("time_s,flexion_deg,lateral_deg,rotation_deg", angles[0]);
        Assert.Equal(rows, angles.Length - 1);
        var times = angles.Skip(1).Select(l => double.Parse(l.Split(',')[0], CultureInfo.InvariantCulture)).ToList();
        Assert.All(times.Zip(times.Skip(1)), p => Assert.Equal(1 / SyntheticSessions.RateHz, p.Second - p.First, 6));
        var at = angles[1 + 1300].Split(',');    // 6.5 s: the first rep's peak
        Assert.Equal(SyntheticSessions.FlexionAt(6.5, 4), double.Parse(at[1], CultureInfo.InvariantCulture), 0.01);

        // The raw export is a contract recording (section 2), so `spinesense analyze` takes the download as it is: without
        // its header line analyze refused it ("missing header").
        string rawText = await client.GetStringAsync($"api/sessions/{s.SessionId}/raw.csv");
        var raw = rawText.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith('#')).ToArray();
        Assert.StartsWith("# spinesense-recording: 1\n", rawText);
        Assert.Contains($"# athlete: Sam\n", rawText);
        Assert.Equal("time_s,acc_x_g,acc_y_g,acc_z_g,gyr_x_dps,gyr_y_dps,gyr_z_dps", raw[0]);
        Assert.Equal(rows, raw.Length - 1);
        Assert.Equal(0.99, double.Parse(raw[10].Split(',')[2], CultureInfo.InvariantCulture), 4);
        var recording = SpineSense.Recording.RecordingReader.Parse(rawText, "raw.csv");
        Assert.Equal(rows, recording.Samples.Length);
        Assert.Equal(0.99, recording.Samples[9].AccYG, 4);
    }

    [Fact]
    public async Task Review_and_sessions_list_give_the_stored_duration_when_the_last_set_ends_just_before_it()
    {
        // The last set ends 2 s before the stored end: the review (and the printed report) said 5 s past the set, 3 s
        // longer than the sessions list and the CLI's session summary.
        await using var h = await DashboardHarness.StartAsync(signIn: false);
        var s = await SyntheticSessions.WriteAsync(h.Store, "Sam", DateTimeOffset.UtcNow.AddHours(-1), reps: 6, tailS: 2);
        using var client = h.Client();
        var detail = await client.GetFromJsonAsync<JsonElement>($"api/sessions/{s.SessionId}");
        var listed = await client.GetFromJsonAsync<JsonElement>("api/athletes/Sam/sessions");
        Assert.Equal(s.DurationS, detail.GetProperty("info").GetProperty("durationS").GetDouble(), 0.01);
        Assert.Equal(s.DurationS, Assert.Single(listed.EnumerateArray()).GetProperty("durationS").GetDouble(), 0.01);
    }

    [Fact]
    public async Task Series_never_returns_more_buckets_than_asked_and_keeps_every_peak()
    {
        await using var h = await DashboardHarness.StartAsync(signIn: false);
        var s = await SyntheticSessions.WriteAsync(h.Store, "Sam", DateTimeOffset.UtcNow.AddHours(-1), reps: 6, tailS: 300);
        using var client = h.Client();
        foreach (int width in new[] { 37, 200, 1000 })
        {
            var b = await client.GetFromJsonAsync<JsonElement>($"api/sessions/{s.SessionId}/series?width={width}");
            var max = b.GetProperty("flexionMaxDeg").EnumerateArray().Select(e => e.GetDouble()).ToList();
            Assert.InRange(max.Count, 1, width);
            // Min/max buckets: the deepest rep's peak survives any reduction.
            Assert.Equal(SyntheticSessions.PeakOf(5), max.Max(), 0.2);
        }
        // Asking for more columns than any screen has is capped.
        var huge = await client.GetFromJsonAsync<JsonElement>($"api/sessions/{s.SessionId}/series?width=1000000");
        Assert.InRange(huge.GetProperty("timeS").GetArrayLength(), 1, 4000);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync($"api/sessions/{s.SessionId}/series?from=20&to=10")).StatusCode);
    }

    [Fact]
    public async Task A_simulated_session_stored_in_sqlite_is_reviewed_as_the_store_has_it()
    {
        string dir = Path.Combine(Path.GetTempPath(), "spinesense-simsqlite-" + Guid.NewGuid().ToString("n"));
        var plans = SimulatedSessions.SquatPlan(dir, reps: 6);
        await using var h = await DashboardHarness.StartAsync(signIn: false, plans: plans);
        string id = await SimulatedSessions.RunAsync(h.Store, plans, "Sam", "squats");
        using var client = h.Client();
        var detail = await client.GetFromJsonAsync<JsonElement>($"api/sessions/{id}");
        var stored = await h.Store.Reader.GetRepsAsync(id);
        Assert.InRange(stored.Count, 5, 7);
        Assert.Equal(stored.Count, detail.GetProperty("reps").GetArrayLength());
        Assert.Equal(stored.Max(r => r.Rep.PeakFlexionDeg), detail.GetProperty("reps").EnumerateArray().Max(r => r.GetProperty("peakFlexionDeg").GetDouble()), 6);
        Assert.Equal("squats", detail.GetProperty("info").GetProperty("plan").GetString());
        Assert.Equal(6, detail.GetProperty("sets")[0].GetProperty("targetReps").GetInt32());
        var series = await client.GetFromJsonAsync<JsonElement>($"api/sessions/{id}/series?width=300");
        Assert.True(series.GetProperty("flexionMaxDeg").EnumerateArray().Max(e => e.GetDouble()) >= stored.Max(r => r.Rep.PeakFlexionDeg) - 0.5);
        try { Directory.Delete(dir, true); } catch (IOException) { }
    }
}
