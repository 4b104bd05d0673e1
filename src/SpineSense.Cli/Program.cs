using SpineSense.Cli;
using SpineSense.Cli.Commands;
using SpineSense.Storage;

// Entry point: dispatch to a command; every failure a user can cause ends as one message and an exit code.
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
return await CommandRunner.RunAsync(args, CliConsole.System(), cancel.Token);

namespace SpineSense.Cli
{
    public static class CommandRunner
    {
        /// <summary>All commands, in the order the help lists them. Add a command here and in Commands/.</summary>
        public static IReadOnlyList<ICliCommand> Commands { get; } =
        [
            new VersionCommand(),
            new DemoCommand(), new SessionCommand(), new RecordCommand(),
            new SimulateCommand(),
            new AnalyzeCommand(),
            new ScanCommand(),
            new ExportCommand(),
            new ServeCommand(),
        ];

        public static async Task<int> RunAsync(IReadOnlyList<string> args, CliConsole console, CancellationToken cancel)
        {
            if (args.Count == 0 || args[0] is "--help" or "-h" or "help")
            {
                // Help goes to stdout too: on a full disk it fails like any command's output (StandardOutputWriter).
                try { WriteHelp(console.Out); }
                catch (CliException e)
                {
                    console.Error.WriteLine($"spinesense: {e.Message}");
                    return e.ExitCode;
                }
                return args.Count == 0 ? CliException.BadInput : 0;
            }
            var command = Commands.FirstOrDefault(c => c.Name == args[0]);
            if (command is null)
            {
                console.Error.WriteLine($"spinesense: unknown command '{args[0]}'. Commands: {string.Join(", ", Commands.Select(c => c.Name))}");
                return CliException.BadInput;
            }
            try
            {
                if (args.Skip(1).Any(a => a is "--help" or "-h"))
                {
                    console.Out.WriteLine(command.Usage);
                    return 0;
                }
                return await command.RunAsync(args.Skip(1).ToArray(), console, cancel);
            }
            catch (CliException e)
            {
                console.Error.WriteLine($"spinesense {command.Name}: {e.Message}");
                return e.ExitCode;
            }
            catch (StorageException e)
            {
                // A storage failure a command did not map itself (e.g. while a server or session runs): still one line.
                var cli = CliException.FromStorage(e);
                console.Error.WriteLine($"spinesense {command.Name}: {cli.Message}");
                return cli.ExitCode;
            }
            catch (OperationCanceledException) when (cancel.IsCancellationRequested)
            {
                console.Error.WriteLine($"spinesense {command.Name}: cancelled");
                return 130;
            }
        }

        private static void WriteHelp(TextWriter o)
        {
            o.WriteLine("spinesense - lumbar spine motion monitor");
            o.WriteLine();
            o.WriteLine("Commands:");
            foreach (var c in Commands) o.WriteLine($"  {c.Name,-10} {c.Summary}");
            o.WriteLine();
            o.WriteLine("Run 'spinesense COMMAND --help' for a command's options.");
        }
    }
}
