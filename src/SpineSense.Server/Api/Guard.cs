using Microsoft.AspNetCore.Http;
using SpineSense.Server.Auth;
using SpineSense.Server.Data;

namespace SpineSense.Server.Api;

/// <summary>
/// The one place an endpoint turns a request into (user, athlete) or a refusal. A resource the user may
/// not see answers 404 exactly like a missing one, so ids of other people's data cannot be probed.
/// </summary>
public static class Guard
{
    public readonly record struct Access(DashboardUser User, AthleteInfo Athlete);

    public static async Task<(Access? Access, IResult? Refusal)> AthleteAsync(
        HttpContext ctx, CurrentUser current, IDashboardStore store, string athleteId, bool manage = false)
    {
        var user = current.Of(ctx);
        if (user is null) return (null, Results.Unauthorized());
        if (!store.IsValidAthleteId(athleteId)) return (null, NotFound());
        var athlete = await store.GetAthleteAsync(athleteId, ctx.RequestAborted);
        if (athlete is null || !AccessPolicy.CanRead(user, athlete)) return (null, NotFound());
        if (manage && !AccessPolicy.CanManage(user, athlete)) return (null, Forbidden());
        return (new Access(user, athlete), null);
    }

    public static async Task<(Access? Access, SessionDetail? Session, IResult? Refusal)> SessionAsync(
        HttpContext ctx, CurrentUser current, IDashboardStore store, string sessionId, bool manage = false)
    {
        var user = current.Of(ctx);
        if (user is null) return (null, null, Results.Unauthorized());
        if (!store.IsValidSessionId(sessionId)) return (null, null, NotFound());
        var session = await store.GetSessionAsync(sessionId, ctx.RequestAborted);
        if (session is null) return (null, null, NotFound());
        var (access, refusal) = await AthleteAsync(ctx, current, store, session.Info.AthleteId, manage);
        return refusal is not null ? (null, null, refusal) : (access, session, null);
    }

    public static IResult NotFound() => Results.Json(new { error = "not found" }, statusCode: StatusCodes.Status404NotFound);

    public static IResult Forbidden() => Results.Json(new { error = "only the athlete's physio can change this" }, statusCode: StatusCodes.Status403Forbidden);

    public static IResult Bad(string message) => Results.Json(new { error = message }, statusCode: StatusCodes.Status400BadRequest);
}
