using System.Text.RegularExpressions;

namespace SpineSense.Cli.Tests;

public sealed class SessionCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("spinesense-session-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string RdlPlan()
    {
        string path = Path.Combine(_dir, "rdl.json");
        File.WriteAllText(path, """{ "name": "rdl", "steps": [ { "exercise": "romanian-deadlift", "sets": 2, "reps": 6, "restS": 40 } ] }""");
        return path;
    }

    [Fact]
    public async Task Ble_on_a_machine_without_bluetooth_ends_with_the_clear_message_and_exit_3()
    {
        var (code, output, err) = await DemoCommandTests.Run("session", "--sensor", "ble:C0:11:22:33:44:55", "--athlete", "ada", "--store", "none");
        Assert.Equal(3, code);
        Assert.Contains("--sensor sim", err);
        Assert.DoesNotContain("   at ", err + output); // no stack trace
        Assert.DoesNotContain("exercise", output);       // one clear message: no session progress before the link is up
    }

    /// <summary>Standard output on a full disk, wrapped as the process's own console wraps it.</summary>
    private sealed class FullDisk : TextWriter
    {
        public override System.Text.Encoding Encoding => System.Text.Encoding.UTF8;
        public override void Write(char value) => throw new IOException("No space left on device");
    }

    [Fact]
    public async Task Stdout_on_a_full_disk_stops_the_session_with_one_message_and_exit_3_instead_of_hanging()
    {
        // `spinesense session ... > log.txt` on a full disk never ended: the first event line threw inside the event
        // pipeline, which then neither completed the session nor reported why.
        var stderr = new StringWriter();
        var console = new CliConsole(new SpineSense.Cli.Output.StandardOutputWriter(new FullDisk()), stderr, IsInteractive: false);
        var run = CommandRunner.RunAsync(["session", "--sensor", "sim", "--athlete", "ada", "--plan", RdlPlan(), "--speed", "300",
            "--store", "none"], console, CancellationToken.None);

        int code = await run.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(CliException.Unavailable, code);
        Assert.Equal("spinesense session: cannot write to standard output: No space left on device", stderr.ToString().TrimEnd());
    }

    [Fact]
    public async Task A_simulated_session_follows_a_plan_file_and_prints_one_line_per_rep_and_set()
    {
        var (code, output, err) = await DemoCommandTests.Run("session", "--sensor", "sim", "--athlete", "ada", "--plan", RdlPlan(),
            "--speed", "300", "--store", "none");
        Assert.True(code == 0, err + output);
        var sets = Regex.Matches(output, @"^\d\d:\d\d set   romanian-deadlift set (\d)/2: (\d+)/6 reps", RegexOptions.Multiline);
        Assert.Equal(2, sets.Count);
        Assert.All(sets, m => Assert.InRange(int.Parse(m.Groups[2].Value), 5, 7));
        Assert.InRange(Regex.Matches(output, @"^\d\d:\d\d rep   romanian-deadlift", RegexOptions.Multiline).Count, 10, 14);
        Assert.Contains("completed (plan finished)", output);
        // The session ends with the link closed: no signal figure for a link that is no longer up.
        Assert.Matches(new Regex(@"^\d\d:\d\d link  closed, .*, signal \?\r?$", RegexOptions.Multiline), output);
    }

    [Fact]
    public async Task A_recorded_packet_log_replays_into_the_same_reps()
    {
        string log = Path.Combine(_dir, "packets.log"), csv = Path.Combine(_dir, "rec.csv");
        var (rc, rout, rerr) = await DemoCommandTests.Run("record", "--sensor", "sim", "--plan", RdlPlan(), "--speed", "300",
            "--out", csv, "--log", log);
        Assert.True(rc == 0, rerr + rout);
        var (code, output, err) = await DemoCommandTests.Run("session", "--sensor", "replay:" + log, "--athlete", "ada", "--plan", RdlPlan(),
            "--speed", "300", "--store", "none");
        Assert.True(code == 0, err + output);
        var sets = Regex.Matches(output, @"^\d\d:\d\d set   romanian-deadlift set \d/2: (\d+)/6 reps", RegexOptions.Multiline);
        Assert.Equal(2, sets.Count);
    }

    [Fact]
    public async Task A_replay_file_that_is_no_packet_log_is_bad_input_naming_file_and_line()
    {
        string bad = Path.Combine(_dir, "rec.csv");
        File.WriteAllText(bad, "time_s,acc_x_g\n0,1\n");
        var (code, _, err) = await DemoCommandTests.Run("session", "--sensor", "replay:" + bad, "--athlete", "ada", "--store", "none");
        Assert.Equal(2, code);
        Assert.StartsWith($"spinesense session: {bad}:1: ", err);
    }

    [Fact]
    public async Task A_replay_log_malformed_half_way_is_bad_input_on_stderr_naming_file_and_line_after_the_summary()
    {
        // It ended in exit 3 (as if the sensor had gone away) with "Error: FILE:LINE: ..." on stdout.
        string log = Path.Combine(_dir, "packets.log"), csv = Path.Combine(_dir, "rec.csv");
        var (rc, rout, rerr) = await DemoCommandTests.Run("record", "--sensor", "sim", "--plan", RdlPlan(), "--speed", "300",
            "--out", csv, "--log", log, "--duration", "20");
        Assert.True(rc == 0, rerr + rout);
        var lines = File.ReadAllLines(log);
        int bad = Array.FindIndex(lines, 100, l => l.Contains(",imu,", StringComparison.Ordinal));
        var cols = lines[bad].Split(',');
        lines[bad] = $"{cols[0]},imu,{cols[2]},zz";
        File.WriteAllLines(log, lines);

        var (code, output, err) = await DemoCommandTests.Run("session", "--sensor", "replay:" + log, "--athlete", "ada", "--plan", RdlPlan(),
            "--speed", "300", "--store", "sqlite:" + Path.Combine(_dir, "s.db"));

        Assert.Equal(2, code);
        Assert.StartsWith($"spinesense session: {log}:{bad + 1}: ", err);
        Assert.Single(err.Trim().Split('\n'));
        Assert.DoesNotContain("Error:", output);
        Assert.Contains("Session summary: plan rdl, not completed (failed)", output);
        Assert.Contains("Stored as session ", output); // what was replayed before the bad line is kept
    }

    [Theory]
    [InlineData(new[] { "session", "--athlete", "ada" }, "--sensor")]
    [InlineData(new[] { "session", "--sensor", "sim" }, "--athlete")]
    [InlineData(new[] { "session", "--sensor", "usb:1", "--athlete", "ada" }, "--sensor must be")]
    [InlineData(new[] { "session", "--sensor", "replay:/no/such/file.log", "--athlete", "ada" }, "no such file")]
    [InlineData(new[] { "session", "--sensor", "ble:not-an-address", "--athlete", "ada" }, "ble:not-an-address")]
    public async Task Bad_options_exit_2_with_a_message_naming_them(string[] args, string expected)
    {
        var (code, _, err) = await DemoCommandTests.Run(args);
        Assert.Equal(2, code);
        Assert.Contains(expected, err);
    }

    [Fact]
    public void The_plain_link_line_shows_the_signal_in_dbm_or_a_question_mark_when_unknown()
    {
        var health = new SpineSense.Streaming.Live.LiveLinkHealth("connected", 1200, 3, 2, 0, 0, 0, 0, 0, 87, RssiDbm: -61);
        string line = Live.SessionText.Link(new SpineSense.Streaming.Live.LinkHealthChanged(65, health));
        Assert.Equal("01:05 link  connected, 1200 packets, 0.2 % lost, 2 recovered, signal -61 dBm", line);
        Assert.EndsWith(", signal ?", Live.SessionText.Link(new SpineSense.Streaming.Live.LinkHealthChanged(65, health with { RssiDbm = null })));
    }
}
