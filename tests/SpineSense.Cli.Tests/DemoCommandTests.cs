using System.Text.RegularExpressions;
using SpineSense.Cli;
using SpineSense.Storage;
using SpineSense.Streaming.Plans;

namespace SpineSense.Cli.Tests;

public sealed class DemoCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("spinesense-demo-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    internal static async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        int code = await CommandRunner.RunAsync(args, new CliConsole(o, e, IsInteractive: false), CancellationToken.None)
            .WaitAsync(TimeSpan.FromMinutes(3));
        return (code, o.ToString(), e.ToString());
    }

    [Fact]
    public async Task Demo_runs_the_beginner_routine_to_the_end_stores_it_and_prints_a_plausible_summary()
    {
        string db = Path.Combine(_dir, "demo.db");
        var (code, output, err) = await Run("demo", "--speed", "1000", "--store", "sqlite:" + db, "--athlete", "ada");
        Assert.True(code == 0, err + output);
        Assert.Contains("Session summary: plan beginner, completed", output);

        // One line per rep, set and exercise while it runs (stdout is not a terminal).
        var plan = PlanCatalog.Beginner;
        Assert.Equal(plan.Steps.Count, Regex.Matches(output, @"^\d\d:\d\d exercise ", RegexOptions.Multiline).Count);
        var setLines = Regex.Matches(output, @"^\d\d:\d\d set   (\S+) set (\d+)/(\d+): (\d+)/(\d+) reps", RegexOptions.Multiline);
        Assert.True(setLines.Count >= 17, $"only {setLines.Count} rep sets reported");
        int close = 0;
        foreach (Match m in setLines)
        {
            int counted = int.Parse(m.Groups[4].Value), target = int.Parse(m.Groups[5].Value);
            var step = plan.Steps.Single(s => s.ExerciseId == m.Groups[1].Value);
            Assert.Equal(step.RepsPerSet, target);
            Assert.InRange(counted, 1, target + 6);
            if (Math.Abs(counted - target) <= 2) close++;
        }
        Assert.True(close >= setLines.Count * 3 / 4, $"{close} of {setLines.Count} sets within 2 reps of the plan");

        // Stored in the SQLite store with its reps and sets.
        await using var store = await SpineStore.OpenAsync("sqlite:" + db);
        var session = Assert.Single(await store.Reader.ListSessionsAsync("ada"));
        Assert.Equal("beginner", session.Plan);
        Assert.NotNull(session.EndUtc);
        var reps = await store.Reader.GetRepsAsync(session.SessionId);
        var sets = await store.Reader.GetSetsAsync(session.SessionId);
        Assert.InRange(reps.Count, 150, 260); // the plan has 214 reps
        Assert.InRange(sets.Count, 20, 26);   // and 23 sets
        Assert.Contains(reps, r => r.Exercise == "romanian-deadlift");
        // Per-sample angles: the first RDL set, read raw (a window narrow enough for one bucket per sample).
        var rdl = sets.First(s => s.Exercise == "romanian-deadlift").Set;
        var angles = await store.Reader.GetSeriesAsync(session.SessionId, Storage.Model.SeriesKind.Angles, rdl.StartS, rdl.StartS + 5, 2000);
        Assert.InRange(angles.TimeS.Length, 900, 1001); // 5 s at 200 Hz
        Assert.InRange(angles.Max[0].Max(), 35, 100);    // hinging
        // Link health is kept on SQLite too, with the signal strength the simulated link reports (unknown, stored as
        // NaN/NULL, only where the link was not connected — the Storage tests cover that path).
        var health = await store.Reader.GetLinkHealthAsync(session.SessionId);
        Assert.NotEmpty(health);
        var measured = health.Where(h => !double.IsNaN(h.RssiDbm)).ToList();
        Assert.True(measured.Count >= health.Count * 9 / 10, $"{measured.Count} of {health.Count} rows have a signal");
        Assert.All(measured, h => Assert.InRange(h.RssiDbm, -95.0, -45.0));
        Assert.True(health[^1].PacketsReceived > 0, "packet counters are stored");
    }

    [Fact]
    public async Task Demo_with_an_unknown_plan_exits_2_and_lists_the_built_in_plans()
    {
        var (code, _, err) = await Run("demo", "--plan", "olympic", "--store", "none");
        Assert.Equal(2, code);
        Assert.Contains("unknown plan 'olympic'", err);
        Assert.Contains("beginner", err);
    }

    [Fact]
    public async Task Demo_with_a_malformed_store_target_exits_2_before_simulating()
    {
        var (code, _, err) = await Run("demo", "--store", "postgres://x", "--speed", "1000");
        Assert.Equal(2, code);
        Assert.Contains("store target", err);
    }

    [Fact]
    public async Task Demo_with_an_invalid_athlete_name_exits_2_before_simulating()
    {
        var (code, output, err) = await Run("demo", "--athlete", "bad/name", "--store", "none", "--speed", "1000");
        Assert.Equal(2, code);
        Assert.Contains("athlete name 'bad/name' is not valid", err);
        Assert.DoesNotContain("simulating", output);
    }

    [Fact]
    public async Task Demo_rejects_a_speed_out_of_range()
    {
        var (code, _, err) = await Run("demo", "--speed", "5000");
        Assert.Equal(2, code);
        Assert.Contains("--speed", err);
    }
}
