using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using SpineSense.Server.Data;

namespace SpineSense.Server.Api;

/// <summary>Session review: detail, zoomable downsampled series, corrections, CSV exports.</summary>
public static class SessionEndpoints
{
    /// <summary>A chart is at most a few thousand pixels wide; more buckets than that could never be drawn.</summary>
    public const int MaxBuckets = 4000;
    public const int DefaultBuckets = 1000;

    public sealed record CorrectionRequest(string? Exercise, int? Set, int? Rep, CorrectionType? Kind, int? Value, string? Note);

    public static void Map(WebApplication app)
    {
        app.MapGet("/api/sessions/{id}", async (string id, HttpContext ctx, CurrentUser current, IDashboardStore store) =>
        {
            var (_, session, refusal) = await Guard.SessionAsync(ctx, current, store, id);
            return refusal ?? Results.Ok(session);
        });

        app.MapGet("/api/sessions/{id}/series", async (string id, double? from, double? to, int? width, HttpContext ctx, CurrentUser current, IDashboardStore store) =>
        {
            var (_, session, refusal) = await Guard.SessionAsync(ctx, current, store, id);
            if (refusal is not null) return refusal;
            double duration = session!.Info.DurationS;
            double fromS = Math.Clamp(from ?? 0, 0, duration);
            double toS = Math.Clamp(to ?? duration, 0, duration);
            if (!(toS > fromS)) return Guard.Bad("need from < to within the session");
            int buckets = Math.Clamp(width ?? DefaultBuckets, 10, MaxBuckets);
            return Results.Ok(await store.GetAngleBucketsAsync(id, fromS, toS, buckets, ctx.RequestAborted));
        });

        app.MapPost("/api/sessions/{id}/corrections", async (string id, CorrectionRequest body, HttpContext ctx, CurrentUser current, IDashboardStore store) =>
        {
            var (access, session, refusal) = await Guard.SessionAsync(ctx, current, store, id, manage: true);
            if (refusal is not null) return refusal;
            if (CorrectionProblem(body, session!) is { } problem) return Guard.Bad(problem);
            string? note = body.Note?.Trim();
            if (note is { Length: > 500 }) return Guard.Bad("note: at most 500 characters");
            var row = new CorrectionRow(0, body.Exercise!, body.Set!.Value, body.Rep, body.Kind!.Value, body.Value,
                access!.Value.User.Name, string.IsNullOrEmpty(note) ? null : note, DateTimeOffset.UtcNow);
            await store.CorrectAsync(id, row, ctx.RequestAborted);
            return Results.Ok(await store.GetSessionAsync(id, ctx.RequestAborted));
        });

        app.MapGet("/api/sessions/{id}/reps.csv", async (string id, HttpContext ctx, CurrentUser current, IDashboardStore store) =>
        {
            var (_, session, refusal) = await Guard.SessionAsync(ctx, current, store, id);
            if (refusal is not null) return refusal;
            return Results.Text(RepsCsv(session!), "text/csv; charset=utf-8", Encoding.UTF8);
        });

        app.MapGet("/api/sessions/{id}/angles.csv", (string id, HttpContext ctx, CurrentUser current, IDashboardStore store) =>
            StreamCsvAsync(id, ctx, current, store, "angles", store.WriteAnglesCsvAsync));

        app.MapGet("/api/sessions/{id}/raw.csv", (string id, HttpContext ctx, CurrentUser current, IDashboardStore store) =>
            StreamCsvAsync(id, ctx, current, store, "raw", store.WriteRawCsvAsync));
    }

    /// <summary>A correction must name a set (and rep) that exists in the session, with a sensible value.</summary>
    public static string? CorrectionProblem(CorrectionRequest c, SessionDetail s)
    {
        if (c.Kind is not { } kind) return "kind: setRepCount, removeRep, addMissedReps or removeSet";
        if (c.Exercise is null || c.Set is not { } set || !s.Sets.Any(x => x.Exercise == c.Exercise && x.Set == set))
            return "exercise and set must name a set of this session";
        switch (kind)
        {
            case CorrectionType.SetRepCount when c.Value is not (>= 0 and <= 500): return "value: the correct rep count, 0-500";
            case CorrectionType.AddMissedReps when c.Value is not (>= 1 and <= 100): return "value: how many reps were missed, 1-100";
            case CorrectionType.RemoveRep when c.Rep is not { } rep || !s.Reps.Any(r => r.Exercise == c.Exercise && r.Set == set && r.Rep == rep):
                return "rep must name a rep of that set";
        }
        return null;
    }

    private static async Task<IResult> StreamCsvAsync(string id, HttpContext ctx, CurrentUser current, IDashboardStore store, string kind,
        Func<string, TextWriter, CancellationToken, Task> write)
    {
        var (_, _, refusal) = await Guard.SessionAsync(ctx, current, store, id);
        if (refusal is not null) return refusal;
        // Streamed: an hour at 200 Hz is 720,000 rows, never held in memory as one string.
        return Results.Stream(async body =>
        {
            await using var writer = new StreamWriter(body, new UTF8Encoding(false), 1 << 16);
            await write(id, writer, ctx.RequestAborted);
        }, "text/csv; charset=utf-8", $"{id}-{kind}.csv");
    }

    /// <summary>One line per rep with the contract's field names, plus exercise and flags; corrections listed after.</summary>
    public static string RepsCsv(SessionDetail s)
    {
        var sb = new StringBuilder();
        sb.Append("exercise,set,rep,start_s,end_s,eccentric_s,bottom_pause_s,concentric_s,top_pause_s,peak_flexion_deg,flags,removed_in_review\n");
        foreach (var r in s.Reps)
        {
            sb.Append(Csv(r.Exercise)).Append(',').Append(I(r.Set)).Append(',').Append(I(r.Rep)).Append(',')
              .Append(F(r.StartS)).Append(',').Append(F(r.EndS)).Append(',').Append(F(r.EccentricS)).Append(',')
              .Append(F(r.BottomPauseS)).Append(',').Append(F(r.ConcentricS)).Append(',').Append(F(r.TopPauseS)).Append(',')
              .Append(F(r.PeakFlexionDeg)).Append(',').Append(string.Join(';', r.Flags)).Append(',').Append(r.Removed ? "1" : "0").Append('\n');
        }
        return sb.ToString();
    }

    private static string I(int v) => v.ToString(CultureInfo.InvariantCulture);
    private static string F(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);

    // Quote fields that could break the row, and neutralise spreadsheet formula prefixes.
    private static string Csv(string v)
    {
        if (v.Length > 0 && "=+-@".Contains(v[0])) v = "'" + v;
        return v.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + v.Replace("\"", "\"\"") + "\"" : v;
    }
}
