namespace SpineSense.Cli;

/// <summary>One <c>spinesense</c> sub-command. Each lives in its own file under Commands/.</summary>
public interface ICliCommand
{
    string Name { get; }

    /// <summary>One line for the command list.</summary>
    string Summary { get; }

    /// <summary>Usage text shown for <c>spinesense NAME --help</c>.</summary>
    string Usage { get; }

    /// <summary>Runs the command; returns the process exit code. Bad input throws <see cref="CliException"/>.</summary>
    Task<int> RunAsync(IReadOnlyList<string> args, CliConsole console, CancellationToken cancel);
}
