using SpineSense.Storage.Model;
using SpineSense.Storage.Sqlite;

namespace SpineSense.Storage;

/// <summary>What an export moved.</summary>
public sealed record ExportResult(int Sessions, long Points);

/// <summary>
/// Moves sessions from the embedded SQLite store into another store (InfluxDB) with the same ids, times and values,
/// through the destination's normal write path (outbox included). Writes are idempotent (same series + timestamp),
/// so exporting a session twice leaves the destination as it was.
/// </summary>
public static class SessionExporter
{
    private const int Chunk = 5000;

    /// <param name="sessionId">Only this session; null = all (of <paramref name="athlete"/> when given).</param>
    /// <param name="drainTimeout">How long to wait for the destination to acknowledge everything.</param>
    public static async Task<ExportResult> ExportAsync(ISessionStore source, ISessionStore destination, string? sessionId, string? athlete,
        TimeSpan drainTimeout, IProgress<string>? progress = null, CancellationToken cancel = default)
    {
        if (source is not SqliteSessionStore || source.Reader is not SqliteReader reader)
            throw new StorageException(StorageErrorCode.InvalidInput, "export reads the embedded SQLite store: give --store sqlite:PATH (or leave it at the default)");
        if (destination.Target.Kind == Targets.StoreKind.Sqlite)
            throw new StorageException(StorageErrorCode.InvalidInput, "export writes to InfluxDB: --to influx1://HOST:PORT/DATABASE or influx2://HOST:PORT?org=ORG&bucket=BUCKET");
        IReadOnlyList<SessionInfo> sessions;
        if (sessionId is not null)
            sessions = [await reader.GetSessionAsync(sessionId, cancel).ConfigureAwait(false)
                        ?? throw new StorageException(StorageErrorCode.NotFound, $"no session with id '{sessionId}' in {source.Target}")];
        else
            sessions = await reader.ListSessionsAsync(athlete, null, null, cancel).ConfigureAwait(false);
        // A misspelt athlete ("ann" for "Ann") must not read as a finished export of nothing.
        if (athlete is not null && sessions.Count == 0 && await source.Config.GetAthleteAsync(athlete, cancel).ConfigureAwait(false) is null)
        {
            var known = (await reader.ListAthletesAsync(cancel).ConfigureAwait(false)).Select(a => a.Athlete).Order(StringComparer.Ordinal).ToList();
            string hint = known.Count == 0 ? "it holds no sessions"
                : "athletes with sessions: " + string.Join(", ", known.Take(20)) + (known.Count > 20 ? ", …" : "");
            throw new StorageException(StorageErrorCode.NotFound, $"no athlete '{athlete}' in {source.Target} ({hint})");
        }

        long before = destination.Stats.PointsAccepted;
        foreach (var info in sessions)
        {
            cancel.ThrowIfCancellationRequested();
            var w = await destination.StartSessionAsync(new SessionStart(info.Athlete, info.StartUtc, info.Plan, info.Exercise, info.SessionId), cancel).ConfigureAwait(false);
            reader.ReadSamples(info.SessionId, Chunk, span => w.WriteSamples(span));
            reader.ReadAngles(info.SessionId, Chunk, (t, a) => w.WriteAngles(t, a));
            foreach (var r in await reader.GetRepsAsync(info.SessionId, cancel).ConfigureAwait(false)) w.WriteRep(r.Exercise, r.Rep);
            foreach (var s in await reader.GetSetsAsync(info.SessionId, cancel).ConfigureAwait(false)) w.WriteSet(s.Exercise, s.Set);
            foreach (var h in await reader.GetHoldsAsync(info.SessionId, cancel).ConfigureAwait(false)) w.WriteHold(h.Exercise, h.Hold);
            foreach (var a in await reader.GetAlertsAsync(info.SessionId, cancel).ConfigureAwait(false)) w.WriteAlert(a.Exercise, a.Alert);
            foreach (var l in await reader.GetLinkHealthAsync(info.SessionId, cancel).ConfigureAwait(false)) w.WriteLinkHealth(l);
            if (info.EndUtc is { } end) await w.EndAsync(end, cancel).ConfigureAwait(false);
            else await w.FlushAsync(cancel).ConfigureAwait(false);
            progress?.Report($"{info.SessionId} ({info.Athlete}, {info.StartUtc:yyyy-MM-dd HH:mm}Z)");
        }
        if (!await destination.DrainAsync(drainTimeout, cancel).ConfigureAwait(false))
        {
            var stats = destination.Stats;
            throw new StorageException(stats.Delivering ? StorageErrorCode.ServerError : StorageErrorCode.Unreachable,
                $"export incomplete: {stats.PointsPending} point(s) still wait in the outbox ({stats.LastError ?? "server too slow"}); they are kept and sent on the next run");
        }
        return new ExportResult(sessions.Count, destination.Stats.PointsAccepted - before);
    }
}
