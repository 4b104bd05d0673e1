using System.Text.Json;
using SpineSense.Cli;
using SpineSense.Cli.Commands;
using SpineSense.Recording;

namespace SpineSense.Cli.Tests;

public sealed class SimulateCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("spinesense-sim-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        int code = await CommandRunner.RunAsync(args, new CliConsole(o, e, false), CancellationToken.None);
        return (code, o.ToString(), e.ToString());
    }

    [Fact]
    public async Task Stdout_on_a_full_disk_is_one_message_and_exit_3_not_a_stack_trace()
    {
        // `spinesense simulate ... > summary.txt` on a full disk (here /dev/full, which fails every write with ENOSPC)
        // ended in "Unhandled exception" and exit 134, as did demo and record; README: the disk failing exits 3.
        string rec = Path.Combine(_dir, "rec.csv");
        var start = new System.Diagnostics.ProcessStartInfo("/bin/sh") { RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("exec dotnet \"$0\" simulate --exercise cat-cow --sets 1 --reps 2 --out \"$1\" > /dev/full");
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "spinesense.dll"));
        start.ArgumentList.Add(rec);
        using var process = System.Diagnostics.Process.Start(start)!;
        string stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(120));

        Assert.Equal(CliException.Unavailable, process.ExitCode);
        Assert.Equal("spinesense simulate: cannot write to standard output: No space left on device", stderr.TrimEnd());
        Assert.True(RecordingReader.Read(rec).Samples.Length > 0); // the files were written before the summary line
    }

    [Fact]
    public async Task Writes_a_readable_recording_and_a_truth_json_shaped_like_analyze()
    {
        string rec = Path.Combine(_dir, "rec.csv"), truth = Path.Combine(_dir, "truth.json"), angles = Path.Combine(_dir, "angles.csv");
        var (code, stdout, stderr) = await Run("simulate", "--exercise", "goblet-squat", "--sets", "2", "--reps", "3", "--rest-s", "25",
            "--rate", "104", "--seed", "7", "--loss", "3", "--out", rec, "--truth", truth, "--angles", angles);
        Assert.Equal(0, code);
        Assert.Equal("", stderr);
        Assert.Contains("2 sets, 6 reps", stdout);

        // Contract section 2, literally: the version line first, "# key: value" comments, then the exact column header.
        var lines = File.ReadAllLines(rec);
        Assert.Equal("# spinesense-recording: 1", lines[0]);
        int header = Array.FindIndex(lines, l => !l.StartsWith('#'));
        Assert.All(lines[1..header], l => Assert.Matches(@"^# [A-Za-z0-9_]+: \S", l));
        Assert.Equal("time_s,acc_x_g,acc_y_g,acc_z_g,gyr_x_dps,gyr_y_dps,gyr_z_dps", lines[header]);
        Assert.All(lines[(header + 1)..], l => Assert.Equal(7, l.Split(',').Length));

        var recording = RecordingReader.Read(rec);
        Assert.Equal("104", recording.Metadata["rate_hz"]);
        Assert.Equal("7", recording.Metadata["seed"]);
        Assert.InRange(recording.EstimateRateHz(), 103, 105);

        using var json = JsonDocument.Parse(File.ReadAllText(truth));
        var root = json.RootElement;
        Assert.Equal("goblet-squat", root.GetProperty("exercise").GetString());
        Assert.Equal(104, root.GetProperty("sample_rate_hz").GetDouble());
        Assert.Equal(recording.LastTimeS, root.GetProperty("duration_s").GetDouble(), 0.001);
        Assert.Equal(2, root.GetProperty("sets").GetArrayLength());
        var rep = root.GetProperty("reps")[0];
        foreach (var field in new[] { "set", "rep", "start_s", "end_s", "eccentric_s", "bottom_pause_s", "concentric_s", "top_pause_s", "peak_flexion_deg", "flags" })
            Assert.True(rep.TryGetProperty(field, out _), field);
        Assert.Equal(JsonValueKind.Array, root.GetProperty("holds").ValueKind);
        Assert.Equal(JsonValueKind.Array, root.GetProperty("alerts").ValueKind);
        Assert.Equal(60, root.GetProperty("limits").GetProperty("max_flexion_deg").GetDouble());

        var angleLines = File.ReadAllLines(angles);
        Assert.Equal("time_s,flexion_deg,lateral_deg,rotation_deg", angleLines[0]);
        Assert.Equal(recording.Samples.Length + 1, angleLines.Length);
    }

    [Fact]
    public async Task Same_options_write_the_same_bytes()
    {
        string a = Path.Combine(_dir, "a.csv"), b = Path.Combine(_dir, "b.csv");
        Assert.Equal(0, (await Run("simulate", "--exercise", "clamshell", "--sets", "1", "--reps", "4", "--seed", "3", "--out", a)).Code);
        Assert.Equal(0, (await Run("simulate", "--exercise", "clamshell", "--sets", "1", "--reps", "4", "--seed", "3", "--out", b)).Code);
        Assert.Equal(File.ReadAllBytes(a), File.ReadAllBytes(b));
    }

    [Theory]
    [InlineData("unknown exercise 'sit-up'", "--exercise", "sit-up", "--out", "x.csv")]
    [InlineData("exactly one of", "--out", "x.csv")]
    [InlineData("exactly one of", "--exercise", "cat-cow", "--routine", "beginner", "--out", "x.csv")]
    [InlineData("unknown routine", "--routine", "advanced", "--out", "x.csv")]
    [InlineData("missing required option --out", "--exercise", "cat-cow")]
    [InlineData("--rate must be one of", "--exercise", "cat-cow", "--rate", "50", "--out", "x.csv")]
    [InlineData("--noise must be", "--exercise", "cat-cow", "--noise", "loud", "--out", "x.csv")]
    [InlineData("--hazard must be", "--exercise", "cat-cow", "--hazard", "fire", "--out", "x.csv")]
    [InlineData("--mounting must be", "--exercise", "cat-cow", "--mounting", "40,0", "--out", "x.csv")]
    [InlineData("--loss must be between", "--exercise", "cat-cow", "--loss", "80", "--out", "x.csv")]
    [InlineData("unknown option --sides", "--exercise", "cat-cow", "--sides", "2", "--out", "x.csv")]
    public async Task Bad_options_exit_2_with_one_clear_message(string expected, params string[] options)
    {
        var (code, stdout, stderr) = await Run(["simulate", .. options]);
        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Contains(expected, stderr);
        Assert.Single(stderr.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public async Task Unwritable_output_exits_2_naming_the_file()
    {
        string bad = Path.Combine(_dir, "no-such-dir", "rec.csv");
        var (code, _, stderr) = await Run("simulate", "--exercise", "cat-cow", "--sets", "1", "--reps", "2", "--out", bad);
        Assert.Equal(2, code);
        Assert.Contains($"cannot write {bad}: directory not found", stderr);
    }

    [Fact]
    public async Task A_full_disk_part_way_leaves_the_older_recording_and_truth_as_they_were_and_exits_3()
    {
        // The recording is written whole, then the truth fails part-way: neither replaces the older pair (a new
        // recording beside an old truth would pass for a matching pair), and no temporary file is left behind.
        string rec = Path.Combine(_dir, "rec.csv"), truth = Path.Combine(_dir, "truth.json");
        File.WriteAllText(rec, "older recording\n");
        File.WriteAllText(truth, "older truth\n");
        var command = new SimulateCommand(path => path.Contains("truth", StringComparison.Ordinal)
            ? new DiskFullAfter(path, FileMode.Create, bytes: 200)
            : new FileStream(path, FileMode.Create, FileAccess.Write));

        var e = await Assert.ThrowsAsync<CliException>(() => command.RunAsync(
            ["--exercise", "goblet-squat", "--sets", "1", "--reps", "3", "--out", rec, "--truth", truth],
            new CliConsole(new StringWriter(), new StringWriter(), false), CancellationToken.None));

        Assert.Equal(CliException.Unavailable, e.ExitCode);
        Assert.Equal($"cannot write {truth}: No space left on device", e.Message);
        Assert.Equal("older recording\n", File.ReadAllText(rec));
        Assert.Equal("older truth\n", File.ReadAllText(truth));
        Assert.Equal(["rec.csv", "truth.json"], Directory.GetFiles(_dir).Select(Path.GetFileName).Order());
    }

    [Fact]
    public async Task Permission_refused_when_the_recording_replaces_the_old_file_exits_2_as_in_analyze()
    {
        string rec = Path.Combine(_dir, "rec.csv");
        File.WriteAllText(rec, "older recording\n");
        var command = new SimulateCommand(path => new RefusedAtCommit(path));

        var e = await Assert.ThrowsAsync<CliException>(() => command.RunAsync(
            ["--exercise", "goblet-squat", "--sets", "1", "--reps", "3", "--out", rec],
            new CliConsole(new StringWriter(), new StringWriter(), false), CancellationToken.None));

        Assert.Equal(CliException.BadInput, e.ExitCode);
        Assert.Equal($"cannot write {rec}: permission denied", e.Message);
        Assert.Equal("older recording\n", File.ReadAllText(rec));
    }
}
