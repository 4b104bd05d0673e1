using System.Net;

namespace SpineSense.Server;

/// <summary>
/// Health data stays on this machine unless someone configured sign-in: any URL whose host is not a
/// loopback address (wildcards, 0.0.0.0, a LAN name) is refused without a users file.
/// </summary>
public static class BindingGuard
{
    public static IReadOnlyList<string> SplitUrls(string urls) =>
        urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>True when the URL can only be reached from this machine.</summary>
    public static bool IsLoopback(string url)
    {
        int scheme = url.IndexOf("://", StringComparison.Ordinal);
        if (scheme < 0) return false;
        string rest = url[(scheme + 3)..];
        int slash = rest.IndexOf('/');
        if (slash >= 0) rest = rest[..slash];
        string host;
        if (rest.StartsWith('['))
        {
            int close = rest.IndexOf(']');
            if (close < 0) return false;
            host = rest[1..close];
        }
        else
        {
            int colon = rest.LastIndexOf(':');
            host = colon >= 0 ? rest[..colon] : rest;
        }
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)) return true;
        return IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip);
    }

    /// <summary>Throws <see cref="DashboardConfigException"/> when a non-loopback URL has no authentication.</summary>
    public static void Check(string urls, bool authenticationConfigured)
    {
        var list = SplitUrls(urls);
        if (list.Count == 0) throw new DashboardConfigException("no URL to listen on");
        foreach (string url in list)
        {
            if (!url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) && !url.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
                throw new DashboardConfigException($"'{url}' is not an http:// or https:// URL");
            if (!IsLoopback(url) && !authenticationConfigured)
                throw new DashboardConfigException(
                    $"refusing to listen on '{url}' without sign-in: the dashboard shows health data. Configure users with --users FILE " +
                    "or SPINESENSE_USERS (see docs/DASHBOARD.md), or bind to 127.0.0.1");
        }
    }
}
