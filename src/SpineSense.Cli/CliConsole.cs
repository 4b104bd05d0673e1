namespace SpineSense.Cli;

/// <summary>The streams a command writes to, injectable so tests can run commands in-process.</summary>
public sealed record CliConsole(TextWriter Out, TextWriter Error, bool IsInteractive)
{
    /// <summary>The process's streams; stdout failing under a command (a full disk) is one message and exit 3.</summary>
    public static CliConsole System() =>
        new(new Output.StandardOutputWriter(Console.Out), Console.Error, !Console.IsOutputRedirected);
}
