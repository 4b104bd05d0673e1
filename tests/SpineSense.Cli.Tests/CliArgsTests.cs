using SpineSense.Cli;

namespace SpineSense.Cli.Tests;

public class CliArgsTests
{
    [Fact]
    public void Reads_options_switches_and_positionals()
    {
        var a = new CliArgs(["rec.csv", "--exercise", "bird-dog", "--json", "--max-flexion-deg", "-5"], new HashSet<string> { "json" });
        Assert.Equal("bird-dog", a.RequiredString("exercise"));
        Assert.True(a.Flag("json"));
        Assert.Equal(-5, a.Double("max-flexion-deg"));
        Assert.Equal(["rec.csv"], a.Positionals);
        a.ThrowOnUnused(1);
    }

    [Fact]
    public void Rejects_unknown_option_by_name()
    {
        var a = new CliArgs(["--exercize", "x"]);
        var e = Assert.Throws<CliException>(() => a.ThrowOnUnused(0));
        Assert.Equal(CliException.BadInput, e.ExitCode);
        Assert.Contains("--exercize", e.Message);
    }

    [Fact]
    public void Rejects_non_numeric_value_naming_the_option()
    {
        var a = new CliArgs(["--rate", "fast"]);
        var e = Assert.Throws<CliException>(() => a.Double("rate"));
        Assert.Contains("--rate", e.Message);
        Assert.Contains("fast", e.Message);
    }

    [Fact]
    public void Rejects_value_out_of_range()
    {
        var a = new CliArgs(["--speed", "0"]);
        Assert.Throws<CliException>(() => a.Double("speed", min: 0.1, max: 1000));
    }

    [Fact]
    public async Task Unknown_command_exits_2_and_lists_commands()
    {
        var err = new StringWriter();
        int rc = await CommandRunner.RunAsync(["frobnicate"], new CliConsole(new StringWriter(), err, false), CancellationToken.None);
        Assert.Equal(2, rc);
        Assert.Contains("version", err.ToString());
    }
}
