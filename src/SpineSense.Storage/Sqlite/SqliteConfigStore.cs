using Microsoft.Data.Sqlite;
using SpineSense.Storage.Model;

namespace SpineSense.Storage.Sqlite;

/// <summary>Athletes, limits, plans and review corrections in SQLite (used by every store kind).</summary>
internal sealed class SqliteConfigStore : IConfigStore
{
    private readonly string _path;

    public SqliteConfigStore(string path)
    {
        _path = path;
        SqliteDb.Initialise(path);
    }

    public Task<Athlete> UpsertAthleteAsync(string name, string? physio, string? plan, CancellationToken cancel = default)
    {
        StoreNames.CheckAthlete(name);
        if (physio is not null) StoreNames.CheckAthlete(physio);
        StoreNames.CheckPlan(plan);
        return Run("saving an athlete", c =>
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = """
                INSERT INTO athletes(name, physio, plan, created_unix_us) VALUES($n, $ph, $pl, $t)
                ON CONFLICT(name) DO UPDATE SET physio = excluded.physio, plan = excluded.plan
                """;
            cmd.Parameters.AddWithValue("$n", name);
            cmd.Parameters.AddWithValue("$ph", SqliteDb.Db(physio));
            cmd.Parameters.AddWithValue("$pl", SqliteDb.Db(plan));
            cmd.Parameters.AddWithValue("$t", SqliteDb.ToUnixUs(DateTimeOffset.UtcNow));
            cmd.ExecuteNonQuery();
            return ReadAthletes(c, "WHERE name = $n", ("$n", name))[0];
        });
    }

    public Task<Athlete?> GetAthleteAsync(string name, CancellationToken cancel = default)
    {
        StoreNames.CheckAthlete(name);
        return Run<Athlete?>("reading an athlete", c => ReadAthletes(c, "WHERE name = $n", ("$n", name)).FirstOrDefault());
    }

    public Task<IReadOnlyList<Athlete>> ListAthletesAsync(string? physio = null, CancellationToken cancel = default)
    {
        if (physio is not null) StoreNames.CheckAthlete(physio);
        return Run<IReadOnlyList<Athlete>>("listing athletes", c => physio is null
            ? ReadAthletes(c, "")
            : ReadAthletes(c, "WHERE physio = $p", ("$p", physio)));
    }

    public Task AssignPlanAsync(string athlete, string? plan, CancellationToken cancel = default)
    {
        StoreNames.CheckAthlete(athlete);
        StoreNames.CheckPlan(plan);
        return Run("assigning a plan", c =>
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = "UPDATE athletes SET plan = $pl WHERE name = $n";
            cmd.Parameters.AddWithValue("$n", athlete);
            cmd.Parameters.AddWithValue("$pl", SqliteDb.Db(plan));
            if (cmd.ExecuteNonQuery() == 0) throw new StorageException(StorageErrorCode.NotFound, $"no athlete named '{athlete}'");
            return 0;
        });
    }

    public Task SetLimitsAsync(AthleteLimits limits, CancellationToken cancel = default)
    {
        StoreNames.CheckAthlete(limits.Athlete);
        if (limits.Exercise is not null) StoreNames.CheckExercise(limits.Exercise);
        CheckLimit(limits.MaxFlexionDeg, "max flexion", 0, 180);
        CheckLimit(limits.MaxExtensionDeg, "max extension", 0, 180);
        CheckLimit(limits.MaxRotationDps, "max rotation", 0, 5000);
        CheckLimit(limits.MaxImpactG, "max impact", 0, 64);
        return Run("saving limits", c =>
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = """
                INSERT OR REPLACE INTO limits(athlete, exercise, max_flexion_deg, max_extension_deg, max_rotation_dps, max_impact_g)
                VALUES($a, $e, $f, $x, $r, $i)
                """;
            cmd.Parameters.AddWithValue("$a", limits.Athlete);
            cmd.Parameters.AddWithValue("$e", limits.Exercise ?? "");
            cmd.Parameters.AddWithValue("$f", SqliteDb.Db(limits.MaxFlexionDeg));
            cmd.Parameters.AddWithValue("$x", SqliteDb.Db(limits.MaxExtensionDeg));
            cmd.Parameters.AddWithValue("$r", SqliteDb.Db(limits.MaxRotationDps));
            cmd.Parameters.AddWithValue("$i", SqliteDb.Db(limits.MaxImpactG));
            return cmd.ExecuteNonQuery();
        });
    }

    public Task<IReadOnlyList<AthleteLimits>> GetLimitsAsync(string athlete, CancellationToken cancel = default)
    {
        StoreNames.CheckAthlete(athlete);
        return Run<IReadOnlyList<AthleteLimits>>("reading limits", c =>
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = """
                SELECT exercise, max_flexion_deg, max_extension_deg, max_rotation_dps, max_impact_g
                FROM limits WHERE athlete = $a ORDER BY exercise
                """;
            cmd.Parameters.AddWithValue("$a", athlete);
            using var r = cmd.ExecuteReader();
            var list = new List<AthleteLimits>();
            while (r.Read())
                list.Add(new AthleteLimits(athlete, r.GetString(0) is { Length: > 0 } e ? e : null,
                    NullableDouble(r, 1), NullableDouble(r, 2), NullableDouble(r, 3), NullableDouble(r, 4)));
            return list;
        });
    }

    public async Task<AthleteLimits> GetEffectiveLimitsAsync(string athlete, string exercise, CancellationToken cancel = default)
    {
        StoreNames.CheckExercise(exercise);
        var rows = await GetLimitsAsync(athlete, cancel).ConfigureAwait(false);
        var all = rows.FirstOrDefault(r => r.Exercise is null);
        var own = rows.FirstOrDefault(r => r.Exercise == exercise);
        return new AthleteLimits(athlete, exercise,
            own?.MaxFlexionDeg ?? all?.MaxFlexionDeg, own?.MaxExtensionDeg ?? all?.MaxExtensionDeg,
            own?.MaxRotationDps ?? all?.MaxRotationDps, own?.MaxImpactG ?? all?.MaxImpactG);
    }

    public Task<ReviewCorrection> AddCorrectionAsync(ReviewCorrection correction, CancellationToken cancel = default)
    {
        StoreNames.CheckSessionId(correction.SessionId);
        StoreNames.CheckExercise(correction.Exercise);
        StoreNames.CheckAthlete(correction.Author);
        if (correction.Set < 1) throw new StorageException(StorageErrorCode.InvalidInput, "a correction needs a set number ≥ 1");
        if (correction.Kind == CorrectionKind.RemoveRep && correction.Rep is not >= 1)
            throw new StorageException(StorageErrorCode.InvalidInput, "removing a rep needs the rep number ≥ 1");
        if (correction.Kind is CorrectionKind.SetRepCount or CorrectionKind.AddMissedReps && correction.CorrectedValue is not >= 0)
            throw new StorageException(StorageErrorCode.InvalidInput, "this correction needs a corrected value ≥ 0");
        if (correction.Note is { Length: > 2000 }) throw new StorageException(StorageErrorCode.InvalidInput, "a correction note is limited to 2000 characters");
        return Run("saving a correction", c =>
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = """
                INSERT INTO corrections(session_id, exercise, set_no, rep_no, kind, corrected_value, note, author, at_unix_us)
                VALUES($s, $e, $set, $rep, $k, $v, $n, $a, $t) RETURNING id
                """;
            cmd.Parameters.AddWithValue("$s", correction.SessionId);
            cmd.Parameters.AddWithValue("$e", correction.Exercise);
            cmd.Parameters.AddWithValue("$set", correction.Set);
            cmd.Parameters.AddWithValue("$rep", correction.Rep is { } rep ? rep : DBNull.Value);
            cmd.Parameters.AddWithValue("$k", (int)correction.Kind);
            cmd.Parameters.AddWithValue("$v", correction.CorrectedValue is { } v ? v : DBNull.Value);
            cmd.Parameters.AddWithValue("$n", SqliteDb.Db(correction.Note));
            cmd.Parameters.AddWithValue("$a", correction.Author);
            cmd.Parameters.AddWithValue("$t", SqliteDb.ToUnixUs(correction.AtUtc));
            long id = (long)cmd.ExecuteScalar()!;
            return correction with { Id = id };
        });
    }

    public Task<IReadOnlyList<ReviewCorrection>> GetCorrectionsAsync(string sessionId, CancellationToken cancel = default)
    {
        StoreNames.CheckSessionId(sessionId);
        return Run<IReadOnlyList<ReviewCorrection>>("reading corrections", c =>
        {
            using var cmd = c.CreateCommand();
            cmd.CommandText = """
                SELECT id, exercise, set_no, rep_no, kind, corrected_value, note, author, at_unix_us
                FROM corrections WHERE session_id = $s ORDER BY id
                """;
            cmd.Parameters.AddWithValue("$s", sessionId);
            using var r = cmd.ExecuteReader();
            var list = new List<ReviewCorrection>();
            while (r.Read())
                list.Add(new ReviewCorrection(r.GetInt64(0), sessionId, r.GetString(1), r.GetInt32(2),
                    r.IsDBNull(3) ? null : r.GetInt32(3), (CorrectionKind)r.GetInt32(4), r.IsDBNull(5) ? null : r.GetInt32(5),
                    r.IsDBNull(6) ? null : r.GetString(6), r.GetString(7), SqliteDb.FromUnixUs(r.GetInt64(8))));
            return list;
        });
    }

    private static void CheckLimit(double? v, string what, double min, double max)
    {
        if (v is { } x && !(x > min && x <= max))
            throw new StorageException(StorageErrorCode.InvalidInput, $"{what} limit must be in ({min}, {max}], got {x}");
    }

    private static double? NullableDouble(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetDouble(i);

    private static List<Athlete> ReadAthletes(SqliteConnection c, string where, params (string Name, object Value)[] args)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = $"SELECT name, physio, plan, created_unix_us FROM athletes {where} ORDER BY name";
        foreach (var (n, v) in args) cmd.Parameters.AddWithValue(n, v);
        using var r = cmd.ExecuteReader();
        var list = new List<Athlete>();
        while (r.Read())
            list.Add(new Athlete(r.GetString(0), r.IsDBNull(1) ? null : r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2),
                SqliteDb.FromUnixUs(r.GetInt64(3))));
        return list;
    }

    private Task<T> Run<T>(string what, Func<SqliteConnection, T> body)
    {
        try
        {
            using var c = SqliteDb.Open(_path);
            return Task.FromResult(body(c));
        }
        catch (SqliteException e) { throw SqliteDb.Failed(what, e); }
    }
}
