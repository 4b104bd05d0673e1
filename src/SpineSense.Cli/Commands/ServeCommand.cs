using SpineSense.Server;
using SpineSense.Server.Auth;
using SpineSense.Server.Data;
using SpineSense.Server.Live;
using SpineSense.Storage;

namespace SpineSense.Cli.Commands;

/// <summary>
/// `spinesense serve`: the web dashboard on Kestrel. Loopback by default; any other address needs a users
/// file (sign-in with roles). `--hash-password` turns a password on stdin into a users-file hash.
/// </summary>
internal sealed class ServeCommand : ICliCommand
{
    public const string EnvUsers = "SPINESENSE_USERS";

    public string Name => "serve";
    public string Summary => "web dashboard: live view, session review, trends, athletes and limits";
    public string Usage =>
        "spinesense serve [--urls URL] [--store TARGET] [--users FILE] [--plans DIR]\n" +
        "spinesense serve --hash-password   (reads a password from stdin, prints its hash for the users file)\n" +
        $"  --urls   Kestrel URLs, ';'-separated (default {DashboardServerOptions.DefaultUrl}). A non-loopback address\n" +
        $"           needs --users (or {EnvUsers}).\n" +
        "  --store  sqlite:PATH | influx1://HOST:PORT/DB | influx2://HOST:PORT?org=ORG&bucket=BUCKET (or SPINESENSE_STORE)\n" +
        "  --plans  directory of plan JSON files offered beside the built-in plans\n" +
        "  --users  JSON users file: {\"users\":[{\"name\":..,\"role\":\"physio\"|\"athlete\",\"athlete\":..,\"password\":\"pbkdf2-sha256$..\"}]}\n" +
        "See docs/DASHBOARD.md.";

    public async Task<int> RunAsync(IReadOnlyList<string> args, CliConsole console, CancellationToken cancel)
    {
        var a = new CliArgs(args, new HashSet<string>(StringComparer.Ordinal) { "hash-password" });
        if (a.Flag("hash-password"))
        {
            a.ThrowOnUnused(0);
            string? password = Console.In.ReadLine();
            if (string.IsNullOrEmpty(password)) throw CliException.Usage("--hash-password reads the password from stdin: got nothing");
            console.Out.WriteLine(PasswordHasher.Hash(password));
            return 0;
        }
        string urls = a.String("urls") ?? DashboardServerOptions.DefaultUrl;
        string? storeOption = a.String("store");
        string? usersPath = a.String("users") ?? NullIfEmpty(Environment.GetEnvironmentVariable(EnvUsers));
        string? plansDir = a.String("plans");
        a.ThrowOnUnused(0);

        UserDirectory? users;
        PlanLibrary plans;
        try
        {
            users = usersPath is null ? null : UserDirectory.Load(usersPath);
            plans = new PlanLibrary(plansDir);
            // Fail on an unsafe binding before opening anything.
            BindingGuard.Check(urls, users is not null);
        }
        catch (DashboardConfigException e) { throw CliException.Usage(e.Message); }

        ISessionStore store;
        try { store = await SpineStore.OpenAsync(storeOption, cancel: cancel); }
        catch (StorageException e) { throw CliException.FromStorage(e); }

        await using (store)
        {
            DashboardServer server;
            try
            {
                server = await DashboardServer.StartAsync(new DashboardServerOptions
                {
                    Urls = urls,
                    Store = new StoreDashboardData(store, plans),
                    LiveSource = new StreamingLiveSource(store, plans),
                    Users = users,
                }, cancel);
            }
            // A Kestrel endpoint from configuration that breaks the loopback rule is bad configuration (2, like --urls);
            // a valid address the machine refused (port in use) is the environment (3).
            catch (DashboardConfigException e) { throw new CliException(e.IsBadInput ? CliException.BadInput : CliException.Unavailable, e.Message); }

            await using (server)
            {
                console.Out.WriteLine($"SpineSense dashboard on {string.Join(", ", server.Urls)}");
                console.Out.WriteLine($"  store: {store.Target}");
                console.Out.WriteLine(users is null
                    ? "  sign-in: off (loopback only; add --users FILE to require it)"
                    : $"  sign-in: on ({users.Count} users from {usersPath})");
                if (!server.Assets.Present) console.Error.WriteLine($"spinesense serve: warning: {SpineSense.Server.Assets.EmbeddedAssets.MissingMessage}");
                console.Out.WriteLine("Press Ctrl+C to stop.");
                // Ends on Ctrl+C (cancel) or when the host stops itself (SIGTERM from `kill` or a service manager).
                try { await server.WaitForShutdownAsync(cancel); }
                catch (OperationCanceledException) { }
            }
        }
        return 0;
    }

    private static string? NullIfEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;
}
