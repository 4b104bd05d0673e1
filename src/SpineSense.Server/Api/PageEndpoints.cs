using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using SpineSense.Server.Assets;

namespace SpineSense.Server.Api;

/// <summary>
/// The pages and their scripts, from the embedded front-end build. Pages need a signed-in user (else the
/// sign-in page); the scripts and styles are public (they hold no data).
/// </summary>
public static class PageEndpoints
{
    private static readonly Dictionary<string, string> Pages = new(StringComparer.Ordinal)
    {
        ["/"] = "index.html",
        ["/live"] = "live.html",
        ["/review"] = "review.html",
        ["/report"] = "report.html",
        ["/trends"] = "trends.html",
        ["/athletes"] = "athletes.html",
    };

    public static void Map(WebApplication app, EmbeddedAssets assets)
    {
        app.MapGet("/login", (HttpContext ctx) => Serve(ctx, assets, "login.html"));
        foreach (var (route, file) in Pages)
        {
            app.MapGet(route, (HttpContext ctx, CurrentUser current) =>
                current.Of(ctx) is null ? Results.Redirect("/login?next=" + Uri.EscapeDataString(ctx.Request.Path + ctx.Request.QueryString)) : Serve(ctx, assets, file));
        }
        app.MapGet("/assets/{**path}", (string path, HttpContext ctx) => Serve(ctx, assets, "assets/" + path));
    }

    private static IResult Serve(HttpContext ctx, EmbeddedAssets assets, string path)
    {
        if (!assets.Present)
            return Results.Text($"<!doctype html><title>SpineSense</title><p>{EmbeddedAssets.MissingMessage}</p><p>The JSON API under /api still works.</p>",
                "text/html; charset=utf-8", statusCode: StatusCodes.Status503ServiceUnavailable);
        if (!assets.TryGet(path, out var asset)) return Results.NotFound();
        if (ctx.Request.Headers.IfNoneMatch == asset.ETag) return Results.StatusCode(StatusCodes.Status304NotModified);
        ctx.Response.Headers.ETag = asset.ETag;
        ctx.Response.Headers.CacheControl = "no-cache";
        return Results.Bytes(asset.Bytes, asset.ContentType);
    }
}
