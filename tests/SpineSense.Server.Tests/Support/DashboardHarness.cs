using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.Logging;
using SpineSense.Server.Auth;
using SpineSense.Server.Data;
using SpineSense.Server.Live;
using SpineSense.Storage;
using SpineSense.Storage.Targets;

namespace SpineSense.Server.Tests.Support;

/// <summary>
/// A real dashboard on 127.0.0.1 (free port) over a real store, with sign-in: physio "lee" looks after
/// athlete "Sam" (user "sam"), physio "ana" after "Kim" (user "kim"). Every log line is captured so tests
/// can check that no secret is ever written.
/// </summary>
public sealed class DashboardHarness : IAsyncDisposable
{
    public const string Password = "pw-Very-Secret-123";
    private readonly string _dir;

    public ISessionStore Store { get; }
    public DashboardServer Server { get; }
    public Uri BaseUri { get; }
    public CapturingLoggerProvider Logs { get; }
    public Exception? StoreDisposeError { get; private set; }

    private DashboardHarness(string dir, ISessionStore store, DashboardServer server, CapturingLoggerProvider logs)
    {
        _dir = dir; Store = store; Server = server; Logs = logs;
        BaseUri = new Uri(server.Urls[0].Replace("[::]", "127.0.0.1", StringComparison.Ordinal) + "/");
    }

    public static UserDirectory Users() => UserDirectory.Parse($$"""
        {"users":[
          {"name":"lee","role":"physio","password":"{{PasswordHasher.Hash(Password, 10_000)}}"},
          {"name":"ana","role":"physio","password":"{{PasswordHasher.Hash(Password, 10_000)}}"},
          {"name":"sam","role":"athlete","athlete":"Sam","password":"{{PasswordHasher.Hash(Password, 10_000)}}"},
          {"name":"kim","role":"athlete","athlete":"Kim","password":"{{PasswordHasher.Hash(Password, 10_000)}}"}]}
        """, "harness");

    /// <summary>Starts a server. <paramref name="store"/> null = a fresh SQLite store in a temp directory.</summary>
    public static async Task<DashboardHarness> StartAsync(bool signIn = true, ISessionStore? store = null,
        Func<ISessionStore, ILiveSessionSource>? liveFactory = null, PlanLibrary? plans = null)
    {
        string dir = Path.Combine(Path.GetTempPath(), "spinesense-server-tests-" + Guid.NewGuid().ToString("n"));
        Directory.CreateDirectory(dir);
        store ??= await SpineStore.OpenAsync(StoreTarget.Sqlite(Path.Combine(dir, "store.db")));
        await store.Config.UpsertAthleteAsync("Sam", "lee", "beginner");
        await store.Config.UpsertAthleteAsync("Kim", "ana", "beginner");
        var logs = new CapturingLoggerProvider();
        var server = await DashboardServer.StartAsync(new DashboardServerOptions
        {
            Urls = "http://127.0.0.1:0",
            Store = new StoreDashboardData(store, plans),
            LiveSource = liveFactory?.Invoke(store),
            Users = signIn ? Users() : null,
            // Everything, down to Trace, so the no-secrets check sees what a debugging admin would see.
            ConfigureLogging = b => { b.AddProvider(logs); b.SetMinimumLevel(LogLevel.Trace); b.AddFilter("Microsoft.AspNetCore", LogLevel.Trace); b.AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Trace); },
        });
        return new DashboardHarness(dir, store, server, logs);
    }

    public HttpClient Client() =>
        new(new HttpClientHandler { CookieContainer = new CookieContainer(), UseCookies = true, AllowAutoRedirect = false }) { BaseAddress = BaseUri, Timeout = TimeSpan.FromSeconds(30) };

    public async Task<HttpClient> SignedInAsync(string user)
    {
        var client = Client();
        var res = await client.PostAsJsonAsync("api/login", new { name = user, password = Password });
        res.EnsureSuccessStatusCode();
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        // A store that fails while flushing at the end must not hide the assertion that failed before it;
        // the tests that care about stored data read it before this point.
        try { await Store.DisposeAsync(); }
        catch (Exception e) when (e is InvalidOperationException or StorageException) { StoreDisposeError = e; }
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }
}

/// <summary>Keeps every log message (all levels) for inspection.</summary>
public sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly List<string> _lines = new();

    public IReadOnlyList<string> Lines { get { lock (_lines) return _lines.ToList(); } }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose() { }

    private sealed class Logger(CapturingLoggerProvider owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (owner._lines) owner._lines.Add($"{logLevel} {category}: {formatter(state, exception)} {exception}");
        }
    }
}
