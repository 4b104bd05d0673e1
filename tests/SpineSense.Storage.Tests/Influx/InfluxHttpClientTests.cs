using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Text;
using SpineSense.Storage.Influx;
using SpineSense.Storage.Model;
using SpineSense.Storage.Targets;
using SpineSense.TestSupport;
using static SpineSense.Storage.Tests.Influx.InfluxTestKit;

namespace SpineSense.Storage.Tests.Influx;

/// <summary>
/// Request-format checks against a loopback HttpListener: influxd 1.6.7 does not serve /api/v2/write, so the v2
/// request shape (path, query, Token header, gzip body) is verified here; retry behaviour is scripted here too.
/// </summary>
public sealed class InfluxHttpClientTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("spinesense-http-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private sealed record Seen(string Method, string PathAndQuery, string? Authorization, string? ContentEncoding, string Body);

    /// <summary>Answers each request with the next status of the script (then 204), recording what it saw.</summary>
    private sealed class ScriptedServer : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly Queue<(int Status, string? RetryAfter, string Body)> _script;
        public readonly List<(Seen Request, long AtMs)> Seen = [];
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        public int Port { get; }

        public ScriptedServer(params (int Status, string? RetryAfter, string Body)[] script)
        {
            _script = new(script);
            Port = InfluxServer.FreePort();
            _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
            _listener.Start();
            _ = Task.Run(LoopAsync);
        }

        private async Task LoopAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext ctx;
                try { ctx = await _listener.GetContextAsync(); } catch (Exception) { break; }
                var req = ctx.Request;
                using var body = new MemoryStream();
                if (req.Headers["Content-Encoding"] == "gzip")
                    using (var gz = new GZipStream(req.InputStream, CompressionMode.Decompress)) await gz.CopyToAsync(body);
                else await req.InputStream.CopyToAsync(body);
                lock (Seen) Seen.Add((new Seen(req.HttpMethod, req.Url!.PathAndQuery, req.Headers["Authorization"], req.Headers["Content-Encoding"],
                    Encoding.UTF8.GetString(body.ToArray())), _clock.ElapsedMilliseconds));
                var (status, retryAfter, text) = _script.Count > 0 ? _script.Dequeue() : (204, null, "");
                ctx.Response.StatusCode = status;
                if (retryAfter is not null) ctx.Response.AddHeader("Retry-After", retryAfter);
                var bytes = Encoding.UTF8.GetBytes(text);
                await ctx.Response.OutputStream.WriteAsync(bytes);
                ctx.Response.Close();
            }
        }

        public List<(Seen Request, long AtMs)> Snapshot() { lock (Seen) return [.. Seen]; }

        public void Dispose() => _listener.Close();
    }

    [Fact]
    public async Task V2_write_goes_to_api_v2_write_with_org_bucket_precision_token_and_gzip()
    {
        using var server = new ScriptedServer();
        var target = StoreTarget.Parse($"influx2://127.0.0.1:{server.Port}?org=Clinic%20A&bucket=spine", k => k == StoreTarget.EnvToken ? "tok&en=1" : null);
        using var client = new InfluxHttpClient(target, TimeSpan.FromSeconds(5), gzip: true, TimestampPrecision.Microseconds);
        var outcome = await client.WriteOnceAsync(Encoding.UTF8.GetBytes("imu,athlete=A acc_x_g=1 5\n"), CancellationToken.None);
        Assert.True(outcome.Ok);
        var seen = Assert.Single(server.Snapshot()).Request;
        Assert.Equal("POST", seen.Method);
        Assert.Equal("/api/v2/write?org=Clinic%20A&bucket=spine&precision=us", seen.PathAndQuery);
        Assert.Equal("Token tok&en=1", seen.Authorization);
        Assert.Equal("gzip", seen.ContentEncoding);
        Assert.Equal("imu,athlete=A acc_x_g=1 5\n", seen.Body);
    }

    [Fact]
    public async Task V1_write_sends_db_rp_precision_in_the_query_and_credentials_only_as_basic_auth()
    {
        using var server = new ScriptedServer();
        var target = StoreTarget.Influx1("127.0.0.1", server.Port, "my db", "physio", "p@ss", rp: "raw_90d");
        using var client = new InfluxHttpClient(target, TimeSpan.FromSeconds(5), gzip: false, TimestampPrecision.Nanoseconds);
        Assert.True((await client.WriteOnceAsync(Encoding.UTF8.GetBytes("m f=1 1\n"), CancellationToken.None)).Ok);
        var seen = Assert.Single(server.Snapshot()).Request;
        Assert.Equal("/write?db=my%20db&rp=raw_90d&precision=n", seen.PathAndQuery);
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("physio:p@ss")), seen.Authorization);
        Assert.DoesNotContain("p@ss", seen.PathAndQuery);
        Assert.Null(seen.ContentEncoding);
    }

    [Fact]
    public async Task Honours_retry_after_on_429_and_503_then_delivers()
    {
        using var server = new ScriptedServer((429, "1", "{\"error\":\"slow down\"}"), (503, "1", "busy"));
        var target = StoreTarget.Influx1("127.0.0.1", server.Port, "db");
        using var client = new InfluxHttpClient(target, TimeSpan.FromSeconds(5), true, TimestampPrecision.Microseconds);
        await client.WriteAsync(Encoding.UTF8.GetBytes("m f=1 1\n"), new RetryPolicy { FirstDelay = TimeSpan.FromMilliseconds(1) }, CancellationToken.None);
        var seen = server.Snapshot();
        Assert.Equal(3, seen.Count);
        Assert.InRange(seen[1].AtMs - seen[0].AtMs, 950, 5000); // waited the server's 1 s, not the 1 ms backoff
        Assert.InRange(seen[2].AtMs - seen[1].AtMs, 950, 5000);
    }

    [Theory]
    [InlineData(401, "{\"error\":\"authorization failed\"}", StorageErrorCode.Unauthorized)]
    [InlineData(403, "{\"code\":\"forbidden\",\"message\":\"insufficient permissions\"}", StorageErrorCode.Unauthorized)]
    [InlineData(404, "{\"error\":\"database not found: \\\"x\\\"\"}", StorageErrorCode.DatabaseNotFound)]
    [InlineData(400, "{\"error\":\"unable to parse 'm f=': missing field value\"}", StorageErrorCode.MalformedPoint)]
    public async Task Non_retryable_answers_surface_once_without_a_retry_loop(int status, string body, StorageErrorCode code)
    {
        using var server = new ScriptedServer((status, null, body), (status, null, body), (status, null, body));
        var target = StoreTarget.Parse($"influx2://127.0.0.1:{server.Port}?org=o&bucket=b", k => k == StoreTarget.EnvToken ? "secret-token-42" : null);
        using var client = new InfluxHttpClient(target, TimeSpan.FromSeconds(5), true, TimestampPrecision.Microseconds);
        var e = await Assert.ThrowsAsync<StorageException>(() => client.WriteAsync(Encoding.UTF8.GetBytes("m f=1 1\n"), new RetryPolicy(), CancellationToken.None));
        Assert.Equal(code, e.Code);
        Assert.Equal(status, e.HttpStatus);
        Assert.DoesNotContain("secret-token-42", e.Message);
        Assert.Single(server.Snapshot());
    }

    [Fact]
    public async Task Malformed_batch_is_set_aside_reported_and_the_next_batches_still_go()
    {
        using var server = new ScriptedServer((400, null, "{\"error\":\"partial write: field type conflict\"}"));
        var target = StoreTarget.Influx1("127.0.0.1", server.Port, "db");
        await using var store = await SpineStore.OpenAsync(target, Options(_dir, verify: false) with { BatchMaxPoints = 100 });
        var faults = new List<StorageException>();
        store.Faulted += f => { lock (faults) faults.Add(f); };
        var w = await store.StartSessionAsync(new SessionStart("Ann", T0, SessionId: "bad-1"));
        await w.FlushAsync();            // batch 1 (the session row) is the one the server refuses
        WriteSamples(w, 0, 300);
        await w.EndAsync(T0.AddSeconds(3));
        Assert.True(await store.DrainAsync(TimeSpan.FromSeconds(10)));
        lock (faults) Assert.Equal(StorageErrorCode.MalformedPoint, Assert.Single(faults).Code);
        Assert.Equal(1, store.Stats.PointsRejected);
        Assert.Equal(300 + 2 + 1, store.Stats.PointsStored); // samples + 2 per-second aggregates (1.5 s) + the end row
        Assert.True(File.Exists(Path.Combine(_dir, "outbox", "rejected.lp")));
        Assert.Equal(5, server.Snapshot().Count); // 1 refused + 3 sample batches + the end row
    }

    [Fact]
    public void Backoff_grows_exponentially_with_jitter_and_a_cap()
    {
        var p = new RetryPolicy { FirstDelay = TimeSpan.FromMilliseconds(100), MaxDelay = TimeSpan.FromSeconds(2) };
        var rng = new Random(1);
        for (int attempt = 1; attempt <= 8; attempt++)
        {
            double nominal = Math.Min(2000, 100 * Math.Pow(2, attempt - 1));
            var delays = Enumerable.Range(0, 200).Select(_ => p.DelayFor(attempt, null, rng).TotalMilliseconds).ToArray();
            Assert.All(delays, d => Assert.InRange(d, nominal / 2, nominal));
            Assert.True(delays.Max() - delays.Min() > nominal / 4, "jitter spreads the retries");
        }
        Assert.Equal(TimeSpan.FromSeconds(2), p.DelayFor(1, TimeSpan.FromMinutes(5), rng)); // Retry-After capped
        Assert.Equal(TimeSpan.FromMilliseconds(1500), p.DelayFor(1, TimeSpan.FromMilliseconds(1500), rng));
    }
}
