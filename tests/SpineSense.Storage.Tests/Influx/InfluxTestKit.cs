using SpineSense.Motion.Results;
using SpineSense.Motion.Samples;
using SpineSense.Storage.Influx;
using SpineSense.Storage.Model;
using SpineSense.Storage.Targets;
using SpineSense.TestSupport;

namespace SpineSense.Storage.Tests.Influx;

[CollectionDefinition("influx")]
public sealed class InfluxCollection : ICollectionFixture<InfluxServerFixture>;

/// <summary>Shared helpers: a fresh database per test, fast store options, and a deterministic session.</summary>
internal static class InfluxTestKit
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    public static async Task<string> NewDatabaseAsync(InfluxServer server)
    {
        string db = "t" + Guid.NewGuid().ToString("N")[..12];
        await server.PostQueryAsync($"CREATE DATABASE \"{db}\"");
        return db;
    }

    public static StoreTarget Target(InfluxServer server, string db, int? port = null, string? user = null, string? password = null) =>
        StoreTarget.Influx1("127.0.0.1", port ?? server.HttpPort, db, user, password);

    public static StoreOptions Options(string dir, bool verify = true, long outboxMax = 1L << 30, TimeSpan? httpTimeout = null) => new()
    {
        ConfigDbPath = Path.Combine(dir, "config.db"),
        OutboxDirectory = Path.Combine(dir, "outbox"),
        OutboxMaxBytes = outboxMax,
        SealInterval = TimeSpan.FromMilliseconds(50),
        FsyncInterval = TimeSpan.FromMilliseconds(200),
        VerifyOnOpen = verify,
        HttpTimeout = httpTimeout ?? TimeSpan.FromSeconds(5),
        Retry = new RetryPolicy { FirstDelay = TimeSpan.FromMilliseconds(50), MaxDelay = TimeSpan.FromMilliseconds(400) },
    };

    /// <summary>Sample i of the deterministic test signal: values that identify i, so a comparison finds any mix-up.</summary>
    public static ImuSample Sample(int i) => new(i * 0.005, 0.001 * (i % 1000), 1 - 0.00001 * (i % 997), -0.5 + 0.00002 * (i % 50000),
        0.125 * (i % 360), -0.25 * (i % 100), 0.5);

    public static void WriteSamples(ISessionWriter w, int from, int count)
    {
        var buf = new ImuSample[Math.Min(count, 500)];
        for (int done = 0; done < count;)
        {
            int n = Math.Min(buf.Length, count - done);
            for (int k = 0; k < n; k++) buf[k] = Sample(from + done + k);
            w.WriteSamples(buf.AsSpan(0, n));
            done += n;
        }
    }

    /// <summary>Writes a small but complete session; returns the writer (not ended).</summary>
    public static async Task<ISessionWriter> WriteFullSessionAsync(ISessionStore store, string athlete, string id, DateTimeOffset start, int samples)
    {
        var w = await store.StartSessionAsync(new SessionStart(athlete, start, "beginner", SessionId: id));
        WriteSamples(w, 0, samples);
        for (int i = 0; i < samples; i++) w.WriteAngles(i * 0.005, new SpineAngles(30 * Math.Sin(i * 0.01) + (i == samples / 2 ? 50 : 0), 0.5, -1.25));
        w.WriteRep("goblet-squat", new RepResult(1, 1, 1.0, 4.0, 1.5, 0.25, 1.0, 0.2, 62.5, AlertKind.Flexion | AlertKind.Rotation));
        w.WriteRep("goblet-squat", new RepResult(1, 2, 4.2, 7.0, 1.4, 0.3, 1.1, 0.0, 58.0, AlertKind.None));
        w.WriteSet("goblet-squat", new SetResult(1, 1.0, 7.0, 2));
        w.WriteHold("side-plank", new HoldResult(10, 30, 1.2));
        w.WriteAlert("goblet-squat", new AlertEvent(2.5, AlertKind.Flexion, 62.5, 60));
        w.WriteAlert(null, new AlertEvent(8.25, AlertKind.Impact, 3.5, 3));
        w.WriteLinkHealth(new LinkHealth(1, 87, -61, 3, 400));
        return w;
    }

    public static async Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("timed out waiting for " + what);
            await Task.Delay(20);
        }
    }
}

/// <summary>
/// Base for tests that need an influxd of their own (stopped, restarted, with authentication) and a temporary
/// directory: the server is started before each test and disposed, with the directory, after it.
/// </summary>
public abstract class OwnInfluxServerTests(string dirPrefix, string database, string? adminUser = null, string? adminPassword = null) : IAsyncLifetime
{
    protected InfluxServer Server { get; private set; } = null!;
    protected string Dir { get; } = Directory.CreateTempSubdirectory(dirPrefix).FullName;

    public async Task InitializeAsync() => Server = await InfluxServer.StartAsync(database, adminUser, adminPassword);

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        Directory.Delete(Dir, recursive: true);
    }
}
