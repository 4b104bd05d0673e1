using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using SpineSense.Server.Auth;

namespace SpineSense.Server.Api;

/// <summary>Sign-in, sign-out and "who am I". Passwords are checked against hashes and never logged or echoed.</summary>
public static class AuthEndpoints
{
    public sealed record LoginRequest(string? Name, string? Password);

    public static void Map(WebApplication app, UserDirectory? users)
    {
        app.MapPost("/api/login", async (LoginRequest body, HttpContext ctx) =>
        {
            if (users is null) return Results.Ok(Me(DashboardUser.Local, signInRequired: false));
            if (string.IsNullOrEmpty(body.Name) || string.IsNullOrEmpty(body.Password))
                return Results.BadRequest(new { error = "name and password are required" });
            var user = users.Authenticate(body.Name, body.Password);
            if (user is null) return Results.Json(new { error = "wrong name or password" }, statusCode: StatusCodes.Status401Unauthorized);
            await CurrentUser.SignInAsync(ctx, user);
            return Results.Ok(Me(user, signInRequired: true));
        });

        app.MapPost("/api/logout", async (HttpContext ctx) =>
        {
            await ctx.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.NoContent();
        });

        app.MapGet("/api/me", (HttpContext ctx, CurrentUser current) =>
        {
            var user = current.Of(ctx);
            return user is null ? Results.Unauthorized() : Results.Ok(Me(user, current.SignInRequired));
        });
    }

    private static object Me(DashboardUser user, bool signInRequired) =>
        new { name = user.Name, role = user.Role, athleteId = user.AthleteId, seesAllAthletes = user.SeesAllAthletes, signInRequired };
}
