using System.Net;
using SpineSense.Storage.Influx;
using SpineSense.Storage.Model;
using SpineSense.Storage.Targets;
using static SpineSense.Storage.Tests.Influx.InfluxTestKit;

namespace SpineSense.Storage.Tests.Influx;

/// <summary>
/// The sender's writes in flight against scripted answers (a handler under the HTTP client, so the order in which
/// answers arrive is chosen by the test): acknowledgement only in outbox order, a failure resends from the failed
/// batch on, nothing counted twice. The same behaviour against a real, killed influxd is in <see cref="InfluxFaultTests"/>.
/// </summary>
public sealed class InfluxSenderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("spinesense-sender-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>
    /// Records every request body in arrival order; holds all answers until <see cref="Open"/>, then answers what the
    /// script says.
    /// </summary>
    private sealed class ScriptedInflux(Func<string, Task<HttpStatusCode>> answer) : HttpMessageHandler
    {
        private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public List<string> Sent { get; } = [];

        public void Open() => _open.TrySetResult();

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancel)
        {
            string body = await request.Content!.ReadAsStringAsync(cancel);
            lock (Sent) Sent.Add(body);
            await _open.Task.WaitAsync(cancel);
            return new HttpResponseMessage(await answer(body));
        }
    }

    private async Task<(ISessionStore Store, ScriptedInflux Server, List<string> Records)> WriteBeforeAnswersAsync(
        Func<IReadOnlyList<string>, string, Task<HttpStatusCode>> script, int samples, List<StorageException>? faults = null)
    {
        // Records in outbox order, known once everything is written: the script refers to them by position.
        var records = new List<string>();
        var server = new ScriptedInflux(body => script(records, body));
        var options = new StoreOptions
        {
            ConfigDbPath = Path.Combine(_dir, "config.db"),
            OutboxDirectory = Path.Combine(_dir, "outbox"),
            BatchMaxPoints = 500,
            WritesInFlight = 2,
            Gzip = false,
            VerifyOnOpen = false,
            Retry = new RetryPolicy { FirstDelay = TimeSpan.FromMilliseconds(20), MaxDelay = TimeSpan.FromMilliseconds(100) },
        };
        var store = await InfluxSessionStore.OpenAsync(StoreTarget.Influx1("127.0.0.1", 8086, "spine"), options, default, server);
        if (faults is not null) store.Faulted += f => { lock (faults) faults.Add(f); };
        var w = await store.StartSessionAsync(new SessionStart("Ann", T0, SessionId: "s-1"));
        WriteSamples(w, 0, samples);
        await w.EndAsync(T0.AddSeconds(samples * 0.005));
        // Read from the files, not through the outbox: its read-ahead cursor is the (retrying) sender's.
        foreach (string seg in Directory.GetFiles(Path.Combine(_dir, "outbox"), "*.seg").Order(StringComparer.Ordinal))
        {
            byte[] bytes;
            using (var f = new FileStream(seg, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
            {
                bytes = new byte[f.Length];
                f.ReadExactly(bytes);
            }
            for (int pos = 0; pos < bytes.Length;)
            {
                int len = BitConverter.ToInt32(bytes, pos + 4); // record = magic, length, points, CRC (u32 LE each), payload
                records.Add(System.Text.Encoding.UTF8.GetString(bytes, pos + 16, len));
                pos += 16 + len;
            }
        }
        Assert.True(records.Count >= 6, $"{records.Count} records");
        server.Open(); // everything is in the outbox: the sender's window fills from here on
        return (store, server, records);
    }

    [Fact]
    public async Task A_later_batch_answered_first_waits_and_a_failed_earlier_one_is_resent_with_everything_behind_it()
    {
        var laterAnswered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        bool failedOnce = false, overlapped = false;
        var (store, server, records) = await WriteBeforeAnswersAsync(async (recs, body) =>
        {
            if (body == recs[2]) { laterAnswered.TrySetResult(); return HttpStatusCode.NoContent; }
            if (body == recs[1] && !failedOnce)
            {
                failedOnce = true;
                // Answer record 1 only after record 2 — possible only when both are in flight — and then refuse it.
                overlapped = await Task.WhenAny(laterAnswered.Task, Task.Delay(TimeSpan.FromSeconds(10))) == laterAnswered.Task;
                return HttpStatusCode.ServiceUnavailable;
            }
            return HttpStatusCode.NoContent;
        }, samples: 3000);
        await using (store)
        {
            Assert.True(await store.DrainAsync(TimeSpan.FromSeconds(20)));
            Assert.True(overlapped, "records 1 and 2 were never in flight together");
            var stats = store.Stats;
            Assert.Equal(stats.PointsAccepted, stats.PointsStored); // record 2's first success was not counted (nor acknowledged)
            Assert.Equal(0, stats.PointsPending);
        }
        List<string> sent;
        lock (server.Sent) sent = [.. server.Sent];
        var order = sent.Select(b => records.IndexOf(b)).ToList();
        Assert.DoesNotContain(-1, order);
        // 0, then 1 and 2 together (1 refused after 2 was stored), then again from 1 on, in order, each once.
        Assert.Equal(Enumerable.Range(0, 3), order.Take(3).Order());
        Assert.Equal(Enumerable.Range(1, records.Count - 1), order.Skip(3));
    }

    [Fact]
    public async Task A_malformed_earlier_batch_is_set_aside_and_the_one_behind_it_is_sent_again()
    {
        var faults = new List<StorageException>();
        var (store, server, records) = await WriteBeforeAnswersAsync((recs, body) =>
            Task.FromResult(body == recs[1] ? HttpStatusCode.BadRequest : HttpStatusCode.NoContent), samples: 3000, faults);
        await using (store)
        {
            Assert.True(await store.DrainAsync(TimeSpan.FromSeconds(20)));
            var stats = store.Stats;
            int rejected = records[1].Count(c => c == '\n');
            Assert.Equal(rejected, stats.PointsRejected);
            Assert.Equal(stats.PointsAccepted - rejected, stats.PointsStored);
        }
        lock (faults) Assert.Equal(StorageErrorCode.MalformedPoint, Assert.Single(faults).Code);
        Assert.Equal(records[1], File.ReadAllText(Path.Combine(_dir, "outbox", "rejected.lp")));
        List<string> sent;
        lock (server.Sent) sent = [.. server.Sent];
        // Every record but the refused one reached the server; the refused one was tried exactly once, the one in flight
        // behind it twice (its first answer came with an unacknowledged record before it).
        Assert.Single(sent, b => b == records[1]);
        Assert.Equal(2, sent.Count(b => b == records[2]));
        Assert.All(records.Where((_, i) => i != 1), r => Assert.Contains(r, sent));
    }
}
