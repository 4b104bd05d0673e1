using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using SpineSense.Server.Auth;
using SpineSense.Server.Data;
using SpineSense.Server.Review;

namespace SpineSense.Server.Api;

/// <summary>Athletes, their limits and plan, their sessions and trends, and the physio's overview.</summary>
public static class AthleteEndpoints
{
    public sealed record CreateAthleteRequest(string? Id);
    public sealed record PlanRequest(string? Plan);

    public static void Map(WebApplication app)
    {
        app.MapGet("/api/plans", (HttpContext ctx, CurrentUser current, IDashboardStore store) =>
            current.Of(ctx) is null ? Results.Unauthorized() : Results.Ok(store.PlanNames));

        app.MapGet("/api/athletes", async (HttpContext ctx, CurrentUser current, IDashboardStore store) =>
        {
            var user = current.Of(ctx);
            if (user is null) return Results.Unauthorized();
            var all = await store.ListAthletesAsync(ctx.RequestAborted);
            return Results.Ok(all.Where(a => AccessPolicy.CanRead(user, a)).ToList());
        });

        app.MapPost("/api/athletes", async (CreateAthleteRequest body, HttpContext ctx, CurrentUser current, IDashboardStore store) =>
        {
            var user = current.Of(ctx);
            if (user is null) return Results.Unauthorized();
            if (!AccessPolicy.CanCreateAthletes(user)) return Guard.Forbidden();
            string? id = body.Id?.Trim();
            if (id is null || !store.IsValidAthleteId(id)) return Guard.Bad("name: 1-64 letters, digits, spaces, '.', '_', '-' or apostrophes");
            if (await store.GetAthleteAsync(id, ctx.RequestAborted) is { } existing)
            {
                // Sessions recorded before anyone added the athlete here (`spinesense session --athlete NAME`, a demo, an
                // export) leave an athlete without a physio, whom no physio could see once sign-in is on: the physio who
                // adds that name takes them on, sessions, limits and plan included.
                if (existing.Physio is null && !user.SeesAllAthletes)
                    return Results.Ok(await store.AssignPhysioAsync(id, user.Name, ctx.RequestAborted));
                return Results.Conflict(new { error = $"athlete '{id}' exists" });
            }
            var created = await store.CreateAthleteAsync(id, user.SeesAllAthletes ? null : user.Name, ctx.RequestAborted);
            return Results.Created($"/api/athletes/{Uri.EscapeDataString(created.Id)}", created);
        });

        app.MapGet("/api/athletes/{id}", async (string id, HttpContext ctx, CurrentUser current, IDashboardStore store) =>
        {
            var (access, refusal) = await Guard.AthleteAsync(ctx, current, store, id);
            return refusal ?? Results.Ok(access!.Value.Athlete);
        });

        app.MapPut("/api/athletes/{id}/limits", async (string id, AthleteLimits body, HttpContext ctx, CurrentUser current, IDashboardStore store) =>
        {
            var (_, refusal) = await Guard.AthleteAsync(ctx, current, store, id, manage: true);
            if (refusal is not null) return refusal;
            if (LimitProblem(body) is { } problem) return Guard.Bad(problem);
            await store.SetLimitsAsync(id, body, ctx.RequestAborted);
            return Results.Ok(await store.GetAthleteAsync(id, ctx.RequestAborted));
        });

        app.MapPut("/api/athletes/{id}/plan", async (string id, PlanRequest body, HttpContext ctx, CurrentUser current, IDashboardStore store) =>
        {
            var (_, refusal) = await Guard.AthleteAsync(ctx, current, store, id, manage: true);
            if (refusal is not null) return refusal;
            if (body.Plan is null || !store.PlanNames.Contains(body.Plan)) return Guard.Bad($"plan must be one of: {string.Join(", ", store.PlanNames)}");
            await store.SetPlanAsync(id, body.Plan, ctx.RequestAborted);
            return Results.Ok(await store.GetAthleteAsync(id, ctx.RequestAborted));
        });

        app.MapGet("/api/athletes/{id}/sessions", async (string id, HttpContext ctx, CurrentUser current, IDashboardStore store) =>
        {
            var (_, refusal) = await Guard.AthleteAsync(ctx, current, store, id);
            return refusal ?? Results.Ok(await store.ListSessionsAsync(id, ctx.RequestAborted));
        });

        app.MapGet("/api/athletes/{id}/trends", async (string id, int? weeks, HttpContext ctx, CurrentUser current, IDashboardStore store) =>
        {
            var (_, refusal) = await Guard.AthleteAsync(ctx, current, store, id);
            if (refusal is not null) return refusal;
            int w = Math.Clamp(weeks ?? 12, 1, 104);
            var details = await DetailsAsync(store, id, DateTimeOffset.UtcNow.AddDays(-7 * (w + 1)), ctx.RequestAborted);
            return Results.Ok(TrendCalculator.Weekly(details, w, DateTimeOffset.UtcNow));
        });

        app.MapGet("/api/overview", async (HttpContext ctx, CurrentUser current, IDashboardStore store) =>
        {
            var user = current.Of(ctx);
            if (user is null) return Results.Unauthorized();
            var rows = new List<OverviewRow>();
            foreach (var a in await store.ListAthletesAsync(ctx.RequestAborted))
            {
                if (!AccessPolicy.CanRead(user, a)) continue;
                var details = await DetailsAsync(store, a.Id, DateTimeOffset.UtcNow.AddDays(-35), ctx.RequestAborted);
                rows.Add(TrendCalculator.Overview(a, details, DateTimeOffset.UtcNow));
            }
            return Results.Ok(rows.OrderByDescending(r => r.Attention.Count).ThenBy(r => r.Athlete.Id, StringComparer.Ordinal).ToList());
        });
    }

    private static async Task<IReadOnlyList<SessionDetail>> DetailsAsync(IDashboardStore store, string athleteId, DateTimeOffset since, CancellationToken cancel)
    {
        var list = new List<SessionDetail>();
        foreach (var s in await store.ListSessionsAsync(athleteId, cancel))
        {
            if (s.StartUtc < since) continue;
            var d = await store.GetSessionAsync(s.Id, cancel);
            if (d is not null) list.Add(d);
        }
        return list;
    }

    /// <summary>Physically sensible limits only: a typo like 650° must not silently disable an alert.</summary>
    public static string? LimitProblem(AthleteLimits l)
    {
        if (l.MaxFlexionDeg is { } f && (f < 5 || f > 120)) return "maxFlexionDeg must be between 5 and 120";
        if (l.MaxExtensionDeg is { } e && (e < 0 || e > 60)) return "maxExtensionDeg must be between 0 and 60";
        if (l.MaxRotationDps is { } r && (r < 10 || r > 1000)) return "maxRotationDps must be between 10 and 1000";
        if (l.MaxImpactG is { } g && (g < 1.2 || g > 16)) return "maxImpactG must be between 1.2 and 16";
        return null;
    }
}
