namespace SpineSense.Cli;

/// <summary>The streams a command writes to, injectable so tests can run commands in-process.</summary>
public sealed record CliConsole(TextWriter Out, TextWriter Error, bool IsInteractive)
{
    public static CliConsole System() =>
        new(Console.Out, Console.Error, !Console.IsOutputRedirected);
}
