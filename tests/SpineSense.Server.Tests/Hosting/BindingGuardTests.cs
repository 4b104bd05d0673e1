namespace SpineSense.Server.Tests.Hosting;

public class BindingGuardTests
{
    [Theory]
    [InlineData("http://127.0.0.1:5080", true)]
    [InlineData("http://127.8.9.10:1", true)]
    [InlineData("http://localhost:5080", true)]
    [InlineData("http://[::1]:5080", true)]
    [InlineData("http://0.0.0.0:5080", false)]
    [InlineData("http://*:5080", false)]
    [InlineData("http://+:5080", false)]
    [InlineData("http://[::]:5080", false)]
    [InlineData("http://192.168.1.20:5080", false)]
    [InlineData("https://clinic.example:443", false)]
    public void Knows_which_addresses_are_loopback(string url, bool loopback) =>
        Assert.Equal(loopback, BindingGuard.IsLoopback(url));

    [Fact]
    public void Refuses_a_non_loopback_address_without_sign_in_and_says_how_to_fix_it()
    {
        var e = Assert.Throws<DashboardConfigException>(() => BindingGuard.Check("http://127.0.0.1:5080;http://0.0.0.0:5081", authenticationConfigured: false));
        Assert.Contains("0.0.0.0", e.Message);
        Assert.Contains("--users", e.Message);
        BindingGuard.Check("http://0.0.0.0:5081", authenticationConfigured: true);
        BindingGuard.Check("http://127.0.0.1:0", authenticationConfigured: false);
    }

    [Fact]
    public void Rejects_urls_that_are_not_http() =>
        Assert.Throws<DashboardConfigException>(() => BindingGuard.Check("ftp://127.0.0.1:21", authenticationConfigured: true));

    [Theory]
    [InlineData("http://127.0.0.1:99999", "beyond 65535")]
    [InlineData("http://127.0.0.1:-1", "not a number")]
    [InlineData("http://127.0.0.1:abc", "not a number")]
    [InlineData("http://localhost:", "not a number")]
    [InlineData("http://[::1:5080", "']'")]
    [InlineData("http://::1:5080", "needs brackets")]
    [InlineData("https://127.0.0.1:5091", "no HTTPS certificate")]
    public void Refuses_a_url_kestrel_cannot_bind_as_typed_and_names_it(string url, string reason)
    {
        // Kestrel crashed on the port range and https (no TLS set up), and read "127.0.0.1:abc" as a host name that it
        // bound on every interface: each is refused before anything binds, even with sign-in configured.
        var e = Assert.Throws<DashboardConfigException>(() => BindingGuard.Check(url, authenticationConfigured: true));
        Assert.Contains(url, e.Message);
        Assert.Contains(reason, e.Message);
    }

    [Theory]
    [InlineData("http://127.0.0.1:0")]
    [InlineData("http://127.0.0.1:65535")]
    [InlineData("http://localhost")]
    [InlineData("http://[::1]:5080/")]
    [InlineData("http://*:5080")]
    public void Accepts_every_port_from_0_to_65535_and_none(string url) =>
        BindingGuard.Check(url, authenticationConfigured: true);
}
