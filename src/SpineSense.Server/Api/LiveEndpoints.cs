using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using SpineSense.Server.Auth;
using SpineSense.Server.Data;
using SpineSense.Server.Live;

namespace SpineSense.Server.Api;

/// <summary>
/// Live sessions: list, start a simulated one, stop, and the Server-Sent-Events feed (20 frames/s).
/// SSE rather than WebSockets: one direction is all the page needs, and it reconnects by itself.
/// </summary>
public static class LiveEndpoints
{
    public sealed record StartRequest(string? AthleteId, string? Plan, double? Speed, int? Seed);

    public sealed record LiveInfo(string Id, string AthleteId, string Plan, DateTimeOffset StartedUtc, bool Ended, int Reps, string? StoredSessionId);

    public static void Map(WebApplication app)
    {
        app.MapGet("/api/live", async (HttpContext ctx, CurrentUser current, IDashboardStore store, LiveSessionRegistry live) =>
        {
            var user = current.Of(ctx);
            if (user is null) return Results.Unauthorized();
            var visible = new List<LiveInfo>();
            foreach (var f in live.Feeds)
            {
                var athlete = await store.GetAthleteAsync(f.Session.AthleteId, ctx.RequestAborted);
                if (athlete is not null && AccessPolicy.CanRead(user, athlete)) visible.Add(Info(f));
            }
            return Results.Ok(new { canSimulate = live.CanSimulate, sessions = visible.OrderByDescending(v => v.StartedUtc) });
        });

        app.MapPost("/api/live", async (StartRequest body, HttpContext ctx, CurrentUser current, IDashboardStore store, LiveSessionRegistry live) =>
        {
            if (body.AthleteId is null) return Guard.Bad("athleteId is required");
            var (access, refusal) = await Guard.AthleteAsync(ctx, current, store, body.AthleteId);
            if (refusal is not null) return refusal;
            if (!AccessPolicy.CanStartSession(access!.Value.User, access.Value.Athlete)) return Guard.Forbidden();
            if (!live.CanSimulate) return Results.Json(new { error = "this server cannot start simulated sessions" }, statusCode: StatusCodes.Status501NotImplemented);
            if (live.Running >= LiveSessionRegistry.MaxRunningSimulations)
                return Results.Json(new { error = $"{live.Running} sessions are running; stop one first" }, statusCode: StatusCodes.Status429TooManyRequests);
            string plan = body.Plan ?? access.Value.Athlete.Plan ?? store.PlanNames.FirstOrDefault() ?? "beginner";
            if (!store.PlanNames.Contains(plan)) return Guard.Bad($"plan must be one of: {string.Join(", ", store.PlanNames)}");
            double speed = body.Speed ?? 1;
            if (!(speed >= 0.5 && speed <= 100)) return Guard.Bad("speed must be between 0.5 and 100");
            LiveFeed feed;
            try { feed = await live.StartSimulatedAsync(access.Value.Athlete.Id, plan, speed, body.Seed ?? Random.Shared.Next(1, 1_000_000), ctx.RequestAborted); }
            catch (SpineSense.Streaming.Plans.PlanException e) { return Guard.Bad(e.Message); }
            return Results.Created($"/api/live/{feed.Id}", Info(feed));
        });

        app.MapPost("/api/live/{id}/stop", async (string id, HttpContext ctx, CurrentUser current, IDashboardStore store, LiveSessionRegistry live) =>
        {
            if (current.Of(ctx) is null) return Results.Unauthorized();
            var feed = live.Find(id);
            if (feed is null) return Guard.NotFound();
            var (_, refusal) = await Guard.AthleteAsync(ctx, current, store, feed.Session.AthleteId);
            if (refusal is not null) return refusal;
            feed.Session.Stop();
            return Results.Ok(Info(feed));
        });

        app.MapGet("/api/live/{id}/events", async (string id, HttpContext ctx, CurrentUser current, IDashboardStore store, LiveSessionRegistry live) =>
        {
            if (current.Of(ctx) is null) { await Results.Unauthorized().ExecuteAsync(ctx); return; }
            var feed = live.Find(id);
            if (feed is null) { await Guard.NotFound().ExecuteAsync(ctx); return; }
            var (_, refusal) = await Guard.AthleteAsync(ctx, current, store, feed.Session.AthleteId);
            if (refusal is not null) { await refusal.ExecuteAsync(ctx); return; }

            ctx.Response.ContentType = "text/event-stream";
            ctx.Response.Headers.CacheControl = "no-cache";
            ctx.Response.Headers["X-Accel-Buffering"] = "no";
            var reader = feed.Subscribe(out var unsubscribe);
            try
            {
                await foreach (string frame in reader.ReadAllAsync(ctx.RequestAborted))
                {
                    await ctx.Response.Body.WriteAsync(Encoding.UTF8.GetBytes("data: " + frame + "\n\n"), ctx.RequestAborted);
                    await ctx.Response.Body.FlushAsync(ctx.RequestAborted);
                }
                await ctx.Response.Body.WriteAsync("event: end\ndata: {}\n\n"u8.ToArray(), ctx.RequestAborted);
            }
            catch (OperationCanceledException) { }
            finally { unsubscribe(); }
        });
    }

    private static LiveInfo Info(LiveFeed f) => new(f.Id, f.Session.AthleteId, f.Session.Plan, f.StartedUtc, f.Ended, f.RepCount, f.StoredSessionId);
}
