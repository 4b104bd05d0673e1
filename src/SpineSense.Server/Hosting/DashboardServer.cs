using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SpineSense.Server.Api;
using SpineSense.Server.Assets;
using SpineSense.Server.Auth;
using SpineSense.Server.Live;

namespace SpineSense.Server;

/// <summary>
/// The running web dashboard (Kestrel). Start with <see cref="StartAsync"/>; dispose to stop.
/// Refuses (with <see cref="DashboardConfigException"/>) to bind beyond loopback without sign-in.
/// </summary>
public sealed class DashboardServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private DashboardServer(WebApplication app, LiveSessionRegistry live, EmbeddedAssets assets, IReadOnlyList<string> urls)
    {
        _app = app;
        Live = live;
        Assets = assets;
        Urls = urls;
    }

    /// <summary>The addresses actually bound (port 0 resolved).</summary>
    public IReadOnlyList<string> Urls { get; }
    public LiveSessionRegistry Live { get; }
    public EmbeddedAssets Assets { get; }

    /// <summary>Every route this server answers, as "METHOD /pattern" (tests check each one for access control).</summary>
    public IReadOnlyList<string> Routes => _app.Services.GetRequiredService<EndpointDataSource>().Endpoints
        .OfType<RouteEndpoint>()
        .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"]).Select(m => $"{m} /{e.RoutePattern.RawText?.TrimStart('/')}"))
        .Distinct().OrderBy(r => r, StringComparer.Ordinal).ToList();

    public static async Task<DashboardServer> StartAsync(DashboardServerOptions options, CancellationToken cancel = default)
    {
        BindingGuard.Check(options.Urls, options.Users is not null);
        var assets = options.Assets ?? EmbeddedAssets.Load();
        var live = new LiveSessionRegistry(options.LiveSource);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], EnvironmentName = "Production" });
        builder.WebHost.UseUrls(options.Urls);
        // Kestrel's own endpoints (a "Kestrel" section in an appsettings.json in the working directory, or a
        // Kestrel__Endpoints__* environment variable) replace UseUrls, so they face the same guard.
        foreach (var endpoint in builder.Configuration.GetSection("Kestrel:Endpoints").GetChildren())
            BindingGuard.Check(endpoint["Url"] ?? $"(no Url in Kestrel:Endpoints:{endpoint.Key})", options.Users is not null);
        builder.Logging.ClearProviders();
        // Request lines are not logged (their query strings are user data); sign-in bodies never are.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error);
        options.ConfigureLogging?.Invoke(builder.Logging);
        builder.Services.ConfigureHttpJsonOptions(o => DashboardJson.Configure(o.SerializerOptions));
        builder.Services.AddSingleton(options.Store);
        builder.Services.AddSingleton(live);
        builder.Services.AddSingleton(new CurrentUser(options.Users));
        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(c =>
            {
                c.Cookie.Name = "spinesense.auth";
                c.Cookie.HttpOnly = true;
                // Strict keeps other sites from riding the cookie into POSTs (no CSRF tokens needed).
                c.Cookie.SameSite = SameSiteMode.Strict;
                c.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                c.ExpireTimeSpan = TimeSpan.FromHours(12);
                c.SlidingExpiration = true;
                c.Events.OnRedirectToLogin = ctx => { ctx.Response.StatusCode = StatusCodes.Status401Unauthorized; return Task.CompletedTask; };
                c.Events.OnRedirectToAccessDenied = ctx => { ctx.Response.StatusCode = StatusCodes.Status403Forbidden; return Task.CompletedTask; };
            });
        builder.Services.AddAuthorization();

        var app = builder.Build();
        app.UseAuthentication();
        app.Use(async (ctx, next) =>
        {
            ctx.Response.Headers.XContentTypeOptions = "nosniff";
            ctx.Response.Headers["Referrer-Policy"] = "no-referrer";
            await next();
        });

        AuthEndpoints.Map(app, options.Users);
        AthleteEndpoints.Map(app);
        SessionEndpoints.Map(app);
        LiveEndpoints.Map(app);
        PageEndpoints.Map(app, assets);

        try { await app.StartAsync(cancel); }
        catch (IOException e)
        {
            await app.DisposeAsync();
            throw new DashboardConfigException($"cannot listen on {options.Urls}: {e.Message}", isBadInput: false);
        }
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? [];
        try
        {
            // What was actually bound is the last word: any other way an address reached Kestrel is caught here.
            if (bound.Count > 0) BindingGuard.Check(string.Join(';', bound), options.Users is not null);
        }
        catch (DashboardConfigException)
        {
            await app.StopAsync(CancellationToken.None);
            await app.DisposeAsync();
            throw;
        }
        return new DashboardServer(app, live, assets, bound);
    }

    public Task WaitForShutdownAsync(CancellationToken cancel) => _app.WaitForShutdownAsync(cancel);

    public async ValueTask DisposeAsync()
    {
        await Live.DisposeAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>Resolves the signed-in person of a request; the local user when the server runs without sign-in.</summary>
public sealed class CurrentUser(UserDirectory? users)
{
    public bool SignInRequired => users is not null;

    public DashboardUser? Of(HttpContext ctx)
    {
        if (users is null) return DashboardUser.Local;
        if (ctx.User.Identity?.IsAuthenticated != true) return null;
        string? name = ctx.User.FindFirstValue(ClaimTypes.Name);
        // Looked up on every request, so a user removed from the file loses access at the next restart.
        return name is null ? null : users.Find(name);
    }

    public static ClaimsPrincipal Principal(DashboardUser user) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Name, user.Name), new Claim(ClaimTypes.Role, user.Role.ToString())], CookieAuthenticationDefaults.AuthenticationScheme));

    public static Task SignInAsync(HttpContext ctx, DashboardUser user) =>
        ctx.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, Principal(user));
}
