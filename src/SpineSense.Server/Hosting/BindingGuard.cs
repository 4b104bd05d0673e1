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

    /// <summary>
    /// Why the URL's port is unusable, or null. Kestrel crashes on a port beyond 0–65535, and reads "host:abc" as a
    /// host name, which it binds on every interface (port 80): both are typing mistakes, refused before anything binds.
    /// </summary>
    private static string? PortProblem(string url)
    {
        string rest = url[(url.IndexOf("://", StringComparison.Ordinal) + 3)..];
        int slash = rest.IndexOf('/');
        if (slash >= 0) rest = rest[..slash];
        int hostEnd = rest.StartsWith('[') ? rest.IndexOf(']') + 1 : 0;
        if (rest.StartsWith('[') && hostEnd == 0) return "no closing ']' after the IPv6 address";
        int colon = rest.IndexOf(':', hostEnd);
        if (colon < 0) return null; // no port: Kestrel's default (80)
        if (hostEnd == 0 && rest.IndexOf(':', colon + 1) >= 0)
            return "an IPv6 address needs brackets, e.g. http://[::1]:5080";
        string port = rest[(colon + 1)..];
        if (port.Length == 0 || !port.All(char.IsAsciiDigit))
            return $"the port '{port}' is not a number (0-65535; 0 picks a free port)";
        if (port.Length > 5 || int.Parse(port, System.Globalization.CultureInfo.InvariantCulture) > 65535)
            return $"the port {port} is beyond 65535 (0-65535; 0 picks a free port)";
        return null;
    }

    /// <summary>
    /// Throws <see cref="DashboardConfigException"/> when a non-loopback URL has no authentication, or a URL is not one
    /// this server can listen on (not http://, or a port that is no number from 0 to 65535).
    /// </summary>
    public static void Check(string urls, bool authenticationConfigured)
    {
        var list = SplitUrls(urls);
        if (list.Count == 0) throw new DashboardConfigException("no URL to listen on");
        foreach (string url in list)
        {
            if (!url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) && !url.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
                throw new DashboardConfigException($"'{url}' is not an http:// or https:// URL");
            // The dashboard's slim host has no TLS set up: Kestrel would crash on an https:// address at start-up.
            if (url.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
                throw new DashboardConfigException(
                    $"'{url}': serve has no HTTPS certificate set up; listen on http:// (put a TLS reverse proxy in front for other machines)");
            if (PortProblem(url) is { } problem) throw new DashboardConfigException($"'{url}': {problem}");
            if (!IsLoopback(url) && !authenticationConfigured)
                throw new DashboardConfigException(
                    $"refusing to listen on '{url}' without sign-in: the dashboard shows health data. Configure users with --users FILE " +
                    "or SPINESENSE_USERS (see docs/DASHBOARD.md), or bind to 127.0.0.1");
        }
    }
}
