using Microsoft.Extensions.Logging;
using SpineSense.Server.Auth;
using SpineSense.Server.Data;
using SpineSense.Server.Live;

namespace SpineSense.Server;

/// <summary>How to run the dashboard. <see cref="Users"/> null = no sign-in, allowed only on loopback.</summary>
public sealed record DashboardServerOptions
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    /// <summary>Semicolon-separated Kestrel URLs; port 0 picks a free port (see <see cref="DashboardServer.Urls"/>).</summary>
    public string Urls { get; init; } = DefaultUrl;
    public required IDashboardStore Store { get; init; }
    public ILiveSessionSource? LiveSource { get; init; }
    public UserDirectory? Users { get; init; }
    /// <summary>The front end to serve; default the build embedded in this assembly (tests pass one without pages).</summary>
    public Assets.EmbeddedAssets? Assets { get; init; }

    /// <summary>Where log lines go; defaults to none (the CLI adds the console).</summary>
    public Action<ILoggingBuilder>? ConfigureLogging { get; init; }
}
