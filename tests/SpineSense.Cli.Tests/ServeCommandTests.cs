using System.Net;
using System.Text.RegularExpressions;
using SpineSense.Server.Auth;

namespace SpineSense.Cli.Tests;

public class ServeCommandTests
{
    private static string TempDir()
    {
        string dir = Path.Combine(Path.GetTempPath(), "spinesense-serve-" + Guid.NewGuid().ToString("n"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    private static async Task<(int Code, string Out, string Err)> RunAsync(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        int code = await CommandRunner.RunAsync(args, new CliConsole(o, e, IsInteractive: false), CancellationToken.None);
        return (code, o.ToString(), e.ToString());
    }

    [Theory]
    [InlineData("http://0.0.0.0:0")]
    [InlineData("http://*:0")]
    [InlineData("http://127.0.0.1:0;http://[::]:0")]
    public async Task Refuses_to_listen_beyond_loopback_without_sign_in(string urls)
    {
        string dir = TempDir();
        var (code, stdout, stderr) = await RunAsync("serve", "--urls", urls, "--store", "sqlite:" + Path.Combine(dir, "s.db"));
        Assert.Equal(2, code);
        Assert.Contains("refusing to listen", stderr);
        Assert.Contains("--users", stderr);
        Assert.Equal("", stdout);
    }

    [Theory]
    [InlineData("Kestrel__Endpoints__Http__Url")]
    [InlineData("Kestrel__Endpoints__Lan__Url")]
    public async Task Refuses_an_address_from_kestrel_configuration_too(string variable)
    {
        // ASP.NET Core lets Kestrel's configuration section replace --urls; set it in a child process's environment
        // (an environment variable here would reach every test in this process).
        string dir = TempDir();
        var start = new System.Diagnostics.ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "spinesense.dll"), "serve", "--store", "sqlite:" + Path.Combine(dir, "s.db") },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = dir,
        };
        start.Environment[variable] = "http://0.0.0.0:0";
        start.Environment.Remove("SPINESENSE_USERS");
        using var process = System.Diagnostics.Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try { await process.WaitForExitAsync(timeout.Token); }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("the server started on 0.0.0.0 without sign-in (killed after 60 s): " + await stdout);
        }

        // Bad configuration, like a bad --urls (README: bad input exits 2; 3 is for a missing environment).
        Assert.Equal(CliException.BadInput, process.ExitCode);
        Assert.Contains("refusing to listen on 'http://0.0.0.0:", await stderr); // the configured or the bound port
        Assert.DoesNotContain("dashboard on", await stdout);
    }

    [Theory]
    [InlineData("http://127.0.0.1:99999", "beyond 65535")]
    [InlineData("http://127.0.0.1:abc", "not a number")]
    [InlineData("https://127.0.0.1:0", "no HTTPS certificate")]
    public async Task A_url_that_cannot_be_listened_on_is_bad_input_exit_2_naming_it(string urls, string reason)
    {
        // Was a stack trace and exit 134 (port range, https), or a refusal naming 'http://[::]:80' after Kestrel had bound
        // every interface for "127.0.0.1:abc".
        string dir = TempDir();
        var (code, stdout, stderr) = await RunAsync("serve", "--urls", urls, "--store", "sqlite:" + Path.Combine(dir, "s.db"));
        Assert.Equal(CliException.BadInput, code);
        Assert.Contains($"'{urls}'", stderr);
        Assert.Contains(reason, stderr);
        Assert.Equal("", stdout);
    }

    [Fact]
    public async Task A_port_in_use_is_a_missing_environment_exit_3()
    {
        // A valid address the machine refuses: retrying once the port is free works, so it is not bad input.
        string dir = TempDir();
        using var taken = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        int port = ((IPEndPoint)taken.LocalEndpoint).Port;

        var (code, stdout, stderr) = await RunAsync("serve", "--urls", $"http://127.0.0.1:{port}", "--store", "sqlite:" + Path.Combine(dir, "s.db"));

        Assert.Equal(CliException.Unavailable, code);
        Assert.Contains($"cannot listen on http://127.0.0.1:{port}", stderr);
        Assert.Equal("", stdout);
    }

    [Fact]
    public async Task A_bad_users_file_is_one_clear_message()
    {
        string dir = TempDir();
        string users = Path.Combine(dir, "users.json");
        File.WriteAllText(users, """{"users":[{"name":"lee","role":"physio","password":"hunter2"}]}""");
        var (code, _, stderr) = await RunAsync("serve", "--users", users, "--store", "sqlite:" + Path.Combine(dir, "s.db"));
        Assert.Equal(2, code);
        Assert.Contains("must be a hash", stderr);
        Assert.DoesNotContain("hunter2", stderr);
    }

    [Fact]
    public async Task Serves_on_loopback_and_with_a_users_file_on_any_address_until_cancelled()
    {
        string dir = TempDir();
        string users = Path.Combine(dir, "users.json");
        File.WriteAllText(users, $$"""{"users":[{"name":"lee","role":"physio","password":"{{PasswordHasher.Hash("pw-123456", 10_000)}}"}]}""");
        // The server writes from its own threads while this test reads: synchronized writers, read under their lock.
        var outText = new StringWriter();
        var errText = new StringWriter();
        var o = TextWriter.Synchronized(outText);
        var e = TextWriter.Synchronized(errText);
        string Out() { lock (o) return outText.ToString(); }
        using var cancel = new CancellationTokenSource();
        var run = CommandRunner.RunAsync(["serve", "--urls", "http://0.0.0.0:0", "--users", users, "--store", "sqlite:" + Path.Combine(dir, "s.db")],
            new CliConsole(o, e, IsInteractive: false), cancel.Token);
        string? url = null;
        // Up to 60 s for the host to start: a loaded 2-core CI machine can be slow; a started host answers at once.
        // Waits for the banner's last line: the lines before it are written one by one from the server's thread.
        for (int i = 0; i < 600 && url is null; i++)
        {
            await Task.Delay(100);
            string printed = Out();
            var m = Regex.Match(printed, @"dashboard on http://[^:]+:(\d+)");
            if (m.Success && printed.Contains("Press Ctrl+C to stop.", StringComparison.Ordinal)) url = $"http://127.0.0.1:{m.Groups[1].Value}/";
            if (run.IsCompleted) lock (e) Assert.Fail(errText.ToString());
        }
        Assert.NotNull(url);
        Assert.Contains("sign-in: on (1 users", Out());
        using (var client = new HttpClient { BaseAddress = new Uri(url!) })
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("api/athletes")).StatusCode);
        cancel.Cancel();
        Assert.Equal(0, await run.WaitAsync(TimeSpan.FromSeconds(20)));
        Assert.DoesNotContain("pbkdf2", outText.ToString() + errText.ToString());
    }
}
