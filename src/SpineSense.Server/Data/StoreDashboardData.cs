using System.Globalization;
using SpineSense.Motion.Results;
using SpineSense.Storage;
using SpineSense.Storage.Model;
using SpineSense.Streaming.Plans;
using StoreLimits = SpineSense.Storage.Model.AthleteLimits;

namespace SpineSense.Server.Data;

/// <summary>
/// The dashboard's data over SpineSense.Storage (embedded SQLite or InfluxDB: the same read surface).
/// Athletes are the configured ones plus any athlete with stored sessions (e.g. from `spinesense demo`);
/// the latter have no physio, so only an unauthenticated local server shows them.
/// </summary>
public sealed class StoreDashboardData(ISessionStore store, PlanLibrary? plans = null) : IDashboardStore
{
    /// <summary>Export windows: at 833 Hz (the fastest rate) 60 s is 50,000 samples, under the store's 100,000-bucket cap.</summary>
    private const double ExportWindowS = 60;
    private const int ExportMaxBuckets = 100_000;

    private readonly PlanLibrary _plans = plans ?? new PlanLibrary();

    public IReadOnlyList<string> PlanNames => _plans.Names;

    public bool IsValidAthleteId(string athleteId) => StoreNames.IsValidAthlete(athleteId);

    public bool IsValidSessionId(string sessionId) => StoreNames.IsValidSessionId(sessionId);

    public async Task<IReadOnlyList<AthleteInfo>> ListAthletesAsync(CancellationToken cancel)
    {
        var list = new List<AthleteInfo>();
        var configured = await store.Config.ListAthletesAsync(null, cancel);
        foreach (var a in configured) list.Add(await InfoAsync(a, cancel));
        var known = configured.Select(a => a.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var active in await store.Reader.ListAthletesAsync(cancel))
            if (known.Add(active.Athlete)) list.Add(new AthleteInfo(active.Athlete, active.Athlete, null, null, new AthleteLimits(null, null, null, null)));
        return list.OrderBy(a => a.Id, StringComparer.Ordinal).ToList();
    }

    public async Task<AthleteInfo?> GetAthleteAsync(string athleteId, CancellationToken cancel)
    {
        if (!StoreNames.IsValidAthlete(athleteId)) return null;
        var a = await store.Config.GetAthleteAsync(athleteId, cancel);
        if (a is not null) return await InfoAsync(a, cancel);
        var sessions = await store.Reader.ListSessionsAsync(athleteId, cancel: cancel);
        return sessions.Count == 0 ? null : new AthleteInfo(athleteId, athleteId, null, null, new AthleteLimits(null, null, null, null));
    }

    private async Task<AthleteInfo> InfoAsync(Athlete a, CancellationToken cancel)
    {
        var rows = await store.Config.GetLimitsAsync(a.Name, cancel);
        var all = rows.FirstOrDefault(r => r.Exercise is null);
        var limits = all is null ? new AthleteLimits(null, null, null, null) : new AthleteLimits(all.MaxFlexionDeg, all.MaxExtensionDeg, all.MaxRotationDps, all.MaxImpactG);
        return new AthleteInfo(a.Name, a.Name, a.Physio, a.Plan, limits);
    }

    public async Task<AthleteInfo> CreateAthleteAsync(string athleteId, string? physio, CancellationToken cancel)
    {
        var a = await store.Config.UpsertAthleteAsync(athleteId, physio, null, cancel);
        return await InfoAsync(a, cancel);
    }

    public async Task<AthleteInfo> AssignPhysioAsync(string athleteId, string physio, CancellationToken cancel)
    {
        var existing = await store.Config.GetAthleteAsync(athleteId, cancel);
        var a = await store.Config.UpsertAthleteAsync(athleteId, physio, existing?.Plan, cancel);
        return await InfoAsync(a, cancel);
    }

    public Task SetLimitsAsync(string athleteId, AthleteLimits limits, CancellationToken cancel) =>
        store.Config.SetLimitsAsync(new StoreLimits(athleteId, null, limits.MaxFlexionDeg, limits.MaxExtensionDeg, limits.MaxRotationDps, limits.MaxImpactG), cancel);

    public Task SetPlanAsync(string athleteId, string plan, CancellationToken cancel) => store.Config.AssignPlanAsync(athleteId, plan, cancel);

    public async Task<IReadOnlyList<SessionInfo>> ListSessionsAsync(string athleteId, CancellationToken cancel)
    {
        var list = new List<SessionInfo>();
        foreach (var s in await store.Reader.ListSessionsAsync(athleteId, cancel: cancel))
            list.Add(Info(await store.Reader.GetSessionSummaryAsync(s.SessionId, cancel)));
        return list;
    }

    private static SessionInfo Info(SessionSummary s) => new(
        s.Info.SessionId, s.Info.Athlete, s.Info.StartUtc, s.DurationS, s.Info.Plan ?? s.Info.Exercise,
        s.Sets, s.Reps, s.Alerts, double.IsFinite(s.PeakFlexionDeg) ? s.PeakFlexionDeg : 0);

    public async Task<SessionDetail?> GetSessionAsync(string sessionId, CancellationToken cancel)
    {
        if (!StoreNames.IsValidSessionId(sessionId)) return null;
        if (await store.Reader.GetSessionAsync(sessionId, cancel) is null) return null;
        var summary = await store.Reader.GetSessionSummaryAsync(sessionId, cancel);
        var reps = await store.Reader.GetRepsAsync(sessionId, cancel);
        var sets = await store.Reader.GetSetsAsync(sessionId, cancel);
        var alerts = await store.Reader.GetAlertsAsync(sessionId, cancel);
        var holds = await store.Reader.GetHoldsAsync(sessionId, cancel);
        var corrections = (await store.Config.GetCorrectionsAsync(sessionId, cancel)).Select(ToRow).ToList();
        var targets = TargetsOf(summary.Info.Plan);
        var repRows = reps.Select(r => new RepRow(
            r.Exercise, r.Rep.Set, r.Rep.Rep, r.Rep.StartS, r.Rep.EndS, r.Rep.EccentricS, r.Rep.BottomPauseS, r.Rep.ConcentricS, r.Rep.TopPauseS,
            r.Rep.PeakFlexionDeg, AlertNames.Of(r.Rep.Flags),
            corrections.Any(c => c.Kind == CorrectionType.RemoveRep && c.Exercise == r.Exercise && c.Set == r.Rep.Set && c.Rep == r.Rep.Rep))).ToList();
        var setRows = sets.Select(s => new SetRow(
            s.Exercise, s.Set.Set, s.Set.StartS, s.Set.EndS, s.Set.Reps,
            targets.TryGetValue(s.Exercise, out int t) ? t : null,
            ReviewedReps(s.Exercise, s.Set.Set, s.Set.Reps, corrections))).ToList();
        // The data can outlast the stored end (sessions stored before ends were kept in session time were ended by the wall clock;
        // a crashed one never ended): review covers everything that was stored. A session whose events all lie within its
        // end keeps that end, so the review, the report and the sessions list give the same duration as the CLI summary.
        double lastEventS = new[]
        {
            repRows.Count == 0 ? 0 : repRows.Max(r => r.EndS), setRows.Count == 0 ? 0 : setRows.Max(x => x.EndS),
            holds.Count == 0 ? 0 : holds.Max(x => x.Hold.EndS), alerts.Count == 0 ? 0 : alerts.Max(x => x.Alert.TimeS),
        }.Max();
        var info = Info(summary);
        if (lastEventS > info.DurationS) info = info with { DurationS = lastEventS + 5 };
        return new SessionDetail(
            info, setRows, repRows,
            alerts.Select(a => new AlertRow(a.Alert.TimeS, AlertNames.First(a.Alert.Kind), a.Alert.Value, a.Alert.Limit)).ToList(),
            holds.Select(h => new HoldRow(h.Exercise, h.Hold.StartS, h.Hold.EndS, h.Hold.SwayDeg)).ToList(),
            corrections);
    }

    /// <summary>The set's count after applying its corrections in order; null when it has none.</summary>
    public static int? ReviewedReps(string exercise, int set, int counted, IEnumerable<CorrectionRow> corrections)
    {
        int? reviewed = null;
        foreach (var c in corrections)
        {
            if (c.Exercise != exercise || c.Set != set) continue;
            int current = reviewed ?? counted;
            reviewed = c.Kind switch
            {
                CorrectionType.SetRepCount => c.Value ?? current,
                CorrectionType.RemoveRep => Math.Max(0, current - 1),
                CorrectionType.AddMissedReps => current + (c.Value ?? 0),
                CorrectionType.RemoveSet => 0,
                _ => current,
            };
        }
        return reviewed;
    }

    private Dictionary<string, int> TargetsOf(string? plan)
    {
        var map = new Dictionary<string, int>(StringComparer.Ordinal);
        if (plan is null) return map;
        try
        {
            foreach (var step in _plans.FindStored(plan)?.Steps ?? [])
                if (step.RepsPerSet is int r) map.TryAdd(step.ExerciseId, r);
        }
        catch (PlanException) { }
        return map;
    }

    private static CorrectionRow ToRow(ReviewCorrection c) => new(
        c.Id, c.Exercise, c.Set, c.Rep, MapKind(c.Kind), c.CorrectedValue, c.Author, c.Note, c.AtUtc);

    private static CorrectionType MapKind(CorrectionKind k) => k switch
    {
        CorrectionKind.RemoveRep => CorrectionType.RemoveRep,
        CorrectionKind.AddMissedReps => CorrectionType.AddMissedReps,
        CorrectionKind.SetRepCount => CorrectionType.SetRepCount,
        _ => CorrectionType.RemoveSet,
    };

    private static CorrectionKind MapKind(CorrectionType k) => k switch
    {
        CorrectionType.RemoveRep => CorrectionKind.RemoveRep,
        CorrectionType.AddMissedReps => CorrectionKind.AddMissedReps,
        CorrectionType.SetRepCount => CorrectionKind.SetRepCount,
        _ => CorrectionKind.RemoveSet,
    };

    public Task CorrectAsync(string sessionId, CorrectionRow c, CancellationToken cancel) =>
        store.Config.AddCorrectionAsync(new ReviewCorrection(0, sessionId, c.Exercise, c.Set, c.Rep, MapKind(c.Kind), c.Value, c.Note, c.By, c.AtUtc), cancel);

    /// <summary>Windows longer than this are read as two halves in parallel: the store's scan is the review's cost.</summary>
    private const double SplitAboveS = 600;

    public async Task<AngleBuckets> GetAngleBucketsAsync(string sessionId, double fromS, double toS, int buckets, CancellationToken cancel)
    {
        SeriesData[] parts;
        if (toS - fromS > SplitAboveS && buckets >= 20)
        {
            // Each half gets half the columns, so the total never exceeds what was asked for. The store reads are
            // synchronous on SQLite (one connection each), hence Task.Run to use both cores.
            double mid = fromS + (toS - fromS) / 2;
            parts = await Task.WhenAll(
                Task.Run(() => store.Reader.GetSeriesAsync(sessionId, SeriesKind.Angles, fromS, mid, buckets / 2, cancel), cancel),
                Task.Run(() => store.Reader.GetSeriesAsync(sessionId, SeriesKind.Angles, mid, toS, buckets / 2, cancel), cancel));
        }
        else parts = [await store.Reader.GetSeriesAsync(sessionId, SeriesKind.Angles, fromS, toS, buckets, cancel)];
        double[] Join(Func<SeriesData, double[]> pick) => parts.SelectMany(pick).ToArray();
        // The store's width, not the asked-for one: its buckets are whole microseconds or whole seconds, and wider.
        return new AngleBuckets(fromS, toS, parts.Max(d => d.BucketS), Join(d => d.TimeS),
            Join(d => d.Min[0]), Join(d => d.Max[0]), Join(d => d.Min[1]), Join(d => d.Max[1]), Join(d => d.Min[2]), Join(d => d.Max[2]));
    }

    /// <summary>The raw samples as a contract recording (section 2: its header line, then "key: value" comments), so
    /// <c>spinesense analyze</c> reads the download as it is.</summary>
    public Task WriteRawCsvAsync(string sessionId, TextWriter output, CancellationToken cancel) =>
        WriteSeriesCsvAsync(sessionId, SeriesKind.Raw, d =>
            "# spinesense-recording: 1\n"
            + $"# source: spinesense session {d.Info.Id}\n# athlete: {d.Info.AthleteId}\n"
            + $"# start_utc: {d.Info.StartUtc.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", CultureInfo.InvariantCulture)}\n"
            + "time_s,acc_x_g,acc_y_g,acc_z_g,gyr_x_dps,gyr_y_dps,gyr_z_dps", output, cancel);

    public Task WriteAnglesCsvAsync(string sessionId, TextWriter output, CancellationToken cancel) =>
        WriteSeriesCsvAsync(sessionId, SeriesKind.Angles, _ => "time_s,flexion_deg,lateral_deg,rotation_deg", output, cancel);

    /// <summary>
    /// Every stored sample, read window by window so memory stays bounded. Each window asks for more buckets
    /// than it holds samples, so the store returns the samples themselves (min == max).
    /// </summary>
    private async Task WriteSeriesCsvAsync(string sessionId, SeriesKind kind, Func<SessionDetail, string> header, TextWriter output,
        CancellationToken cancel)
    {
        var detail = await GetSessionAsync(sessionId, cancel) ?? throw new StorageException(StorageErrorCode.NotFound, $"no session with id '{sessionId}'");
        await output.WriteAsync(header(detail) + "\n");
        double last = double.NegativeInfinity;
        var line = new System.Text.StringBuilder(128);
        // Up to the session's extent, and on while windows still hold data (a session's samples can outlast its stored end).
        for (double from = 0; ; from += ExportWindowS)
        {
            var d = await store.Reader.GetSeriesAsync(sessionId, kind, from, from + ExportWindowS, ExportMaxBuckets, cancel);
            if (d.TimeS.Length == 0 && from + ExportWindowS >= detail.Info.DurationS) break;
            for (int i = 0; i < d.TimeS.Length; i++)
            {
                // Windows are inclusive at both ends: a sample on the boundary comes twice.
                if (d.TimeS[i] <= last) continue;
                last = d.TimeS[i];
                line.Clear();
                line.Append(d.TimeS[i].ToString("0.000000", CultureInfo.InvariantCulture));
                for (int c = 0; c < d.Min.Length; c++) line.Append(',').Append(d.Min[c][i].ToString("0.######", CultureInfo.InvariantCulture));
                line.Append('\n');
                await output.WriteAsync(line.ToString());
            }
        }
    }
}
