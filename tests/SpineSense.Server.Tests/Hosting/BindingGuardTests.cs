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
}
