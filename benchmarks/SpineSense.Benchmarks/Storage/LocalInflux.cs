using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace SpineSense.Benchmarks.Storage;

/// <summary>
/// A throw-away influxd for the ingest benchmark (the tests' fixture lives in tests/SpineSense.TestSupport; the
/// benchmark does not depend on test code): temp data dir, loopback free ports, quiet, killed on dispose.
/// </summary>
internal sealed class LocalInflux : IDisposable
{
    private readonly Process _process;
    private readonly string _dir = Directory.CreateTempSubdirectory("spinesense-bench-influx-").FullName;
    public readonly HttpClient Http;
    public int Port { get; }

    public LocalInflux()
    {
        Port = FreePort();
        int rpc = FreePort();
        string conf = Path.Combine(_dir, "influxdb.conf");
        File.WriteAllText(conf, $"""
            reporting-enabled = false
            bind-address = "127.0.0.1:{rpc}"
            [meta]
              dir = "{_dir}/meta"
              logging-enabled = false
            [data]
              dir = "{_dir}/data"
              wal-dir = "{_dir}/wal"
              query-log-enabled = false
            [monitor]
              store-enabled = false
            [http]
              bind-address = "127.0.0.1:{Port}"
              log-enabled = false
              suppress-write-log = true
              max-body-size = 0
            [logging]
              level = "error"
              suppress-logo = true
            """);
        _process = Process.Start(new ProcessStartInfo("/usr/bin/influxd")
        {
            ArgumentList = { "run", "-config", conf },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{Port}/") };
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try { if (Http.GetAsync("ping").Result.StatusCode == HttpStatusCode.NoContent) break; }
            catch (AggregateException) { }
            if (DateTime.UtcNow > deadline) throw new TimeoutException("influxd did not start");
            Thread.Sleep(50);
        }
    }

    /// <summary>CPU time (user + system) influxd has used so far, from /proc (Linux).</summary>
    public TimeSpan CpuTime
    {
        get
        {
            // /proc/PID/stat: fields 14 and 15 (utime, stime) in clock ticks, counted after the ")" that ends the name.
            string stat = File.ReadAllText($"/proc/{_process.Id}/stat");
            var f = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            long ticks = long.Parse(f[11], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(f[12], System.Globalization.CultureInfo.InvariantCulture);
            return TimeSpan.FromSeconds(ticks / 100.0); // USER_HZ is 100 on Linux
        }
    }

    public void Query(string q) =>
        Http.PostAsync("query", new FormUrlEncodedContent(new Dictionary<string, string> { ["q"] = q })).Result.EnsureSuccessStatusCode();

    public long Count(string db, string measurement, string field)
    {
        string json = Http.PostAsync("query", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["q"] = $"SELECT count(\"{field}\") FROM \"{measurement}\"", ["db"] = db,
        })).Result.Content.ReadAsStringAsync().Result;
        using var doc = System.Text.Json.JsonDocument.Parse(json);
        var r = doc.RootElement.GetProperty("results")[0];
        return r.TryGetProperty("series", out var s) ? s[0].GetProperty("values")[0][1].GetInt64() : 0;
    }

    private static int FreePort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        int p = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return p;
    }

    public void Dispose()
    {
        try { _process.Kill(true); _process.WaitForExit(); } catch (InvalidOperationException) { }
        Http.Dispose();
        try { Directory.Delete(_dir, true); } catch (IOException) { }
    }
}
