using System.Diagnostics;
using SpineSense.Recording;

namespace SpineSense.Cli.Tests;

public sealed class RecordCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("spinesense-record-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Plan()
    {
        string path = Path.Combine(_dir, "squat.json");
        File.WriteAllText(path, """{ "name": "squat", "steps": [ { "exercise": "goblet-squat", "sets": 1, "reps": 5 } ] }""");
        return path;
    }

    [Fact]
    public async Task Records_a_valid_contract_csv_and_a_packet_log_even_with_packet_loss()
    {
        string csv = Path.Combine(_dir, "rec.csv"), log = Path.Combine(_dir, "packets.log");
        var (code, output, err) = await DemoCommandTests.Run("record", "--sensor", "sim", "--plan", Plan(), "--speed", "200",
            "--loss", "5", "--out", csv, "--log", log);
        Assert.True(code == 0, err + output);
        var rec = RecordingReader.Read(csv); // the validating reader: header, columns, increasing time
        var simulated = Streaming.Live.SimulatedWorkout.For(Streaming.Plans.PlanCatalog.Load(Plan()), seed: 1);
        // Lost packets were resent from the sensor's flash: every sample is there, in order, starting at 0.
        Assert.Equal(simulated.Samples.Length, rec.Samples.Length);
        Assert.Equal(0, rec.Samples[0].TimeS);
        Assert.Equal(simulated.Samples[^1].TimeS - simulated.Samples[0].TimeS, rec.Samples[^1].TimeS, 0.05);
        Assert.Equal(simulated.Samples[1000].AccYG, rec.Samples[1000].AccYG, 8.0 / 32768 + 1e-6);
        Assert.Contains("0 lost", output);
        Assert.True(new FileInfo(log).Length > 100_000);
    }

    [Fact]
    public async Task Duration_stops_the_recording()
    {
        string csv = Path.Combine(_dir, "short.csv");
        var (code, output, err) = await DemoCommandTests.Run("record", "--sensor", "sim", "--plan", Plan(), "--speed", "200",
            "--duration", "10", "--out", csv);
        Assert.True(code == 0, err + output);
        var rec = RecordingReader.Read(csv);
        Assert.InRange(rec.Samples[^1].TimeS, 10, 11);
    }

    [Fact]
    public async Task An_unwritable_output_exits_2()
    {
        var (code, _, err) = await DemoCommandTests.Run("record", "--sensor", "sim", "--out", "/nonexistent-dir/x/rec.csv");
        Assert.Equal(2, code);
        Assert.Contains("cannot write output", err);
    }

    [Theory]
    [InlineData("--out")]
    [InlineData("--log")]
    public async Task A_directory_named_as_the_output_is_called_a_directory_and_is_left_alone(string option)
    {
        string dir = Directory.CreateDirectory(Path.Combine(_dir, "sessions")).FullName;
        string other = Path.Combine(_dir, option == "--out" ? "packets.log" : "rec.csv");
        var args = option == "--out"
            ? new[] { "record", "--sensor", "sim", "--plan", Plan(), "--speed", "200", "--out", dir, "--log", other }
            : new[] { "record", "--sensor", "sim", "--plan", Plan(), "--speed", "200", "--out", other, "--log", dir };
        var (code, _, err) = await DemoCommandTests.Run(args);
        Assert.Equal(2, code);
        Assert.Contains($"{dir} is a directory: {option}", err);
        Assert.DoesNotContain("already exists", err);
        Assert.True(Directory.Exists(dir));
        Assert.False(File.Exists(other)); // nothing half-made is left beside it
    }

    [Theory]
    [InlineData("--out")]
    [InlineData("--log")]
    public async Task An_existing_recording_is_never_overwritten_and_the_message_says_so(string option)
    {
        // Before any sensor is reached: an unreachable one must not cost the recording already there.
        string csv = Path.Combine(_dir, "rec.csv"), log = Path.Combine(_dir, "packets.log");
        string kept = option == "--out" ? csv : log;
        File.WriteAllText(kept, "last week's session\n");

        var (code, _, err) = await DemoCommandTests.Run("record", "--sensor", "ble:AA:BB:CC:DD:EE:FF", "--out", csv, "--log", log);

        Assert.Equal(2, code);
        Assert.Contains($"{kept} already exists: {option} never overwrites a recording", err);
        Assert.Equal("last week's session\n", File.ReadAllText(kept));
    }

    [Fact]
    public async Task A_packet_log_named_like_the_recording_is_refused()
    {
        string csv = Path.Combine(_dir, "rec.csv");
        var (code, _, err) = await DemoCommandTests.Run("record", "--sensor", "sim", "--plan", Plan(), "--out", csv, "--log", csv);
        Assert.Equal(2, code);
        Assert.Contains("--log and --out name the same file", err);
        Assert.False(File.Exists(csv));
    }

    [Fact]
    public async Task Two_runs_at_once_on_one_name_record_once_and_refuse_the_other()
    {
        // Creating the file is the check (O_EXCL): two runs that both found the name free cannot both write it.
        string csv = Path.Combine(_dir, "rec.csv"), plan = Plan();
        for (int attempt = 0; attempt < 3; attempt++)
        {
            File.Delete(csv);
            string[] args = ["record", "--sensor", "sim", "--plan", plan, "--speed", "200", "--duration", "5", "--out", csv];
            var both = await Task.WhenAll(Task.Run(() => DemoCommandTests.Run(args)), Task.Run(() => DemoCommandTests.Run(args)));

            Assert.Equal([0, 2], both.Select(r => r.Code).Order());
            Assert.Contains($"{csv} ", both.Single(r => r.Code == 2).Err);
            var rec = RecordingReader.Read(csv);
            Assert.InRange(rec.Samples[^1].TimeS, 5, 6);
        }
    }

    [Fact]
    public async Task A_link_at_the_output_name_is_refused_not_written_through()
    {
        // In a shared directory such as /tmp, a link someone left (even one to nothing yet) must not choose our file.
        string csv = Path.Combine(_dir, "rec.csv"), elsewhere = Path.Combine(_dir, "elsewhere.csv");
        File.CreateSymbolicLink(csv, elsewhere);

        var (code, _, err) = await DemoCommandTests.Run("record", "--sensor", "sim", "--plan", Plan(), "--speed", "200",
            "--duration", "5", "--out", csv);

        Assert.Equal(2, code);
        Assert.Contains($"{csv} already exists: --out never overwrites a recording", err);
        Assert.False(File.Exists(elsewhere));
    }

    [Fact]
    public async Task A_run_that_reaches_no_sensor_leaves_no_file_behind()
    {
        // This machine's kernel has no Bluetooth (EAFNOSUPPORT): exit 3, and no header-only files that a second try
        // would then refuse as existing recordings.
        string csv = Path.Combine(_dir, "rec.csv"), log = Path.Combine(_dir, "packets.log");

        var (code, _, err) = await DemoCommandTests.Run("record", "--sensor", "ble:AA:BB:CC:DD:EE:FF", "--out", csv, "--log", log);

        Assert.Equal(3, code);
        Assert.Single(err.TrimEnd('\n').Split('\n'));
        Assert.Empty(Directory.GetFileSystemEntries(_dir));
    }

    [Fact]
    public async Task An_empty_file_given_as_output_is_empty_again_after_a_run_that_recorded_nothing()
    {
        string csv = Path.Combine(_dir, "rec.csv");
        File.WriteAllText(csv, "");

        var (code, _, _) = await DemoCommandTests.Run("record", "--sensor", "ble:AA:BB:CC:DD:EE:FF", "--out", csv);

        Assert.Equal(3, code);
        Assert.True(File.Exists(csv), "the user's file is theirs: emptied, not removed");
        Assert.Equal(0, new FileInfo(csv).Length);
    }

    [Fact]
    public async Task An_empty_file_given_as_output_is_recorded_into()
    {
        string csv = Path.Combine(_dir, "rec.csv");
        File.WriteAllText(csv, "");

        var (code, output, err) = await DemoCommandTests.Run("record", "--sensor", "sim", "--plan", Plan(), "--speed", "200",
            "--duration", "5", "--out", csv);

        Assert.True(code == 0, err + output);
        Assert.InRange(RecordingReader.Read(csv).Samples[^1].TimeS, 5, 6);
    }

    [Fact]
    public async Task A_full_disk_while_recording_is_one_message_naming_the_file_and_exit_3()
    {
        Assert.True(File.Exists("/dev/full"), "Linux's /dev/full (every write fails with ENOSPC) is needed");
        // Through a link: a device is written in place, and a regression that removed "its" file must not take the
        // machine's /dev/full with it (tests may run as root).
        string full = Path.Combine(_dir, "full.csv");
        File.CreateSymbolicLink(full, "/dev/full");

        var (code, output, err) = await DemoCommandTests.Run("record", "--sensor", "sim", "--plan", Plan(), "--speed", "200",
            "--duration", "5", "--out", full);

        Assert.Equal(3, code);
        Assert.StartsWith($"spinesense record: {full}: cannot write: No space left on device", err);
        Assert.Single(err.TrimEnd('\n').Split('\n'));
        Assert.Equal("", output);
        Assert.Equal("/dev/full", new FileInfo(full).LinkTarget);
        Assert.True(File.Exists("/dev/full"));
    }

    [Fact]
    public async Task A_recorder_killed_mid_run_leaves_a_readable_recording_and_a_log_of_whole_lines()
    {
        // SIGKILL (the OOM killer, a hard shutdown): no finally block runs, so the files hold exactly what the recorder
        // had handed to the kernel. The recording must read back, and the packet log must replay.
        string csv = Path.Combine(_dir, "rec.csv"), log = Path.Combine(_dir, "packets.log");
        string plan = Path.Combine(_dir, "long.json");
        File.WriteAllText(plan, """{ "name": "long", "steps": [ { "exercise": "goblet-squat", "sets": 3, "reps": 12 } ] }""");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string arg in new[] { Path.Combine(AppContext.BaseDirectory, "spinesense.dll"), "record", "--sensor", "sim",
                     "--plan", plan, "--speed", "4", "--out", csv, "--log", log })
            start.ArgumentList.Add(arg);
        using var child = Process.Start(start)!;
        try
        {
            // Wait for a few seconds of rows (about 10 kB per second of data at the simulator's rate), then kill.
            var giveUp = Stopwatch.StartNew();
            while (!(File.Exists(csv) && new FileInfo(csv).Length > 40_000) && !child.HasExited && giveUp.Elapsed < TimeSpan.FromSeconds(90))
                await Task.Delay(20);
            if (child.HasExited) Assert.Fail("the recording ended before it could be killed: " + await child.StandardError.ReadToEndAsync());
        }
        finally
        {
            if (!child.HasExited) child.Kill(); // SIGKILL on Unix
            await child.WaitForExitAsync();
        }

        var rec = RecordingReader.Read(csv);
        Assert.True(rec.LastTimeS >= 3, $"{rec.LastTimeS} s recorded");
        Assert.Equal((byte)'\n', File.ReadAllBytes(log)[^1]);
        // The log replays: every notification in it is whole.
        string again = Path.Combine(_dir, "again.csv");
        var (code, output, err) = await DemoCommandTests.Run("record", "--sensor", "replay:" + log, "--speed", "1000", "--out", again);
        Assert.True(code == 0, err + output);
        Assert.True(RecordingReader.Read(again).LastTimeS >= rec.LastTimeS - 1.5, "the log holds what the recording holds, give or take the last second");
    }

    [Fact]
    public async Task A_packet_log_to_dev_null_is_written_in_place()
    {
        string csv = Path.Combine(_dir, "rec.csv");
        var (code, output, err) = await DemoCommandTests.Run("record", "--sensor", "sim", "--plan", Plan(), "--speed", "200",
            "--duration", "5", "--out", csv, "--log", "/dev/null");
        Assert.True(code == 0, err + output);
        Assert.Contains("notifications to /dev/null", output);
        Assert.True(File.Exists("/dev/null"));
    }

    [Fact]
    public async Task A_replay_file_that_is_no_packet_log_is_bad_input_naming_file_and_line_and_leaves_no_file()
    {
        string bad = Path.Combine(_dir, "not-a-log.txt"), csv = Path.Combine(_dir, "rec.csv");
        File.WriteAllText(bad, "time_s,acc_x_g\n0,1\n");

        var (code, _, err) = await DemoCommandTests.Run("record", "--sensor", "replay:" + bad, "--out", csv);

        Assert.Equal(2, code); // the user's file, not a missing sensor or radio (3)
        Assert.StartsWith($"spinesense record: {bad}:1: ", err);
        Assert.Single(err.TrimEnd('\n').Split('\n'));
        Assert.False(File.Exists(csv));
    }

    [Theory]
    [InlineData("record")]
    [InlineData("session")]
    public async Task A_recording_csv_given_as_replay_file_is_named_as_one_with_the_command_that_reads_it(string command)
    {
        // The recording CSV record writes (--out) is not the packet log replay plays (--log); the message said only
        // "expected '#spinesense-packet-log v1' as the first line".
        string recording = Path.Combine(_dir, "earlier.csv"), csv = Path.Combine(_dir, "rec.csv");
        File.WriteAllText(recording, AnalyzeTestData.Hinges(reps: 1));
        string[] args = command == "record"
            ? ["record", "--sensor", "replay:" + recording, "--out", csv]
            : ["session", "--sensor", "replay:" + recording, "--athlete", "sam", "--store", "none"];

        var (code, output, err) = await DemoCommandTests.Run(args);

        Assert.Equal(CliException.BadInput, code);
        Assert.Equal($"spinesense {command}: --sensor replay:{recording}: '{recording}' is a recording CSV ('record --out'); replay plays " +
            $"the packet log written by 'record --log'. To analyse the recording: spinesense analyze {recording} --exercise ID", err.TrimEnd());
        Assert.Equal("", output);
        Assert.False(File.Exists(csv));
    }

    [Theory]
    [InlineData("--out")]
    [InlineData("--log")]
    public async Task An_empty_file_name_is_refused_by_the_option_name(string option)
    {
        string[] args = option == "--out"
            ? ["record", "--sensor", "sim", "--out", ""]
            : ["record", "--sensor", "sim", "--out", Path.Combine(_dir, "rec.csv"), "--log", ""];
        var (code, _, err) = await DemoCommandTests.Run(args);
        Assert.Equal(2, code);
        Assert.Contains($"option {option} needs a file name", err);
        Assert.Empty(Directory.GetFileSystemEntries(_dir));
    }
}
