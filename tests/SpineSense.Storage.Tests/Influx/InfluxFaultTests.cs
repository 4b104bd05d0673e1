using SpineSense.Storage.Influx;
using SpineSense.Storage.Model;
using SpineSense.TestSupport;
using static SpineSense.Storage.Tests.Influx.InfluxTestKit;

namespace SpineSense.Storage.Tests.Influx;

/// <summary>
/// Faults with a real influxd of their own (killed, restarted, slowed, misconfigured). Each ends with every point
/// present exactly once (count and compare) or with one clear error.
/// </summary>
[Collection("influx-faults")]
public sealed class InfluxFaultTests() : OwnInfluxServerTests("spinesense-faults-", "spine")
{
    [Fact]
    public async Task Server_down_at_session_start_then_up_stores_every_point_once()
    {
        await Server.StopAsync();
        await using var store = await SpineStore.OpenAsync(Target(Server, "spine"), Options(Dir, verify: false));
        var w = await store.StartSessionAsync(new SessionStart("Ann", T0, SessionId: "down-1"));
        WriteSamples(w, 0, 20_000);
        await w.EndAsync(T0.AddSeconds(100));
        await WaitUntilAsync(() => store.Stats.LastError is not null, TimeSpan.FromSeconds(10), "a failed delivery");
        Assert.False(store.Stats.Delivering);
        Assert.Equal(20_000 + 100 + 2, store.Stats.PointsPending); // samples, 100 s of per-second aggregates, start + end rows: all in the outbox
        Assert.True(store.Stats.OutboxBytes > 0);

        await Server.StartAsync();
        Assert.True(await store.DrainAsync(TimeSpan.FromSeconds(30)));
        await AssertSamplesExactlyAsync(0, 20_000);
        Assert.Equal(0, store.Stats.PointsDropped);
    }

    [Fact]
    public async Task Server_killed_mid_session_and_restarted_loses_and_duplicates_nothing()
    {
        await using var store = await SpineStore.OpenAsync(Target(Server, "spine"), Options(Dir));
        var w = await store.StartSessionAsync(new SessionStart("Ann", T0, SessionId: "kill-1"));
        WriteSamples(w, 0, 10_000);
        await w.FlushAsync();
        await Task.Delay(100);               // some batches in flight or delivered when the server dies
        await Server.StopAsync();
        WriteSamples(w, 10_000, 10_000);     // the set goes on while the server is gone
        await w.FlushAsync();
        await Task.Delay(300);
        await Server.StartAsync();
        WriteSamples(w, 20_000, 5_000);
        await w.EndAsync(T0.AddSeconds(200));
        Assert.True(await store.DrainAsync(TimeSpan.FromSeconds(30)));
        await AssertSamplesExactlyAsync(0, 25_000);
    }

    [Fact]
    public async Task Server_killed_with_writes_in_flight_leaves_the_outbox_a_contiguous_remainder_and_replay_stores_every_point_once()
    {
        const int total = 60_000;
        // Slowed answers keep four requests of 500 points in flight for the whole delivery, so the kill lands mid-way.
        await using var proxy = new DelayingTcpProxy(Server.HttpPort, TimeSpan.FromMilliseconds(15));
        var options = Options(Dir, verify: false) with { BatchMaxPoints = 500, WritesInFlight = 4 };
        await using (var store = await SpineStore.OpenAsync(Target(Server, "spine", port: proxy.Port), options))
        {
            var w = await store.StartSessionAsync(new SessionStart("Ann", T0, SessionId: "inflight-1"));
            WriteSamples(w, 0, total);
            await w.EndAsync(T0.AddSeconds(300));
            await WaitUntilAsync(() => store.Stats.PointsStored >= 10_000, TimeSpan.FromSeconds(30), "deliveries under way");
            await Server.StopAsync(); // SIGKILL with requests in flight
            Assert.True(store.Stats.PointsPending > 0, "everything was delivered before the kill: the test proves nothing");
        } // SpineSense closes too: what is not acknowledged stays in the outbox

        await Server.StartAsync();
        // The outbox holds exactly one contiguous run of samples, up to the last; the server holds everything before it.
        var outboxed = new List<long>();
        using (var outbox = new Storage.Outbox.DiskOutbox(Path.Combine(Dir, "outbox"), 1L << 30, TimeSpan.FromSeconds(1)))
        {
            byte[]? buffer = null;
            while (outbox.TryReadNext(ref buffer, out var r))
                foreach (string line in System.Text.Encoding.UTF8.GetString(r.Data.Span).Split('\n'))
                    if (line.StartsWith("imu,", StringComparison.Ordinal)) outboxed.Add(SampleIndexOf(line));
        }
        Assert.NotEmpty(outboxed);
        long first = outboxed[0];
        Assert.Equal(Enumerable.Range((int)first, total - (int)first).Select(i => (long)i), outboxed);
        long t0Ns = (T0.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100;
        var before = await Server.RowsAsync($"SELECT count(\"acc_x_g\") FROM \"imu\" WHERE time < {t0Ns + first * 5_000_000}");
        Assert.True(first > 0, "10,000 points were stored before the kill, so the outbox cannot start at sample 0");
        Assert.Equal(first, before[0][1].GetInt64());

        await using (var replay = await SpineStore.OpenAsync(Target(Server, "spine"), options))
            Assert.True(await replay.DrainAsync(TimeSpan.FromSeconds(30)));
        await AssertSamplesExactlyAsync(0, total);
        Assert.Equal(300, await Server.CountAsync("imu_1s", "n"));
    }

    // Sample index of an "imu" line: its µs timestamp is T0 + i × 5 ms.
    private static long SampleIndexOf(string line)
    {
        long us = long.Parse(line.AsSpan(line.LastIndexOf(' ') + 1), System.Globalization.CultureInfo.InvariantCulture);
        return (us - (T0.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10) / 5000;
    }

    [Fact]
    public async Task Slow_server_beyond_the_timeout_still_ends_with_every_point_once()
    {
        await using var proxy = new DelayingTcpProxy(Server.HttpPort, TimeSpan.FromMilliseconds(1500));
        await using var store = await SpineStore.OpenAsync(Target(Server, "spine", port: proxy.Port),
            Options(Dir, verify: false, httpTimeout: TimeSpan.FromMilliseconds(500)));
        var w = await store.StartSessionAsync(new SessionStart("Ann", T0, SessionId: "slow-1"));
        WriteSamples(w, 0, 15_000);
        await w.EndAsync(T0.AddSeconds(100));
        // Answers arrive after the client gave up: the server may have stored a batch the client retries.
        await WaitUntilAsync(() => store.Stats.LastError?.Contains("unreachable") == true, TimeSpan.FromSeconds(10), "a timeout");
        Assert.False(await store.DrainAsync(TimeSpan.FromMilliseconds(200)));
        proxy.Delay = TimeSpan.FromMilliseconds(50); // slow but within the timeout
        Assert.True(await store.DrainAsync(TimeSpan.FromSeconds(60)));
        await AssertSamplesExactlyAsync(0, 15_000);
        Assert.True(proxy.Connections > 1);
    }

    [Fact]
    public async Task Missing_database_is_one_clear_error_at_open_and_while_writing()
    {
        var e = await Assert.ThrowsAsync<StorageException>(() => SpineStore.OpenAsync(Target(Server, "nope"), Options(Dir)));
        Assert.Equal(StorageErrorCode.DatabaseNotFound, e.Code);
        Assert.Contains("no database 'nope'", e.Message);

        await using var store = await SpineStore.OpenAsync(Target(Server, "nope"), Options(Dir, verify: false));
        var faults = new List<StorageException>();
        store.Faulted += f => { lock (faults) faults.Add(f); };
        var w = await store.StartSessionAsync(new SessionStart("Ann", T0, SessionId: "nodb"));
        WriteSamples(w, 0, 1000);
        await w.FlushAsync();
        await WaitUntilAsync(() => { lock (faults) return faults.Count > 0; }, TimeSpan.FromSeconds(10), "the fault");
        await Task.Delay(1000); // no retry loop: still exactly one report a second later
        lock (faults) Assert.Equal(StorageErrorCode.DatabaseNotFound, Assert.Single(faults).Code);
        var end = await Assert.ThrowsAsync<StorageException>(async () => await w.EndAsync(T0.AddSeconds(10)));
        Assert.Equal(StorageErrorCode.DatabaseNotFound, end.Code);
        Assert.Equal(1 + 1000 + 5 + 1, store.Stats.PointsPending); // start, samples, 5 s of aggregates, end: kept in the outbox for a fixed configuration
    }

    [Fact]
    public async Task Outbox_full_refuses_counts_and_reports_then_delivers_the_rest_exactly()
    {
        await Server.StopAsync();
        await using var store = await SpineStore.OpenAsync(Target(Server, "spine"),
            Options(Dir, verify: false, outboxMax: 256 * 1024) with { BatchMaxPoints = 500 });
        var faults = new List<StorageException>();
        store.Faulted += f => { lock (faults) faults.Add(f); };
        var w = await store.StartSessionAsync(new SessionStart("Ann", T0, SessionId: "full-1"));
        WriteSamples(w, 0, 20_000); // ≈ 2 MB of line protocol into a 256 kB outbox
        await w.FlushAsync();
        var stats = store.Stats;
        Assert.True(stats.PointsDropped > 10_000, $"dropped {stats.PointsDropped}");
        Assert.True(stats.OutboxBytes <= 256 * 1024);
        StorageException full;
        lock (faults) full = Assert.Single(faults); // once per episode, not per batch
        Assert.Equal(StorageErrorCode.OutboxFull, full.Code);
        Assert.Contains("outbox", full.Message);
        // Stats.LastError is whichever error came last: the sender's "connection refused" may follow the refusal.
        Assert.NotNull(stats.LastError);

        await Server.StartAsync();
        Assert.True(await store.DrainAsync(TimeSpan.FromSeconds(30)));
        long stored = await Server.CountAsync("imu", "acc_x_g");
        long aggregates = await Server.CountAsync("imu_1s", "n");
        stats = store.Stats;
        Assert.Equal(stats.PointsAccepted - stats.PointsDropped, stats.PointsStored);
        Assert.Equal(stats.PointsStored, stored + aggregates + 1); // + the session row: every accepted point arrived once
        Assert.Equal(1 + 20_000 + 99, stats.PointsAccepted);      // 99 whole seconds of aggregates were emitted
        Assert.True(stored < 20_000 && stored > 0);
    }

    private async Task AssertSamplesExactlyAsync(int from, int count)
    {
        Assert.Equal(count, await Server.CountAsync("imu", "acc_x_g"));
        var rows = await Server.RowsAsync("SELECT \"acc_x_g\", \"acc_y_g\", \"gyr_x_dps\" FROM \"imu\"");
        Assert.Equal(count, rows.Count);
        long t0 = (T0.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;
        for (int i = 0; i < count; i++)
        {
            var s = Sample(from + i);
            Assert.Equal(t0 + (long)Math.Round(s.TimeS * 1e6), rows[i][0].GetInt64());
            Assert.Equal(s.AccXG, rows[i][1].GetDouble(), 5);
            Assert.Equal(s.AccYG, rows[i][2].GetDouble(), 5);
            Assert.Equal(s.GyrXDps, rows[i][3].GetDouble(), 3);
        }
    }
}
