using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using SpineSense.Storage.Targets;

namespace SpineSense.Storage.Influx;

/// <summary>Result of one write attempt: ok, or an error that is retryable (with the server's Retry-After) or not.</summary>
public readonly record struct WriteOutcome(bool Ok, StorageException? Error, bool Retryable, TimeSpan? RetryAfter)
{
    public static readonly WriteOutcome Success = new(true, null, false, null);
}

/// <summary>
/// The HTTP side of InfluxDB, written for SpineSense (InfluxDB.Client is not available here):
/// <list type="bullet">
/// <item>v1: <c>POST /write?db=&amp;rp=&amp;precision=u|n</c>, credentials as HTTP Basic (not in the URL, so they never
/// reach an access log); also what 2.x/3.x's v1-compatibility API accepts.</item>
/// <item>v2: <c>POST /api/v2/write?org=&amp;bucket=&amp;precision=us|ns</c> with <c>Authorization: Token …</c>.</item>
/// <item>reads: InfluxQL via <c>POST /query</c> (form body <c>q</c>, <c>db</c>, <c>epoch=u</c>), answered by 1.x, by 2.x's
/// v1-compatibility API and by 3.x.</item>
/// </list>
/// Bodies are gzip'd when asked. No message produced here ever contains a password or token. Thread-safe.
/// </summary>
public sealed class InfluxHttpClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly StoreTarget _target;
    private readonly bool _gzip;
    private readonly string _writePath;
    private readonly AuthenticationHeaderValue? _auth;

    public InfluxHttpClient(StoreTarget target, TimeSpan timeout, bool gzip, TimestampPrecision precision, HttpMessageHandler? handler = null)
    {
        if (!target.IsInflux) throw new ArgumentException("not an InfluxDB target", nameof(target));
        _target = target;
        _gzip = gzip;
        _http = new HttpClient(handler ?? new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(Math.Min(5, timeout.TotalSeconds)),
            AutomaticDecompression = DecompressionMethods.GZip,
        }, disposeHandler: true)
        {
            BaseAddress = target.BaseUri,
            Timeout = timeout,
        };
        var q = new StringBuilder();
        if (target.Kind == StoreKind.Influx1)
        {
            q.Append("write?db=").Append(Uri.EscapeDataString(target.Database!));
            if (target.RetentionPolicy is not null) q.Append("&rp=").Append(Uri.EscapeDataString(target.RetentionPolicy));
            q.Append("&precision=").Append(precision == TimestampPrecision.Nanoseconds ? "n" : "u");
            if (target.User is not null)
                _auth = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(target.User + ":" + target.Password)));
        }
        else
        {
            q.Append("api/v2/write?org=").Append(Uri.EscapeDataString(target.Org!))
             .Append("&bucket=").Append(Uri.EscapeDataString(target.Bucket!))
             .Append("&precision=").Append(precision == TimestampPrecision.Nanoseconds ? "ns" : "us");
            if (target.Token is not null) _auth = new AuthenticationHeaderValue("Token", target.Token);
        }
        _writePath = q.ToString();
    }

    /// <summary>Database name used by /query: the v1 database, or the v2 bucket (v1-compatibility mapping).</summary>
    public string QueryDatabase => _target.Kind == StoreKind.Influx1 ? _target.Database! : _target.Bucket!;

    /// <summary>One write attempt of a line-protocol body. Never throws for server or network failures: see the outcome.</summary>
    public async Task<WriteOutcome> WriteOnceAsync(ReadOnlyMemory<byte> lineProtocol, CancellationToken cancel)
    {
        using var req = new HttpRequestMessage(HttpMethod.Post, _writePath);
        req.Content = _gzip ? Gzip(lineProtocol) : new ReadOnlyMemoryContent(lineProtocol);
        req.Content.Headers.ContentType = new MediaTypeHeaderValue("text/plain") { CharSet = "utf-8" };
        if (_gzip) req.Content.Headers.ContentEncoding.Add("gzip");
        req.Headers.Authorization = _auth;
        // No "Expect: 100-continue" (a round trip before every body; .NET's default, stated so it stays that way), and
        // the answer is not buffered: a successful write is a bodiless 204, an error body is read only when there is one.
        req.Headers.ExpectContinue = false;
        HttpResponseMessage resp;
        try
        {
            resp = await _http.SendAsync(req, HttpCompletionOption.ResponseHeadersRead, cancel).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested) { throw; }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException)
        {
            return new WriteOutcome(false, Unreachable(e), true, null);
        }
        using (resp)
        {
            int status = (int)resp.StatusCode;
            if (status is >= 200 and < 300) return WriteOutcome.Success;
            string detail = await ErrorText(resp, cancel).ConfigureAwait(false);
            TimeSpan? retryAfter = RetryAfter(resp);
            return status switch
            {
                429 or 503 or 500 or 502 or 504 or 408 => new WriteOutcome(false, new StorageException(StorageErrorCode.ServerError,
                    $"InfluxDB at {_target.Host}:{_target.Port} answered {status} ({detail}); retrying", null, status), true, retryAfter),
                401 or 403 => new WriteOutcome(false, Unauthorized(status, detail), false, null),
                404 => new WriteOutcome(false, NotFound(status, detail), false, null),
                400 or 413 or 422 when !detail.Contains("not found", StringComparison.OrdinalIgnoreCase) =>
                    new WriteOutcome(false, new StorageException(StorageErrorCode.MalformedPoint,
                        $"InfluxDB rejected points as malformed ({status}: {detail})", null, status), false, null),
                400 => new WriteOutcome(false, NotFound(status, detail), false, null),
                _ => new WriteOutcome(false, new StorageException(StorageErrorCode.ServerError,
                    $"InfluxDB at {_target.Host}:{_target.Port} answered {status} ({detail})", null, status), false, null),
            };
        }
    }

    /// <summary>
    /// Writes with retries (backoff + jitter, Retry-After honoured) until it succeeds, a non-retryable error
    /// (thrown as <see cref="StorageException"/>) or <paramref name="cancel"/>.
    /// </summary>
    public async Task WriteAsync(ReadOnlyMemory<byte> lineProtocol, RetryPolicy retry, CancellationToken cancel)
    {
        for (int attempt = 1; ; attempt++)
        {
            var outcome = await WriteOnceAsync(lineProtocol, cancel).ConfigureAwait(false);
            if (outcome.Ok) return;
            if (!outcome.Retryable) throw outcome.Error!;
            await Task.Delay(retry.DelayFor(attempt, outcome.RetryAfter, Random.Shared), cancel).ConfigureAwait(false);
        }
    }

    /// <summary>Runs InfluxQL; every statement's error becomes a <see cref="StorageException"/>. Times come back in µs.</summary>
    public async Task<InfluxQueryResult> QueryAsync(string influxQl, CancellationToken cancel)
    {
        string path = _target.Kind == StoreKind.Influx2 ? "query?db=" + Uri.EscapeDataString(QueryDatabase) : "query";
        using var req = new HttpRequestMessage(HttpMethod.Post, path);
        var form = new List<KeyValuePair<string, string>> { new("q", influxQl), new("db", QueryDatabase), new("epoch", "u") };
        if (_target.RetentionPolicy is not null) form.Add(new("rp", _target.RetentionPolicy));
        req.Content = new FormUrlEncodedContent(form);
        req.Headers.Authorization = _auth;
        HttpResponseMessage resp;
        try
        {
            resp = await _http.SendAsync(req, cancel).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested) { throw; }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException) { throw Unreachable(e); }
        using (resp)
        {
            int status = (int)resp.StatusCode;
            if (status is 401 or 403) throw Unauthorized(status, await ErrorText(resp, cancel).ConfigureAwait(false));
            if (status == 404) throw NotFound(status, await ErrorText(resp, cancel).ConfigureAwait(false));
            string json = await resp.Content.ReadAsStringAsync(cancel).ConfigureAwait(false);
            if (status is < 200 or >= 300 && !json.TrimStart().StartsWith('{'))
                throw new StorageException(StorageErrorCode.ServerError, $"InfluxDB query failed ({status})", null, status);
            var result = InfluxQueryResult.Parse(json);
            if (result.Error is { } err)
            {
                if (err.Contains("database not found", StringComparison.OrdinalIgnoreCase)) throw NotFound(status, err);
                if (err.Contains("authoriz", StringComparison.OrdinalIgnoreCase)) throw Unauthorized(status, err);
                throw new StorageException(StorageErrorCode.ServerError, $"InfluxDB query failed: {err}", null, status);
            }
            return result;
        }
    }

    /// <summary><c>GET /ping</c>: throws Unreachable when the server does not answer.</summary>
    public async Task PingAsync(CancellationToken cancel)
    {
        try
        {
            using var resp = await _http.GetAsync("ping", cancel).ConfigureAwait(false);
            if ((int)resp.StatusCode is not (204 or 200))
                throw new StorageException(StorageErrorCode.ServerError, $"InfluxDB at {_target.Host}:{_target.Port} answered /ping with {(int)resp.StatusCode}");
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested) { throw; }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException) { throw Unreachable(e); }
    }

    /// <summary>
    /// Start-up check: reachable, credentials accepted, database (or bucket) present — each failure one clear message.
    /// v1 checks with <c>SHOW DATABASES</c>; v2 with an empty write (which checks token and bucket without writing).
    /// </summary>
    public async Task VerifyAsync(CancellationToken cancel)
    {
        await PingAsync(cancel).ConfigureAwait(false);
        if (_target.Kind == StoreKind.Influx1)
        {
            var r = await QueryAsync("SHOW DATABASES", cancel).ConfigureAwait(false);
            bool found = false;
            foreach (var s in r.Series)
                for (int i = 0; i < s.Values.Length; i++)
                    if (s.GetString(i, "name") == _target.Database) found = true;
            if (!found) throw NotFound(404, $"database not found: \"{_target.Database}\"");
        }
        else
        {
            var outcome = await WriteOnceAsync(ReadOnlyMemory<byte>.Empty, cancel).ConfigureAwait(false);
            if (!outcome.Ok && outcome.Error!.Code is StorageErrorCode.Unauthorized or StorageErrorCode.DatabaseNotFound or StorageErrorCode.Unreachable)
                throw outcome.Error;
        }
    }

    public void Dispose() => _http.Dispose();

    private static ByteArrayContent Gzip(ReadOnlyMemory<byte> body)
    {
        var ms = new MemoryStream(body.Length / 4 + 64);
        using (var gz = new GZipStream(ms, CompressionLevel.Fastest, leaveOpen: true)) gz.Write(body.Span);
        return new ByteArrayContent(ms.GetBuffer(), 0, (int)ms.Length);
    }

    private StorageException Unreachable(Exception e) => new(StorageErrorCode.Unreachable,
        $"InfluxDB at {_target.Host}:{_target.Port} is unreachable ({(e is OperationCanceledException ? "timed out" : e.Message)})", e);

    private StorageException Unauthorized(int status, string detail) => new(StorageErrorCode.Unauthorized,
        _target.Kind == StoreKind.Influx1
            ? $"InfluxDB at {_target.Host}:{_target.Port} refused the credentials ({status}: {detail}): check SPINESENSE_INFLUX_USER / SPINESENSE_INFLUX_PASSWORD"
            : $"InfluxDB at {_target.Host}:{_target.Port} refused the token ({status}: {detail}): check SPINESENSE_INFLUX_TOKEN",
        null, status);

    private StorageException NotFound(int status, string detail) => new(StorageErrorCode.DatabaseNotFound,
        _target.Kind == StoreKind.Influx1
            ? $"InfluxDB at {_target.Host}:{_target.Port} has no database '{_target.Database}' ({detail}): create it (CREATE DATABASE) or fix the store target"
            : $"InfluxDB at {_target.Host}:{_target.Port} has no bucket '{_target.Bucket}' in org '{_target.Org}' ({detail})",
        null, status);

    private static TimeSpan? RetryAfter(HttpResponseMessage resp)
    {
        var ra = resp.Headers.RetryAfter;
        if (ra is null) return null;
        if (ra.Delta is { } d) return d;
        if (ra.Date is { } date) return date - DateTimeOffset.UtcNow;
        return null;
    }

    // The server's own error text, shortened: {"error": "..."} (1.x) or {"message": "..."} (2.x).
    // The body is read under the client's timeout too: with ResponseHeadersRead, HttpClient.Timeout covers only the
    // headers, and a proxy that stalls an error body must not hold the in-order sender forever.
    private async Task<string> ErrorText(HttpResponseMessage resp, CancellationToken cancel)
    {
        string body;
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        limit.CancelAfter(_http.Timeout);
        try { body = await resp.Content.ReadAsStringAsync(limit.Token).ConfigureAwait(false); }
        catch (OperationCanceledException) when (!cancel.IsCancellationRequested) { return resp.ReasonPhrase ?? "no detail"; }
        catch (Exception e) when (e is HttpRequestException or IOException) { return resp.ReasonPhrase ?? "no detail"; }
        string text = body;
        try
        {
            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.ValueKind == JsonValueKind.Object)
            {
                if (doc.RootElement.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.String) text = e.GetString()!;
                else if (doc.RootElement.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String) text = m.GetString()!;
            }
        }
        catch (JsonException) { /* not JSON: use the text */ }
        text = text.Replace('\n', ' ').Trim();
        if (text.Length == 0) text = resp.ReasonPhrase ?? "no detail";
        return text.Length > 300 ? text[..300] + "…" : text;
    }
}
