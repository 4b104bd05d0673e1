using System.Globalization;
using System.Text.Json;
using SpineSense.Cli.Commands;
using static SpineSense.Cli.Tests.AnalyzeTestData;

namespace SpineSense.Cli.Tests;

public class AnalyzeCommandTests
{
    [Fact]
    public async Task Json_output_is_one_object_with_the_contract_fields_and_six_reps()
    {
        string file = WriteTemp(Hinges(reps: 6));
        var (code, stdout, stderr) = await RunAsync("analyze", file, "--exercise", "romanian-deadlift", "--json");
        Assert.True(code == 0, stderr);
        using var doc = JsonDocument.Parse(stdout); // throws if there is more than one object
        var root = doc.RootElement;
        Assert.Equal("romanian-deadlift", root.GetProperty("exercise").GetString());
        Assert.Equal(100, root.GetProperty("sample_rate_hz").GetDouble(), 0.5);
        Assert.True(root.GetProperty("duration_s").GetDouble() > 20);
        var sets = root.GetProperty("sets");
        Assert.Equal(1, sets.GetArrayLength());
        Assert.Equal(6, sets[0].GetProperty("reps").GetInt32());
        var reps = root.GetProperty("reps");
        Assert.Equal(6, reps.GetArrayLength());
        foreach (string field in new[] { "set", "rep", "start_s", "end_s", "eccentric_s", "bottom_pause_s", "concentric_s", "top_pause_s", "peak_flexion_deg", "flags" })
            Assert.True(reps[0].TryGetProperty(field, out _), $"rep lacks {field}");
        // Min-jerk 1.2 s down: the 10%-of-peak-speed phase lasts 1.2 · (1 − 2 · 0.0865) = 0.992 s.
        Assert.Equal(0.992, reps[0].GetProperty("eccentric_s").GetDouble(), 0.05);
        Assert.Equal(60, reps[0].GetProperty("peak_flexion_deg").GetDouble(), 1.0);
        Assert.Equal(JsonValueKind.Array, root.GetProperty("holds").ValueKind);
        Assert.Equal(0, root.GetProperty("alerts").GetArrayLength()); // 60° is inside the RDL's default 85°
    }

    [Fact]
    public async Task A_calibration_window_that_takes_in_the_first_rep_is_warned_about_with_the_quiet_part_to_use()
    {
        string file = WriteTemp(Hinges(reps: 3)); // the first hinge starts at 4 s
        var (code, stdout, stderr) = await RunAsync("analyze", file, "--exercise", "romanian-deadlift", "--json", "--calibration-s", "10");
        Assert.Equal(0, code); // well-formed input: the reps still count
        using var doc = JsonDocument.Parse(stdout);
        Assert.Equal(3, doc.RootElement.GetProperty("reps").GetArrayLength());
        Assert.Contains($"{file}: warning: the calibration window", stderr);
        Assert.Contains("the trunk moves from 4.", stderr);
        Assert.Contains("use --calibration-s 4.", stderr);

        var quiet = await RunAsync("analyze", file, "--exercise", "romanian-deadlift", "--json");
        Assert.Equal((0, ""), (quiet.Code, quiet.Err));
    }

    [Fact]
    public async Task A_recording_that_starts_mid_rep_is_warned_about_as_not_starting_with_quiet_standing()
    {
        // The same hinges with the quiet start cut off: the first row is 0.3 s into the first rep's way down.
        var rows = Hinges(reps: 3).Split('\n');
        string cut = string.Join('\n', rows.Where(r => r.StartsWith('#') || r.StartsWith("time_s")
            || (r.Length > 0 && double.Parse(r[..r.IndexOf(',')], CultureInfo.InvariantCulture) >= 4.3)));
        var (code, _, stderr) = await RunAsync("analyze", WriteTemp(cut + "\n"), "--exercise", "romanian-deadlift", "--json");
        Assert.Equal(0, code);
        Assert.Contains("the trunk moves from 4.3 s", stderr);
        Assert.Contains("does not start with the quiet standing", stderr);
        Assert.DoesNotContain("--calibration-s", stderr);
    }

    [Fact]
    public async Task Limit_flags_override_the_profile_and_alert_once_per_rep_at_the_crossing()
    {
        string file = WriteTemp(Hinges(reps: 5));
        var (code, stdout, stderr) = await RunAsync("analyze", file, "--exercise", "hip-hinge-drill", "--json", "--max-flexion-deg", "45");
        Assert.True(code == 0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        var alerts = doc.RootElement.GetProperty("alerts");
        Assert.Equal(5, alerts.GetArrayLength());
        // First crossing of 45° on the way down of rep 1 (min-jerk from 4 s, 60° in 1.2 s).
        double truth = 4 + 1.2 * SolveMinJerk(45.0 / 60);
        Assert.Equal(truth, alerts[0].GetProperty("t_s").GetDouble(), 0.05);
        Assert.Equal("flexion", alerts[0].GetProperty("kind").GetString());
        Assert.Equal(60, alerts[0].GetProperty("value").GetDouble(), 1.0);
        Assert.Equal(45, alerts[0].GetProperty("limit").GetDouble());
        foreach (var rep in doc.RootElement.GetProperty("reps").EnumerateArray())
            Assert.Equal("flexion", Assert.Single(rep.GetProperty("flags").EnumerateArray()).GetString());
    }

    [Fact]
    public async Task Angles_repeat_every_input_time_s_in_plain_decimals_as_the_same_value()
    {
        // A BLE recorder's first row is rarely at exactly 0: 0.000092 s came out as "9.2E-05" (contract section 6: the
        // same time_s values as the input, and a time column that reads as a time in any tool).
        string file = WriteTemp(Hinges(reps: 2, firstTimeS: 0.000092));
        string angles = Path.Combine(Path.GetDirectoryName(file)!, "angles.csv");
        var (code, _, stderr) = await RunAsync("analyze", file, "--exercise", "romanian-deadlift", "--angles", angles);
        Assert.True(code == 0, stderr);
        string[] input = File.ReadAllLines(file).Where(l => !l.StartsWith('#')).Skip(1).Select(l => l.Split(',')[0]).ToArray();
        string[] output = File.ReadAllLines(angles).Skip(1).Select(l => l.Split(',')[0]).ToArray();
        Assert.Equal("0.000092", output[0]);
        Assert.Equal(input.Length, output.Length);
        for (int i = 0; i < input.Length; i++)
        {
            Assert.DoesNotContain('E', output[i]);
            Assert.Equal(double.Parse(input[i], CultureInfo.InvariantCulture), double.Parse(output[i], CultureInfo.InvariantCulture));
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_full_disk_under_redirected_stdout_is_one_message_and_exit_3_not_a_crash(bool json)
    {
        // `analyze rec.csv --json > report.json` on a full disk was a stack trace and exit 134 (README: the disk
        // failing under a usable path exits 3).
        string file = WriteTemp(Hinges(reps: 3));
        string report = Path.Combine(Path.GetDirectoryName(file)!, "report.json");
        // Wrapped as the process's own console wraps it (CliConsole.System).
        using var stdout = new SpineSense.Cli.Output.StandardOutputWriter(
            new StreamWriter(new DiskFullAfter(report, FileMode.Create, 100)) { AutoFlush = true });
        var stderr = new StringWriter();
        string[] args = json ? ["analyze", file, "--exercise", "romanian-deadlift", "--json"] : ["analyze", file, "--exercise", "romanian-deadlift"];

        int code = await CommandRunner.RunAsync(args, new CliConsole(stdout, stderr, IsInteractive: false), CancellationToken.None);

        Assert.Equal(CliException.Unavailable, code);
        Assert.Equal("spinesense analyze: cannot write to standard output: No space left on device", stderr.ToString().TrimEnd());
    }

    [Fact]
    public async Task A_packet_log_given_for_the_recording_is_named_as_one_with_the_file_to_use_instead()
    {
        // record writes two files; analyze said only "missing header ... got '#spinesense-packet-log v1'".
        string dir = Path.GetDirectoryName(WriteTemp(""))!;
        string rec = Path.Combine(dir, "rec.csv"), log = Path.Combine(dir, "rec.log"), plan = Path.Combine(dir, "squat.json");
        // A one-exercise plan: the virtual athlete of the whole beginner routine takes ~20 s to simulate.
        File.WriteAllText(plan, """{ "name": "squat", "steps": [ { "exercise": "goblet-squat", "sets": 1, "reps": 2 } ] }""");
        var recorded = await RunAsync("record", "--sensor", "sim", "--plan", plan, "--duration", "3", "--speed", "1000", "--out", rec, "--log", log);
        Assert.True(recorded.Code == 0, recorded.Err);

        var (code, stdout, stderr) = await RunAsync("analyze", log, "--exercise", "cat-cow");

        Assert.Equal(CliException.BadInput, code);
        Assert.StartsWith($"spinesense analyze: {log}:1: missing header", stderr);
        Assert.Contains("this is a packet log ('record --log'", stderr);
        Assert.Contains("analyze reads the recording CSV ('record --out')", stderr);
        Assert.Single(stderr.TrimEnd().Split('\n'));
        Assert.Equal("", stdout);
        // A recording that is merely broken gets no such advice.
        File.WriteAllText(rec, "time_s,acc_x_g\n");
        Assert.DoesNotContain("packet log", (await RunAsync("analyze", rec, "--exercise", "cat-cow")).Err);
    }

    private static double SolveMinJerk(double fraction)
    {
        double lo = 0, hi = 1;
        for (int i = 0; i < 60; i++)
        {
            double mid = (lo + hi) / 2, x = mid;
            if (x * x * x * (10 - 15 * x + 6 * x * x) < fraction) lo = mid; else hi = mid;
        }
        return lo;
    }

    [Fact]
    public async Task A_full_disk_while_writing_angles_is_one_message_and_exit_3_not_a_crash()
    {
        Assert.True(File.Exists("/dev/full"), "Linux's /dev/full (every write fails with ENOSPC) is needed");
        string file = WriteTemp(Hinges(reps: 3));
        // Through a link: tests may run as root, and a regression that deleted "its" angles file must not take the
        // machine's /dev/full with it.
        string full = Path.Combine(Path.GetDirectoryName(file)!, "full");
        File.CreateSymbolicLink(full, "/dev/full");
        var (code, stdout, stderr) = await RunAsync("analyze", file, "--exercise", "romanian-deadlift", "--angles", full);
        Assert.Equal(CliException.Unavailable, code);
        Assert.StartsWith($"spinesense analyze: {full}: cannot write angles", stderr.TrimEnd());
        // The path once, as the user gave it: .NET's " : '/full/path'" suffix on the reason is dropped.
        Assert.Equal($"spinesense analyze: {full}: cannot write angles: No space left on device", stderr.TrimEnd());
        Assert.Equal("", stdout); // no report for an analysis whose angles were not written
        Assert.Equal("/dev/full", new FileInfo(full).LinkTarget); // a device is written in place, never replaced
        Assert.True(File.Exists("/dev/full"));
    }

    [Fact]
    public async Task A_write_failure_part_way_removes_the_truncated_angles_file_it_created()
    {
        string file = WriteTemp(Hinges(reps: 3));
        string angles = Path.Combine(Path.GetDirectoryName(file)!, "angles.csv");
        var command = new AnalyzeCommand(path => new DiskFullAfter(path, FileMode.CreateNew, bytes: 20_000));

        var e = await Assert.ThrowsAsync<CliException>(() =>
            command.RunAsync([file, "--exercise", "romanian-deadlift", "--angles", angles], Console(), CancellationToken.None));

        Assert.Equal(CliException.Unavailable, e.ExitCode);
        Assert.Contains("No space left on device", e.Message);
        Assert.False(File.Exists(angles), "a truncated angles file would pass for a complete one");
        AssertOnlyFiles(file);
    }

    [Fact]
    public async Task A_write_failure_part_way_leaves_an_existing_angles_file_as_it_was()
    {
        // The rows go to a temporary file renamed over OUT.csv only on success: the user's file is neither deleted
        // nor truncated to the failed run's rows.
        string file = WriteTemp(Hinges(reps: 3));
        string angles = Path.Combine(Path.GetDirectoryName(file)!, "kept.csv");
        File.WriteAllText(angles, "the user's\n");
        var command = new AnalyzeCommand(path => new DiskFullAfter(path, FileMode.Create, bytes: 20_000));

        var e = await Assert.ThrowsAsync<CliException>(() =>
            command.RunAsync([file, "--exercise", "romanian-deadlift", "--angles", angles], Console(), CancellationToken.None));

        Assert.Equal(CliException.Unavailable, e.ExitCode);
        Assert.Equal("the user's\n", File.ReadAllText(angles));
        AssertOnlyFiles(file, angles);
    }

    [Fact]
    public async Task A_directory_named_for_the_recording_or_the_angles_is_called_one_not_permission_denied()
    {
        string file = WriteTemp(Hinges(reps: 3));
        string dir = Path.GetDirectoryName(file)!;

        var (code, _, stderr) = await RunAsync("analyze", file, "--exercise", "romanian-deadlift", "--angles", dir);
        Assert.Equal(2, code);
        Assert.Equal($"spinesense analyze: {dir}: cannot write angles: it is a directory", stderr.TrimEnd());

        (code, _, stderr) = await RunAsync("analyze", dir, "--exercise", "romanian-deadlift");
        Assert.Equal(2, code);
        Assert.Equal($"spinesense analyze: {dir}: is a directory, not a recording", stderr.TrimEnd());
        AssertOnlyFiles(file);
    }

    [Fact]
    public async Task An_empty_file_name_is_refused_by_its_option_name()
    {
        string file = WriteTemp(Hinges(reps: 3));
        var (code, _, stderr) = await RunAsync("analyze", file, "--exercise", "romanian-deadlift", "--angles", "");
        Assert.Equal(2, code);
        Assert.Contains("option --angles needs a file name", stderr);
        (code, _, stderr) = await RunAsync("analyze", "", "--exercise", "romanian-deadlift");
        Assert.Equal(2, code);
        Assert.Contains("recording FILE is an empty name", stderr);
    }

    [Fact]
    public async Task Permission_refused_when_the_angles_replace_the_old_file_exits_2_as_in_simulate()
    {
        // The path the user named cannot be written: bad input (2) whether that shows at the start or at the
        // rename, as simulate and record report it; 3 is for a disk failing under a usable path.
        string file = WriteTemp(Hinges(reps: 3));
        string angles = Path.Combine(Path.GetDirectoryName(file)!, "angles.csv");
        File.WriteAllText(angles, "the user's\n");
        var command = new AnalyzeCommand(path => new RefusedAtCommit(path));

        var e = await Assert.ThrowsAsync<CliException>(() =>
            command.RunAsync([file, "--exercise", "romanian-deadlift", "--angles", angles], Console(), CancellationToken.None));

        Assert.Equal(CliException.BadInput, e.ExitCode);
        Assert.Equal($"{angles}: cannot write angles: permission denied", e.Message);
        Assert.Equal("the user's\n", File.ReadAllText(angles));
    }

    [Theory]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.UserWrite)] // private: 0600
    [InlineData(UnixFileMode.UserRead)]                          // read-only: 0400
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // Unix permissions
    public async Task Angles_replacing_a_private_file_are_never_readable_by_others_not_even_while_written(UnixFileMode mode)
    {
        // A reader who opens the temporary file while it has the default mode (0644 under umask 022) keeps reading
        // it through that descriptor after any later chmod: it must be created no wider than the file it replaces.
        // (Tests run as root, which ignores permission bits, so the modes themselves are what can be checked.)
        string file = WriteTemp(Hinges(reps: 3));
        string angles = Path.Combine(Path.GetDirectoryName(file)!, "private.csv");
        File.WriteAllText(angles, "an older run's rows\n");
        File.SetUnixFileMode(angles, mode);
        UnixFileMode? atOpen = null;
        var command = new AnalyzeCommand(path =>
        {
            var stream = new FileStream(path, FileMode.Create, FileAccess.Write);
            atOpen ??= File.GetUnixFileMode(path);
            return stream;
        });

        int code = await command.RunAsync([file, "--exercise", "romanian-deadlift", "--angles", angles], Console(), CancellationToken.None);

        Assert.Equal(0, code);
        Assert.Equal(mode | UnixFileMode.UserWrite, atOpen); // the owner writes it until the rename, nobody else reads it
        Assert.Equal(mode, File.GetUnixFileMode(angles));    // and the replacement has exactly the old permissions
        Assert.True(File.ReadAllLines(angles).Length > 1000);
        AssertOnlyFiles(file, angles);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // Unix permissions
    public async Task A_successful_run_replaces_an_existing_angles_file_keeping_its_permissions_and_no_temporary_file()
    {
        string file = WriteTemp(Hinges(reps: 3));
        string angles = Path.Combine(Path.GetDirectoryName(file)!, "old.csv");
        File.WriteAllText(angles, "an older run's rows\n");
        var mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead;
        File.SetUnixFileMode(angles, mode);

        var (code, _, stderr) = await RunAsync("analyze", file, "--exercise", "romanian-deadlift", "--angles", angles);

        Assert.True(code == 0, stderr);
        string[] rows = File.ReadAllLines(angles);
        Assert.Equal("time_s,flexion_deg,lateral_deg,rotation_deg", rows[0]);
        Assert.True(rows.Length > 1000, $"{rows.Length} rows");
        Assert.Equal(mode, File.GetUnixFileMode(angles));
        AssertOnlyFiles(file, angles);
    }

    [Fact]
    public async Task Angles_through_a_link_replace_the_linked_file_and_keep_the_link()
    {
        string file = WriteTemp(Hinges(reps: 3));
        string dir = Path.GetDirectoryName(file)!;
        string real = Path.Combine(dir, "real.csv"), link = Path.Combine(dir, "link.csv");
        File.WriteAllText(real, "old\n");
        File.CreateSymbolicLink(link, real);

        var (code, _, stderr) = await RunAsync("analyze", file, "--exercise", "romanian-deadlift", "--angles", link);

        Assert.True(code == 0, stderr);
        Assert.Equal(real, new FileInfo(link).LinkTarget);
        Assert.StartsWith("time_s,flexion_deg", File.ReadAllText(real));
        AssertOnlyFiles(file, real, link);
    }

    [Fact]
    public async Task Angles_to_an_open_descriptor_like_dev_stdout_are_written_in_place()
    {
        // /dev/stdout is a link to /proc/self/fd/1, itself a link to "pipe:[N]" (no such file): a temporary file
        // beside it cannot be made, so the rows must go straight into the descriptor. A link to one of this test's
        // own pipe descriptors stands in for the process's stdout.
        string file = WriteTemp(Hinges(reps: 2));
        using var pipe = new System.IO.Pipes.AnonymousPipeServerStream(System.IO.Pipes.PipeDirection.In);
        string link = Path.Combine(Path.GetDirectoryName(file)!, "stdout");
        File.CreateSymbolicLink(link, "/proc/self/fd/" + pipe.GetClientHandleAsString());
        var received = Task.Run(() => new StreamReader(pipe).ReadToEnd());

        var (code, _, stderr) = await RunAsync("analyze", file, "--exercise", "romanian-deadlift", "--angles", link);
        pipe.DisposeLocalCopyOfClientHandle(); // the last writer closes: the reader sees the end

        Assert.True(code == 0, stderr);
        string[] rows = (await received.WaitAsync(TimeSpan.FromSeconds(30))).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("time_s,flexion_deg,lateral_deg,rotation_deg", rows[0]);
        Assert.True(rows.Length > 1000, $"{rows.Length} rows");
        AssertOnlyFiles(file, link);
    }

    /// <summary>The directory holds exactly these files: no temporary file was left behind.</summary>
    private static void AssertOnlyFiles(params string[] expected) =>
        Assert.Equal(expected.Order(StringComparer.Ordinal),
            Directory.GetFileSystemEntries(Path.GetDirectoryName(expected[0])!).Order(StringComparer.Ordinal));

    [Fact]
    public async Task A_recording_without_gravity_exits_2_and_leaves_no_angles_file_behind()
    {
        string file = WriteTemp(NoGravity());
        string angles = Path.Combine(Path.GetDirectoryName(file)!, "angles.csv");

        var (code, stdout, stderr) = await RunAsync("analyze", file, "--exercise", "romanian-deadlift", "--angles", angles);

        Assert.Equal(CliException.BadInput, code);
        Assert.Contains("no gravity", stderr);
        Assert.Equal("", stdout);
        Assert.False(File.Exists(angles), "an angles file without the recording's rows would pass for its result");
        AssertOnlyFiles(file);
    }

    [Fact]
    public async Task A_recording_found_unusable_late_leaves_an_existing_angles_file_as_it_was()
    {
        string file = WriteTemp(NoGravity());
        string angles = Path.Combine(Path.GetDirectoryName(file)!, "angles.csv");
        File.WriteAllText(angles, "last week's rows\n");

        var (code, _, stderr) = await RunAsync("analyze", file, "--exercise", "romanian-deadlift", "--angles", angles);

        Assert.Equal(CliException.BadInput, code);
        Assert.Contains("no gravity", stderr);
        Assert.Equal("last week's rows\n", File.ReadAllText(angles));
        AssertOnlyFiles(file, angles);
    }

    /// <summary>
    /// Malformed in a way only the analysis finds: the file parses, but the calibration window reads 0 g.
    /// </summary>
    private static string NoGravity()
    {
        var text = new System.Text.StringBuilder(Header);
        for (int i = 0; i < 500; i++) text.Append(string.Format(CultureInfo.InvariantCulture, "{0:F2},0,0,0,0,0,0\n", i * 0.01));
        return text.ToString();
    }

    private static CliConsole Console() => new(new StringWriter(), new StringWriter(), IsInteractive: false);

    [Fact]
    public async Task Angles_file_has_one_row_per_sample_with_the_input_times()
    {
        string text = Hinges(reps: 3);
        string file = WriteTemp(text);
        string angles = Path.Combine(Path.GetDirectoryName(file)!, "angles.csv");
        var (code, _, stderr) = await RunAsync("analyze", file, "--exercise", "romanian-deadlift", "--angles", angles);
        Assert.True(code == 0, stderr);
        string[] input = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith('#')).Skip(1).ToArray();
        string[] output = File.ReadAllLines(angles);
        Assert.Equal("time_s,flexion_deg,lateral_deg,rotation_deg", output[0]);
        Assert.Equal(input.Length, output.Length - 1);
        for (int i = 0; i < input.Length; i++)
        {
            double tin = double.Parse(input[i].Split(',')[0], CultureInfo.InvariantCulture);
            double[] row = output[i + 1].Split(',').Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray();
            Assert.Equal(tin, row[0]);
            Assert.Equal(Flexion(tin, 3, 60), row[1], 1.0);
        }
    }

    [Fact]
    public async Task Without_json_prints_a_readable_summary()
    {
        string file = WriteTemp(Hinges(reps: 4));
        var (code, stdout, stderr) = await RunAsync("analyze", file, "--exercise", "romanian-deadlift");
        Assert.True(code == 0, stderr);
        Assert.Contains("set 1: 4 reps", stdout);
        Assert.Contains("Romanian deadlift", stdout);
        Assert.DoesNotContain("{", stdout);
    }

    [Theory]
    [InlineData(62, 2.0, "romanian-deadlift")]   // deep, slow way down
    [InlineData(45, 1.2, "hip-hinge-drill")]     // the warm-up drill: shallower and quicker
    public async Task Auto_tells_romanian_deadlifts_from_the_hinge_drill(double depthDeg, double downS, string expected)
    {
        string file = WriteTemp(Hinges(reps: 6, amplitudeDeg: depthDeg, downS: downS));
        var (code, stdout, stderr) = await RunAsync("analyze", file, "--exercise", "auto", "--json");
        Assert.True(code == 0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        Assert.Equal(expected, doc.RootElement.GetProperty("exercise").GetString());
        Assert.Equal(6, doc.RootElement.GetProperty("reps").GetArrayLength());
    }

    [Fact]
    public async Task Unknown_exercise_exits_2_listing_the_known_ids()
    {
        string file = WriteTemp(Hinges(reps: 3));
        var (code, stdout, stderr) = await RunAsync("analyze", file, "--exercise", "sit-up");
        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        foreach (string id in new[] { "cat-cow", "hip-hinge-drill", "glute-bridge", "bird-dog", "dead-bug", "goblet-squat",
                     "romanian-deadlift", "side-plank", "back-extension", "clamshell", "banded-walk", "auto" })
            Assert.Contains(id, stderr);
    }

    public static TheoryData<string, string, string> BadRecordings() => new()
    {
        // name, content, what stderr must contain (besides the file name)
        { "missing header", "time_s,acc_x_g,acc_y_g,acc_z_g,gyr_x_dps,gyr_y_dps,gyr_z_dps\n0,0,1,0,0,0,0\n", ":1:" },
        { "wrong column count", Header + "0.0,0,1,0,0,0\n", ":4:" },
        { "non-numeric", Header + "0.0,0,1,0,0,0,0\n0.01,0,one,0,0,0,0\n", ":5:" },
        { "time backwards", Header + "0.0,0,1,0,0,0,0\n0.02,0,1,0,0,0,0\n0.01,0,1,0,0,0,0\n", ":6:" },
        { "empty", "", "" },
        { "shorter than calibration", Header + "0.0,0,1,0,0,0,0\n0.5,0,1,0,0,0,0\n1.0,0,1,0,0,0,0\n", "calibration" },
    };

    [Theory]
    [MemberData(nameof(BadRecordings))]
    public async Task Bad_recording_exits_2_with_one_line_naming_file_and_line(string name, string content, string expected)
    {
        string file = WriteTemp(content, name.Replace(' ', '-') + ".csv");
        var (code, stdout, stderr) = await RunAsync("analyze", file, "--exercise", "romanian-deadlift", "--json");
        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Contains(file, stderr);
        Assert.Contains(expected, stderr);
        Assert.Single(stderr.TrimEnd('\n').Split('\n'));
        Assert.DoesNotContain("   at ", stderr);
    }

    [Fact]
    public async Task A_recording_cut_off_mid_row_exits_2_saying_where_and_that_the_rows_before_are_intact()
    {
        // A recorder killed mid-write leaves a partial last row. Contract section 2 makes a wrong column count bad input
        // (exit 2); the message must not leave the user thinking the whole session is lost.
        string whole = Hinges(reps: 3);
        Assert.EndsWith("\n", whole);
        int lines = whole.Count(c => c == '\n');
        string file = WriteTemp(whole + "23.45,0.01", "killed.csv"); // the next row started, then nothing
        var (code, stdout, stderr) = await RunAsync("analyze", file, "--exercise", "romanian-deadlift", "--json");

        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Single(stderr.TrimEnd('\n').Split('\n'));
        Assert.Contains($"{file}:{lines + 1}: expected 7 comma-separated fields, got 2; the recording looks cut off at line {lines + 1}", stderr);
        Assert.Contains($"`head -n {lines} {file} > intact.csv` keeps them", stderr);

        // Doing what it says gives a recording that analyzes.
        string intact = WriteTemp(string.Concat(File.ReadLines(file).Take(lines).Select(l => l + "\n")), "intact.csv");
        var (again, _, err) = await RunAsync("analyze", intact, "--exercise", "romanian-deadlift", "--json");
        Assert.True(again == 0, err);
    }

    [Fact]
    public async Task Missing_file_exits_2_naming_it()
    {
        var (code, _, stderr) = await RunAsync("analyze", "/nonexistent/rec.csv", "--exercise", "bird-dog");
        Assert.Equal(2, code);
        Assert.Contains("/nonexistent/rec.csv", stderr);
    }

    [Fact]
    public async Task A_longer_calibration_window_than_the_recording_is_bad_input()
    {
        string file = WriteTemp(Hinges(reps: 2));
        var (code, _, stderr) = await RunAsync("analyze", file, "--exercise", "romanian-deadlift", "--calibration-s", "40");
        Assert.Equal(2, code);
        Assert.Contains("calibration", stderr);
    }
}
