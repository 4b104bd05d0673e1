using System.Globalization;
using SpineSense.Storage;
using SpineSense.Storage.Targets;

namespace SpineSense.Cli.Commands;

/// <summary><c>spinesense export</c>: copies sessions from the embedded SQLite store into InfluxDB, idempotently.</summary>
internal sealed class ExportCommand : ICliCommand
{
    public string Name => "export";
    public string Summary => "copy stored sessions from the embedded store into InfluxDB";
    public string Usage =>
        """
        spinesense export --to TARGET [--store sqlite:PATH] [--session ID | --athlete NAME] [--timeout-s N] [--outbox DIR]

        Copies sessions (raw samples, angles, reps with tempo, sets, holds, alerts, link health) from the embedded
        SQLite store into InfluxDB. Safe to run again: points keep their series and timestamps, so a second run
        changes nothing.
          --to TARGET      influx1://HOST:PORT/DATABASE (SPINESENSE_INFLUX_USER / _PASSWORD)
                           or influx2://HOST:PORT?org=ORG&bucket=BUCKET (SPINESENSE_INFLUX_TOKEN)
          --store TARGET   the SQLite store to read (default: SPINESENSE_STORE, else the default file)
          --session ID     only this session
          --athlete NAME   only this athlete's sessions
          --timeout-s N    how long to wait for InfluxDB to acknowledge everything, 1..3600 s (default 120)
          --outbox DIR     where points wait while InfluxDB is unreachable (default: under the data directory)
        Exit codes: 0 done, 2 bad input, 3 InfluxDB unreachable/refused (nothing is lost: the outbox keeps it).
        """;

    public async Task<int> RunAsync(IReadOnlyList<string> args, CliConsole console, CancellationToken cancel)
    {
        var a = new CliArgs(args);
        string to = a.RequiredString("to");
        string? store = a.String("store");
        string? session = a.String("session");
        string? athlete = a.String("athlete");
        double timeoutS = a.Double("timeout-s", 1, 3600) ?? 120;
        string? outbox = a.String("outbox");
        a.ThrowOnUnused(0);
        if (session is not null && athlete is not null) throw CliException.Usage("give --session or --athlete, not both");

        try
        {
            var source = StoreTarget.Resolve(store);
            if (source.Kind != StoreKind.Sqlite)
                throw CliException.Usage($"--store must be the embedded SQLite store to export from, got {source}");
            if (!File.Exists(source.SqlitePath))
                throw CliException.Usage($"no SQLite store at {source.SqlitePath}: nothing to export");
            var destination = StoreTarget.Parse(to);
            if (destination.Kind == StoreKind.Sqlite)
                throw CliException.Usage("--to must be an InfluxDB target: influx1://HOST:PORT/DATABASE or influx2://HOST:PORT?org=ORG&bucket=BUCKET");

            await using var from = await SpineStore.OpenAsync(source, cancel: cancel);
            await using var into = await SpineStore.OpenAsync(destination, new StoreOptions
            {
                OutboxDirectory = outbox,
                ConfigDbPath = source.SqlitePath,
            }, cancel);
            var progress = new Progress<string>(line => console.Error.WriteLine("exported " + line));
            var result = await SessionExporter.ExportAsync(from, into, session, athlete, TimeSpan.FromSeconds(timeoutS), progress, cancel);
            console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"exported {result.Sessions} session(s), {result.Points} point(s) to {destination}"));
            return 0;
        }
        catch (StorageException e)
        {
            throw CliException.FromStorage(e);
        }
    }
}
