using SpineSense.Motion.Results;
using SpineSense.Motion.Samples;
using SpineSense.Storage;
using SpineSense.Storage.Model;
using SpineSense.Storage.Targets;
using SpineSense.TestSupport;

namespace SpineSense.Cli.Tests;

/// <summary><c>spinesense export</c> from a real SQLite file into a real influxd.</summary>
public sealed class ExportCommandTests : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 3, 17, 30, 0, TimeSpan.Zero);
    private readonly string _dir = Directory.CreateTempSubdirectory("spinesense-export-").FullName;
    private InfluxServer _server = null!;
    private string Db => Path.Combine(_dir, "store.db");

    public async Task InitializeAsync()
    {
        _server = await InfluxServer.StartAsync("clinic");
        await using var store = await SpineStore.OpenAsync(StoreTarget.Sqlite(Db));
        foreach (var (athlete, id, n) in new[] { ("Ann", "ann-1", 1200), ("Ann", "ann-2", 800), ("Bob", "bob-1", 500) })
        {
            var w = await store.StartSessionAsync(new SessionStart(athlete, T0.AddHours(id.Length + n / 100), "beginner", SessionId: id));
            var samples = Enumerable.Range(0, n).Select(i => new ImuSample(i * 0.01, 0.001 * i, 1, 0, 0.5, 0, -0.5)).ToArray();
            w.WriteSamples(samples);
            for (int i = 0; i < n; i++) w.WriteAngles(i * 0.01, new SpineAngles(i * 0.01, 0, 0));
            w.WriteRep("goblet-squat", new RepResult(1, 1, 1, 3, 1, 0.2, 0.8, 0, 55, AlertKind.None));
            w.WriteSet("goblet-squat", new SetResult(1, 1, 3, 1));
            w.WriteAlert("goblet-squat", new AlertEvent(2, AlertKind.Flexion, 70, 65));
            await w.EndAsync(T0.AddHours(id.Length + n / 100).AddSeconds(n * 0.01));
        }
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    private static async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        int code = await CommandRunner.RunAsync(args, new CliConsole(o, e, false), CancellationToken.None);
        return (code, o.ToString(), e.ToString());
    }

    [Fact]
    public async Task Exports_every_session_and_a_second_run_changes_nothing()
    {
        string[] args = ["export", "--store", "sqlite:" + Db, "--to", _server.StoreTarget, "--outbox", Path.Combine(_dir, "outbox")];
        var first = await Run(args);
        Assert.True(first.Code == 0, first.Err);
        Assert.Contains("exported 3 session(s)", first.Out);
        Assert.Equal(2500, await _server.CountAsync("imu", "acc_x_g"));
        Assert.Equal(2500, await _server.CountAsync("angles", "flexion_deg"));
        Assert.Equal(3, await _server.CountAsync("reps", "rep"));
        Assert.Equal(3, await _server.CountAsync("sessions", "session_id"));
        string before = await _server.QueryAsync("SELECT * FROM /.*/");

        var second = await Run(args);
        Assert.Equal(0, second.Code);
        Assert.Equal(before, await _server.QueryAsync("SELECT * FROM /.*/"));
    }

    [Fact]
    public async Task Exports_only_the_athlete_or_session_asked_for()
    {
        var r = await Run("export", "--store", "sqlite:" + Db, "--to", _server.StoreTarget, "--athlete", "Bob", "--outbox", Path.Combine(_dir, "o1"));
        Assert.Equal(0, r.Code);
        Assert.Equal(500, await _server.CountAsync("imu", "acc_x_g"));
        r = await Run("export", "--store", "sqlite:" + Db, "--to", _server.StoreTarget, "--session", "ann-2", "--outbox", Path.Combine(_dir, "o2"));
        Assert.Equal(0, r.Code);
        Assert.Equal(1300, await _server.CountAsync("imu", "acc_x_g"));
        var rows = await _server.RowsAsync("SELECT \"session_id\" FROM \"sessions\"");
        Assert.Equal(new[] { "ann-2", "bob-1" }, rows.Select(x => x[1].GetString()).Order());
    }

    [Fact]
    public async Task An_athlete_the_store_does_not_know_is_exit_2_naming_those_it_does_not_an_export_of_nothing()
    {
        // `export --athlete bob` (for Bob) answered "exported 0 session(s)" with exit 0.
        var r = await Run("export", "--store", "sqlite:" + Db, "--to", _server.StoreTarget, "--athlete", "bob", "--outbox", Path.Combine(_dir, "o5"));
        Assert.Equal(2, r.Code);
        Assert.Contains("no athlete 'bob'", r.Err);
        Assert.Contains("athletes with sessions: Ann, Bob", r.Err);
        Assert.Single(r.Err.Trim().Split('\n'));
        Assert.Equal(0, await _server.CountAsync("imu", "acc_x_g"));
    }

    [Theory]
    [InlineData("mysql://x:1/db")]
    [InlineData("sqlite:/tmp/other.db")]
    public async Task Bad_destination_is_exit_2_with_one_message(string to)
    {
        var r = await Run("export", "--store", "sqlite:" + Db, "--to", to);
        Assert.Equal(2, r.Code);
        Assert.Single(r.Err.Trim().Split('\n'));
    }

    [Fact]
    public async Task Unreachable_or_missing_database_is_exit_3_with_one_clear_message()
    {
        var r = await Run("export", "--store", "sqlite:" + Db, "--to", $"influx1://127.0.0.1:{InfluxServer.FreePort()}/clinic", "--outbox", Path.Combine(_dir, "o3"));
        Assert.Equal(3, r.Code);
        Assert.Contains("unreachable", r.Err);
        r = await Run("export", "--store", "sqlite:" + Db, "--to", $"influx1://127.0.0.1:{_server.HttpPort}/nodb", "--outbox", Path.Combine(_dir, "o4"));
        Assert.Equal(3, r.Code);
        Assert.Contains("no database 'nodb'", r.Err);
        Assert.Single(r.Err.Trim().Split('\n'));
    }
}
