namespace SpineSense.Cli.Commands;

internal sealed class VersionCommand : ICliCommand
{
    public string Name => "version";
    public string Summary => "print the version";
    public string Usage => "spinesense version";

    public Task<int> RunAsync(IReadOnlyList<string> args, CliConsole console, CancellationToken cancel)
    {
        new CliArgs(args).ThrowOnUnused(0);
        var v = typeof(VersionCommand).Assembly.GetName().Version;
        console.Out.WriteLine($"spinesense {v}");
        return Task.FromResult(0);
    }
}
