using SpineSense.Storage;

namespace SpineSense.Cli.Tests;

public class CliExceptionTests
{
    public static TheoryData<StorageErrorCode> AllCodes() => new(Enum.GetValues<StorageErrorCode>());

    [Theory]
    [MemberData(nameof(AllCodes))]
    public void A_storage_failure_is_exit_2_exactly_when_the_users_input_is_at_fault_and_keeps_its_message(StorageErrorCode code)
    {
        var e = CliException.FromStorage(new StorageException(code, "what went wrong"));

        bool userInput = code is StorageErrorCode.BadTarget or StorageErrorCode.InvalidInput or StorageErrorCode.NotFound;
        Assert.Equal(userInput ? CliException.BadInput : CliException.Unavailable, e.ExitCode);
        Assert.Equal("what went wrong", e.Message);
    }

    [Theory]
    [InlineData("serve")]
    [InlineData("export")]
    [InlineData("demo")]
    [InlineData("session")]
    public async Task A_malformed_store_target_is_exit_2_with_one_line_naming_the_command_in_every_command(string command)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        string[] args = command switch
        {
            "export" => [command, "--store", "postgres://x", "--to", "influx1://127.0.0.1:1/db"],
            "session" => [command, "--sensor", "sim", "--athlete", "ada", "--store", "postgres://x"],
            _ => [command, "--store", "postgres://x"],
        };

        int code = await CommandRunner.RunAsync(args, new CliConsole(o, e, IsInteractive: false), CancellationToken.None)
            .WaitAsync(TimeSpan.FromMinutes(2));

        Assert.Equal(CliException.BadInput, code);
        string err = e.ToString().TrimEnd();
        Assert.StartsWith($"spinesense {command}: ", err);
        Assert.Contains("postgres://x", err);
        Assert.DoesNotContain("\n", err);
        Assert.DoesNotContain("   at ", err);
        // Checked before the slow part: the virtual athlete is not simulated for a session that cannot be stored.
        Assert.DoesNotContain("simulating", o.ToString());
    }
}
