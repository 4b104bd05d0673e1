using System.Diagnostics;
using System.Globalization;
using SpineSense.TestSupport;

namespace SpineSense.Storage.Tests.Outbox;

/// <summary>
/// SpineSense SIGKILLed mid-session (a separate writer process), restarted, the outbox replayed: what reaches InfluxDB
/// is a gap-free prefix of what was written, each point once, and the loss stays within the documented bound
/// (docs/STORAGE.md: the unsealed batch, at most <see cref="StoreOptions.BatchMaxPoints"/> points / one SealInterval).
/// </summary>
[Collection("influx-faults")]
public sealed class CrashTests(Xunit.Abstractions.ITestOutputHelper output) : IAsyncLifetime
{
    private InfluxServer _server = null!;
    private readonly string _dir = Directory.CreateTempSubdirectory("spinesense-crash-").FullName;

    public async Task InitializeAsync() => _server = await InfluxServer.StartAsync("spine");

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public async Task Sigkill_mid_session_loses_at_most_the_unsealed_batch_and_replay_duplicates_nothing()
    {
        await _server.StopAsync(); // everything the writer hands over must survive in the outbox alone
        string outbox = Path.Combine(_dir, "outbox");
        var options = new StoreOptions();
        const int perTick = 100; // 100 samples / 10 ms = 10,000 points/s
        using var writer = StartWriter(_server.StoreTarget, outbox, Path.Combine(_dir, "config.db"), perTick);
        long lastReported = 0;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (lastReported < 30_000)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("writer too slow: " + await writer.StandardError.ReadToEndAsync());
            string? line = await writer.StandardOutput.ReadLineAsync();
            if (line is null) throw new InvalidOperationException("writer exited: " + await writer.StandardError.ReadToEndAsync());
            if (line.StartsWith("n=", StringComparison.Ordinal)) lastReported = long.Parse(line[2..], CultureInfo.InvariantCulture);
        }
        writer.Kill(); // SIGKILL: no finally blocks, no flush, no dispose
        await writer.WaitForExitAsync();
        // Lines printed after our last read were also handed over before the kill: count them too.
        string rest = await writer.StandardOutput.ReadToEndAsync();
        foreach (var l in rest.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            if (l.StartsWith("n=", StringComparison.Ordinal)) lastReported = long.Parse(l[2..], CultureInfo.InvariantCulture);

        await _server.StartAsync();
        await using (var store = await SpineStore.OpenAsync(StoreTarget(_server), new StoreOptions
        {
            OutboxDirectory = outbox, ConfigDbPath = Path.Combine(_dir, "config.db"),
        }))
        {
            Assert.True(await store.DrainAsync(TimeSpan.FromSeconds(60)));
        }
        long stored = await _server.CountAsync("imu", "acc_x_g");
        var last = await _server.RowsAsync("SELECT last(\"acc_x_g\") FROM \"imu\"");
        long lastIndex = (long)Math.Round(last[0][1].GetDouble() / 1e-5);
        Assert.Equal(stored - 1, lastIndex);                 // a gap-free prefix: nothing missing in the middle, nothing twice
        long lost = lastReported - stored;
        output.WriteLine($"handed over {lastReported}, stored after replay {stored}, lost {lost}");
        Assert.InRange(lost, 0, options.BatchMaxPoints);     // the documented bound
        // At 10,000 points/s one SealInterval (200 ms) is 2,000 points; the timer checks 4× per interval.
        Assert.True(lost <= 10_000 * 0.25 + perTick + 1500, $"lost {lost} points of {lastReported}");
        Assert.Single(await _server.RowsAsync("SELECT \"session_id\" FROM \"sessions\""));
    }

    private static global::SpineSense.Storage.Targets.StoreTarget StoreTarget(InfluxServer s) =>
        global::SpineSense.Storage.Targets.StoreTarget.Parse(s.StoreTarget);

    private static Process StartWriter(string target, string outbox, string configDb, int perTick)
    {
        string dll = Path.Combine(AppContext.BaseDirectory.Replace("SpineSense.Storage.Tests", "SpineSense.Storage.CrashWriter"),
            "SpineSense.Storage.CrashWriter.dll");
        Assert.True(File.Exists(dll), "crash writer not built: " + dll);
        var psi = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            ArgumentList = { dll, target, outbox, configDb, perTick.ToString(CultureInfo.InvariantCulture) },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        return Process.Start(psi)!;
    }
}
