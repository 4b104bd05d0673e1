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
}
