using Microsoft.Data.Sqlite;

namespace SpineSense.Storage.Sqlite;

/// <summary>
/// The embedded database file: schema and connections. Session-relative times are stored as integer
/// microseconds (<c>t_us</c>), absolute times as Unix microseconds (<c>*_unix_us</c>).
/// WAL journal: readers (dashboard) never block the writer (live session) and vice versa.
/// </summary>
internal static class SqliteDb
{
    // Idempotency lives in the primary keys: a row written twice (replay, export run twice) replaces itself.
    private const string Schema = """
        PRAGMA journal_mode = WAL;
        CREATE TABLE IF NOT EXISTS sessions(
          sid INTEGER PRIMARY KEY, session_id TEXT NOT NULL UNIQUE, athlete TEXT NOT NULL, plan TEXT, exercise TEXT,
          start_unix_us INTEGER NOT NULL, end_unix_us INTEGER);
        CREATE INDEX IF NOT EXISTS sessions_by_athlete ON sessions(athlete, start_unix_us);
        CREATE TABLE IF NOT EXISTS samples(sid INTEGER NOT NULL, t_us INTEGER NOT NULL,
          acc_x_g REAL, acc_y_g REAL, acc_z_g REAL, gyr_x_dps REAL, gyr_y_dps REAL, gyr_z_dps REAL,
          PRIMARY KEY(sid, t_us)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS angles(sid INTEGER NOT NULL, t_us INTEGER NOT NULL,
          flexion_deg REAL, lateral_deg REAL, rotation_deg REAL, PRIMARY KEY(sid, t_us)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS samples_1s(sid INTEGER NOT NULL, sec INTEGER NOT NULL, n INTEGER NOT NULL,
          acc_x_g_min REAL, acc_x_g_max REAL, acc_y_g_min REAL, acc_y_g_max REAL, acc_z_g_min REAL, acc_z_g_max REAL,
          gyr_x_dps_min REAL, gyr_x_dps_max REAL, gyr_y_dps_min REAL, gyr_y_dps_max REAL, gyr_z_dps_min REAL, gyr_z_dps_max REAL,
          PRIMARY KEY(sid, sec)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS angles_1s(sid INTEGER NOT NULL, sec INTEGER NOT NULL, n INTEGER NOT NULL,
          flexion_deg_min REAL, flexion_deg_max REAL, lateral_deg_min REAL, lateral_deg_max REAL,
          rotation_deg_min REAL, rotation_deg_max REAL, PRIMARY KEY(sid, sec)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS reps(sid INTEGER NOT NULL, start_us INTEGER NOT NULL, exercise TEXT NOT NULL,
          set_no INTEGER, rep_no INTEGER, end_us INTEGER, eccentric_s REAL, bottom_pause_s REAL, concentric_s REAL,
          top_pause_s REAL, peak_flexion_deg REAL, flags INTEGER, PRIMARY KEY(sid, start_us)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS sets(sid INTEGER NOT NULL, start_us INTEGER NOT NULL, exercise TEXT NOT NULL,
          set_no INTEGER, end_us INTEGER, reps INTEGER, PRIMARY KEY(sid, start_us)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS holds(sid INTEGER NOT NULL, start_us INTEGER NOT NULL, exercise TEXT NOT NULL,
          end_us INTEGER, sway_deg REAL, PRIMARY KEY(sid, start_us)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS alerts(sid INTEGER NOT NULL, t_us INTEGER NOT NULL, kind INTEGER NOT NULL, exercise TEXT,
          value REAL, limit_value REAL, PRIMARY KEY(sid, t_us, kind)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS link_health(sid INTEGER NOT NULL, t_us INTEGER NOT NULL, battery_pct REAL, rssi_dbm REAL,
          packets_lost INTEGER, packets_received INTEGER, PRIMARY KEY(sid, t_us)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS athletes(name TEXT PRIMARY KEY, physio TEXT, plan TEXT, created_unix_us INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS limits(athlete TEXT NOT NULL, exercise TEXT NOT NULL,
          max_flexion_deg REAL, max_extension_deg REAL, max_rotation_dps REAL, max_impact_g REAL,
          PRIMARY KEY(athlete, exercise));
        CREATE TABLE IF NOT EXISTS corrections(id INTEGER PRIMARY KEY AUTOINCREMENT, session_id TEXT NOT NULL,
          exercise TEXT NOT NULL, set_no INTEGER NOT NULL, rep_no INTEGER, kind INTEGER NOT NULL, corrected_value INTEGER,
          note TEXT, author TEXT NOT NULL, at_unix_us INTEGER NOT NULL);
        CREATE INDEX IF NOT EXISTS corrections_by_session ON corrections(session_id, id);
        """;

    public static string ConnectionString(string path) => new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Mode = SqliteOpenMode.ReadWriteCreate,
        Pooling = true,
        DefaultTimeout = 30,
    }.ToString();

    /// <summary>Creates the directory, the file and the schema; one clear error when it cannot.</summary>
    public static void Initialise(string path)
    {
        try
        {
            string? dir = Path.GetDirectoryName(path);
            if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
            using var c = Open(path);
            using var cmd = c.CreateCommand();
            cmd.CommandText = Schema;
            cmd.ExecuteNonQuery();
        }
        catch (Exception e) when (e is SqliteException or IOException or UnauthorizedAccessException)
        {
            throw new StorageException(StorageErrorCode.LocalStorage, $"cannot open the SQLite store '{path}': {e.Message}", e);
        }
    }

    public static SqliteConnection Open(string path)
    {
        var c = new SqliteConnection(ConnectionString(path));
        c.Open();
        using var cmd = c.CreateCommand();
        // NORMAL with WAL: a crash of the process loses nothing committed; a power loss at most the last transactions.
        cmd.CommandText = "PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 30000;";
        cmd.ExecuteNonQuery();
        return c;
    }

    /// <summary>
    /// Recomputes the per-second min/max/count rows (<c>samples_1s</c> / <c>angles_1s</c>) of the seconds
    /// [<paramref name="fromSec"/>, <paramref name="toSec"/>] from the raw rows: exact and idempotent (a rewrite of the same
    /// samples gives the same aggregate). Wide zoom levels read these instead of every raw row.
    /// </summary>
    public static void RefreshSecondAggregates(SqliteConnection c, SqliteTransaction? tx, Model.SeriesKind kind, long sid, long fromSec, long toSec)
    {
        string table = kind == Model.SeriesKind.Angles ? "angles" : "samples";
        var cols = new System.Text.StringBuilder();
        foreach (string ch in Model.SeriesData.ChannelsOf(kind)) cols.Append($", min({ch}), max({ch})");
        using var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = $"""
            INSERT OR REPLACE INTO {table}_1s
            SELECT sid, t_us / 1000000 AS sec, count(*){cols} FROM {table}
            WHERE sid = $sid AND t_us >= $a AND t_us < $b GROUP BY sec
            """;
        cmd.Parameters.AddWithValue("$sid", sid);
        cmd.Parameters.AddWithValue("$a", Math.Max(0, fromSec) * 1_000_000);
        cmd.Parameters.AddWithValue("$b", (toSec + 1) * 1_000_000);
        cmd.ExecuteNonQuery();
    }

    public static StorageException Failed(string what, Exception e) =>
        new(StorageErrorCode.LocalStorage, $"SQLite store: {what} failed: {e.Message}", e);

    public static long ToUnixUs(DateTimeOffset t) => (t.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;

    public static DateTimeOffset FromUnixUs(long us) => DateTimeOffset.UnixEpoch.AddTicks(us * 10);

    public static long ToUs(double timeS) => (long)Math.Round(timeS * 1e6);

    public static object Db(string? s) => (object?)s ?? DBNull.Value;

    public static object Db(double? v) => v is { } d ? d : DBNull.Value;
}
