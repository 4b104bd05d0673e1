using SpineSense.Cli.Output;

namespace SpineSense.Cli.Tests;

/// <summary>src/SpineSense.Cli/Program.cs: the dispatch every command goes through.</summary>
public class CommandRunnerTests
{
    /// <summary>Standard output on a full disk, as the process's own console wraps it.</summary>
    private sealed class FullDisk : TextWriter
    {
        public override System.Text.Encoding Encoding => System.Text.Encoding.UTF8;
        public override void Write(char value) => throw new IOException("No space left on device");
    }

    [Theory]
    [InlineData(new[] { "--help" }, "spinesense: ")]
    [InlineData(new[] { "analyze", "--help" }, "spinesense analyze: ")]
    [InlineData(new string[0], "spinesense: ")]
    public async Task Help_on_a_full_disk_is_one_message_and_exit_3_as_for_any_command_output(string[] args, string prefix)
    {
        // `spinesense --help > /dev/full` was an unhandled exception and exit 134: the help is written before the
        // command runs, outside the handler that turns its failures into one line.
        var stderr = new StringWriter();
        int code = await CommandRunner.RunAsync(args, new CliConsole(new StandardOutputWriter(new FullDisk()), stderr, IsInteractive: false),
            CancellationToken.None);
        Assert.Equal(CliException.Unavailable, code);
        Assert.Equal($"{prefix}cannot write to standard output: No space left on device", stderr.ToString().TrimEnd());
    }
}
