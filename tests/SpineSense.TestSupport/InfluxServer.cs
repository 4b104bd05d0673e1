using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace SpineSense.TestSupport;

/// <summary>
/// A real InfluxDB 1.x (Debian's <c>influxd</c>, /usr/bin/influxd) for integration tests: its own temporary
/// data/meta/wal directories, HTTP on 127.0.0.1:free port, the RPC bind address on another free loopback port,
/// reporting and monitoring off, logging quiet. <see cref="StopAsync"/> / <see cref="StartAsync()"/> stop and restart
/// it mid-test on the same ports and data; disposing kills it and deletes the directory.
/// </summary>
public sealed class InfluxServer : IAsyncDisposable, IDisposable
{
    public const string DefaultExecutable = "/usr/bin/influxd";

    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly string _configPath;
    private Process? _process;

    private InfluxServer(string database, string? adminUser, string? adminPassword)
    {
        Database = database;
        AdminUser = adminUser;
        AdminPassword = adminPassword;
        Directory = System.IO.Directory.CreateTempSubdirectory("spinesense-influx-").FullName;
        HttpPort = FreePort();
        // Two released ports can come back equal; influxd would then fail to bind its second listener.
        do RpcPort = FreePort(); while (RpcPort == HttpPort);
        _configPath = Path.Combine(Directory, "influxdb.conf");
        File.WriteAllText(_configPath, Config());
        _http.BaseAddress = new Uri($"http://127.0.0.1:{HttpPort}/");
        if (adminUser is not null)
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(Encoding.UTF8.GetBytes(adminUser + ":" + adminPassword)));
    }

    /// <summary>Temporary directory holding config, data, meta, wal and the server log.</summary>
    public string Directory { get; }
    public int HttpPort { get; }
    public int RpcPort { get; }
    public string Database { get; }
    public string? AdminUser { get; }
    public string? AdminPassword { get; }
    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Base URL of the HTTP API, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseUri => _http.BaseAddress!;

    /// <summary>The SpineSense store target for this server's database.</summary>
    public string StoreTarget => $"influx1://127.0.0.1:{HttpPort}/{Database}";

    /// <summary>Where the server writes its log (kept for diagnosing a failed test).</summary>
    public string LogPath => Path.Combine(Directory, "influxd.log");

    /// <summary>
    /// Starts a server and creates <paramref name="database"/>. With <paramref name="adminUser"/> the server requires
    /// authentication and that admin is created first.
    /// </summary>
    public static async Task<InfluxServer> StartAsync(string database = "spinesense", string? adminUser = null, string? adminPassword = null)
    {
        if (!File.Exists(DefaultExecutable))
            throw new InvalidOperationException($"{DefaultExecutable} is missing: install Debian's influxdb package (./test.sh does)");
        // A free port is free when asked, not necessarily when influxd binds it a moment later (other test processes
        // start servers too): a lost race is retried on fresh ports instead of failing the test by chance.
        for (int attempt = 1; ; attempt++)
        {
            var server = new InfluxServer(database, adminUser, adminPassword);
            try
            {
                await server.StartAsync().ConfigureAwait(false);
                if (adminUser is not null)
                    await server.PostQueryAsync($"CREATE USER \"{adminUser}\" WITH PASSWORD '{adminPassword}' WITH ALL PRIVILEGES").ConfigureAwait(false);
                await server.PostQueryAsync($"CREATE DATABASE \"{database}\"").ConfigureAwait(false);
                return server;
            }
            catch (InfluxPortTakenException) when (attempt < 5)
            {
                await server.DisposeAsync().ConfigureAwait(false);
            }
            catch
            {
                await server.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }
    }

    /// <summary>(Re)starts the process on the same ports and data, and waits until /ping answers.</summary>
    public async Task StartAsync()
    {
        if (IsRunning) return;
        var psi = new ProcessStartInfo(DefaultExecutable)
        {
            ArgumentList = { "run", "-config", _configPath },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.Environment["INFLUXDB_REPORTING_DISABLED"] = "true";
        var p = Process.Start(psi) ?? throw new InvalidOperationException("influxd did not start");
        var log = new StreamWriter(File.Open(LogPath, FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };
        p.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        p.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        _process = p;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (p.HasExited)
            {
                p.WaitForExit(); // drains the redirected output into the log
                string startLog = SafeReadLog();
                if (startLog.Contains("address already in use", StringComparison.Ordinal))
                    throw new InfluxPortTakenException($"influxd could not bind 127.0.0.1:{HttpPort} or :{RpcPort}; log: {startLog}");
                throw new InvalidOperationException($"influxd exited with {p.ExitCode} at start; log: {startLog}");
            }
            try
            {
                using var resp = await _http.GetAsync("ping").ConfigureAwait(false);
                if (resp.StatusCode == HttpStatusCode.NoContent) return;
            }
            catch (HttpRequestException) { /* not listening yet */ }
            await Task.Delay(50).ConfigureAwait(false);
        }
        throw new TimeoutException($"influxd did not answer /ping within 30 s; log: {SafeReadLog()}");
    }

    /// <summary>Kills the process (SIGKILL: what a crash or a pulled plug looks like to clients) and waits for it.</summary>
    public async Task StopAsync()
    {
        var p = _process;
        if (p is null) return;
        _process = null;
        try
        {
            if (!p.HasExited) p.Kill(entireProcessTree: true);
            await p.WaitForExitAsync().ConfigureAwait(false);
        }
        catch (InvalidOperationException) { /* already gone */ }
        p.Dispose();
    }

    /// <summary>Runs InfluxQL on this server's database and returns the raw JSON.</summary>
    public async Task<string> QueryAsync(string influxQl, string? database = null)
    {
        using var resp = await _http.PostAsync("query", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["q"] = influxQl, ["db"] = database ?? Database, ["epoch"] = "u",
        })).ConfigureAwait(false);
        string body = await resp.Content.ReadAsStringAsync().ConfigureAwait(false);
        if (!resp.IsSuccessStatusCode) throw new InvalidOperationException($"query failed {(int)resp.StatusCode}: {body}");
        return body;
    }

    /// <summary>Rows of the first series of a query (cells as JSON elements), empty when there is none.</summary>
    public async Task<IReadOnlyList<JsonElement[]>> RowsAsync(string influxQl)
    {
        using var doc = JsonDocument.Parse(await QueryAsync(influxQl).ConfigureAwait(false));
        var rows = new List<JsonElement[]>();
        var result = doc.RootElement.GetProperty("results")[0];
        if (result.TryGetProperty("error", out var err)) throw new InvalidOperationException("query error: " + err.GetString());
        if (!result.TryGetProperty("series", out var series)) return rows;
        foreach (var s in series.EnumerateArray())
            if (s.TryGetProperty("values", out var values))
                foreach (var row in values.EnumerateArray()) rows.Add(row.EnumerateArray().Select(c => c.Clone()).ToArray());
        return rows;
    }

    /// <summary>Number of stored points of a measurement (counting one field present in every point).</summary>
    public async Task<long> CountAsync(string measurement, string field)
    {
        var rows = await RowsAsync($"SELECT count(\"{field}\") FROM \"{measurement}\"").ConfigureAwait(false);
        return rows.Count == 0 ? 0 : rows[0][1].GetInt64();
    }

    /// <summary>Writes line protocol directly (precision µs), bypassing SpineSense.</summary>
    public async Task WriteAsync(string lineProtocol, string? database = null)
    {
        using var resp = await _http.PostAsync($"write?db={Uri.EscapeDataString(database ?? Database)}&precision=u",
            new StringContent(lineProtocol, Encoding.UTF8, "text/plain")).ConfigureAwait(false);
        if (!resp.IsSuccessStatusCode)
            throw new InvalidOperationException($"write failed {(int)resp.StatusCode}: {await resp.Content.ReadAsStringAsync().ConfigureAwait(false)}");
    }

    /// <summary>POSTs a management statement (CREATE/DROP DATABASE, CREATE USER ...).</summary>
    public async Task PostQueryAsync(string influxQl)
    {
        using var resp = await _http.PostAsync("query", new FormUrlEncodedContent(new Dictionary<string, string> { ["q"] = influxQl })).ConfigureAwait(false);
        string body = await resp.Content.ReadAsStringAsync().ConfigureAwait(false);
        if (!resp.IsSuccessStatusCode || body.Contains("\"error\"", StringComparison.Ordinal))
            throw new InvalidOperationException($"'{influxQl}' failed {(int)resp.StatusCode}: {body}");
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _http.Dispose();
        try { System.IO.Directory.Delete(Directory, recursive: true); }
        catch (IOException) { /* a file still held: the OS temp cleaner takes it */ }
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>A free loopback TCP port (bound then released).</summary>
    public static int FreePort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        int port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }

    private string SafeReadLog()
    {
        try
        {
            using var f = File.Open(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var r = new StreamReader(f);
            string s = r.ReadToEnd();
            return s.Length > 2000 ? s[^2000..] : s;
        }
        catch (IOException) { return "(no log)"; }
    }

    // Adapted from `influxd config` (1.6.7): only what differs from the defaults. Directories in the temp dir,
    // both listeners on loopback free ports, no usage reporting, no _internal monitoring database, quiet logs,
    // no query/HTTP access logging, continuous queries checked every second (tests of downsampling CQs).
    private string Config()
    {
        string Q(string p) => "\"" + p.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
        var ci = CultureInfo.InvariantCulture;
        return $"""
            reporting-enabled = false
            bind-address = "127.0.0.1:{RpcPort.ToString(ci)}"

            [meta]
              dir = {Q(Path.Combine(Directory, "meta"))}
              retention-autocreate = true
              logging-enabled = false

            [data]
              dir = {Q(Path.Combine(Directory, "data"))}
              wal-dir = {Q(Path.Combine(Directory, "wal"))}
              wal-fsync-delay = "0s"
              index-version = "inmem"
              query-log-enabled = false
              cache-max-memory-size = 268435456

            [monitor]
              store-enabled = false

            [http]
              enabled = true
              bind-address = "127.0.0.1:{HttpPort.ToString(ci)}"
              auth-enabled = {(AdminUser is null ? "false" : "true")}
              log-enabled = false
              suppress-write-log = true
              pprof-enabled = false
              max-body-size = 0

            [logging]
              level = "warn"
              suppress-logo = true

            [continuous_queries]
              enabled = true
              log-enabled = false
              run-interval = "1s"
            """;
    }
}

/// <summary>influxd exited at start because another process took one of its ports first.</summary>
public sealed class InfluxPortTakenException(string message) : InvalidOperationException(message);

/// <summary>xunit class/collection fixture: one server (database <c>spinesense</c>) for all tests of a class.</summary>
public sealed class InfluxServerFixture : IAsyncLifetime
{
    private InfluxServer? _server;

    public InfluxServer Server => _server ?? throw new InvalidOperationException("fixture not initialised");

    public async Task InitializeAsync() => _server = await InfluxServer.StartAsync().ConfigureAwait(false);

    public async Task DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync().ConfigureAwait(false);
    }
}
