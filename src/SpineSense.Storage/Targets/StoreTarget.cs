using System.Globalization;

namespace SpineSense.Storage.Targets;

public enum StoreKind
{
    /// <summary>Embedded SQLite file (the default).</summary>
    Sqlite,
    /// <summary>InfluxDB 1.x API: <c>/write?db=&amp;rp=</c>, user/password; also 2.x/3.x v1-compatibility.</summary>
    Influx1,
    /// <summary>InfluxDB 2.x/3.x API: <c>/api/v2/write?org=&amp;bucket=</c>, <c>Authorization: Token</c>.</summary>
    Influx2,
}

/// <summary>
/// The one URL-like storage setting (<c>--store</c> or <c>SPINESENSE_STORE</c>):
/// <list type="bullet">
/// <item><c>sqlite:PATH</c> — default <c>$XDG_DATA_HOME/spinesense/spinesense.db</c> (or <c>~/.local/share/spinesense/</c>).</item>
/// <item><c>influx1://HOST:PORT/DATABASE[?rp=POLICY]</c> — user/password from <c>SPINESENSE_INFLUX_USER</c> / <c>SPINESENSE_INFLUX_PASSWORD</c>.</item>
/// <item><c>influx2://HOST:PORT?org=ORG&amp;bucket=BUCKET</c> — token from <c>SPINESENSE_INFLUX_TOKEN</c>.</item>
/// </list>
/// Secrets never appear in <see cref="ToString"/>.
/// </summary>
public sealed class StoreTarget
{
    public const string EnvStore = "SPINESENSE_STORE";
    public const string EnvUser = "SPINESENSE_INFLUX_USER";
    public const string EnvPassword = "SPINESENSE_INFLUX_PASSWORD";
    public const string EnvToken = "SPINESENSE_INFLUX_TOKEN";

    public StoreKind Kind { get; }

    /// <summary>SQLite file (Sqlite only).</summary>
    public string? SqlitePath { get; }

    public string? Host { get; }
    public int Port { get; }

    /// <summary>Database (Influx1).</summary>
    public string? Database { get; }

    /// <summary>Retention policy to write into (Influx1, optional: the database's default policy otherwise).</summary>
    public string? RetentionPolicy { get; }

    public string? Org { get; }
    public string? Bucket { get; }
    public string? User { get; }
    internal string? Password { get; }
    internal string? Token { get; }

    private StoreTarget(StoreKind kind, string? sqlitePath = null, string? host = null, int port = 0, string? database = null,
        string? rp = null, string? org = null, string? bucket = null, string? user = null, string? password = null, string? token = null)
    {
        Kind = kind; SqlitePath = sqlitePath; Host = host; Port = port; Database = database; RetentionPolicy = rp;
        Org = org; Bucket = bucket; User = user; Password = password; Token = token;
    }

    public bool IsInflux => Kind != StoreKind.Sqlite;

    /// <summary>Base address of the InfluxDB HTTP API (Influx kinds).</summary>
    public Uri BaseUri => new($"http://{(Host!.Contains(':') ? "[" + Host + "]" : Host)}:{Port.ToString(CultureInfo.InvariantCulture)}/");

    public static StoreTarget Sqlite(string path) => new(StoreKind.Sqlite, sqlitePath: Path.GetFullPath(path));

    public static StoreTarget Influx1(string host, int port, string database, string? user = null, string? password = null, string? rp = null) =>
        new(StoreKind.Influx1, host: host, port: port, database: database, rp: rp, user: user, password: password);

    public static StoreTarget Influx2(string host, int port, string org, string bucket, string? token) =>
        new(StoreKind.Influx2, host: host, port: port, org: org, bucket: bucket, token: token);

    /// <summary>Default SQLite file under the user's data directory.</summary>
    public static string DefaultSqlitePath(Func<string, string?>? env = null)
    {
        env ??= Environment.GetEnvironmentVariable;
        string? xdg = env("XDG_DATA_HOME");
        string dataHome = !string.IsNullOrEmpty(xdg) && Path.IsPathRooted(xdg)
            ? xdg
            : Path.Combine(env("HOME") is { Length: > 0 } home ? home : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
        return Path.Combine(dataHome, "spinesense", "spinesense.db");
    }

    /// <summary>
    /// The target from a <c>--store</c> value, else <c>SPINESENSE_STORE</c>, else the default SQLite file.
    /// Throws <see cref="StorageException"/> (<see cref="StorageErrorCode.BadTarget"/>) with one clear message.
    /// </summary>
    public static StoreTarget Resolve(string? cliValue, Func<string, string?>? env = null)
    {
        env ??= Environment.GetEnvironmentVariable;
        string? value = !string.IsNullOrWhiteSpace(cliValue) ? cliValue : env(EnvStore);
        if (string.IsNullOrWhiteSpace(value)) return Sqlite(DefaultSqlitePath(env));
        return Parse(value, env);
    }

    /// <summary>Parses one target string; credentials come from the environment, never from the string.</summary>
    public static StoreTarget Parse(string value, Func<string, string?>? env = null)
    {
        env ??= Environment.GetEnvironmentVariable;
        value = value.Trim();
        if (value.StartsWith("sqlite:", StringComparison.OrdinalIgnoreCase))
        {
            string path = value["sqlite:".Length..];
            if (path.StartsWith("//", StringComparison.Ordinal)) path = path[2..];
            if (path.Length == 0) return Sqlite(DefaultSqlitePath(env));
            if (path.IndexOfAny(Path.GetInvalidPathChars()) >= 0 || path.EndsWith('/'))
                throw Bad(value, "sqlite:PATH needs a file path");
            return Sqlite(path);
        }
        bool v1 = value.StartsWith("influx1://", StringComparison.OrdinalIgnoreCase) || value.StartsWith("influx://", StringComparison.OrdinalIgnoreCase);
        bool v2 = value.StartsWith("influx2://", StringComparison.OrdinalIgnoreCase);
        if (!v1 && !v2) throw Bad(value, "expected sqlite:PATH, influx1://HOST:PORT/DATABASE or influx2://HOST:PORT?org=ORG&bucket=BUCKET");
        if (value.Contains('@'))
            throw Bad("(hidden: it contains '@')", "credentials do not go in the target: set SPINESENSE_INFLUX_USER/SPINESENSE_INFLUX_PASSWORD or SPINESENSE_INFLUX_TOKEN");
        if (!Uri.TryCreate("http" + value[value.IndexOf("://", StringComparison.Ordinal)..], UriKind.Absolute, out var uri) || uri.Host.Length == 0)
            throw Bad(value, "not a valid URL");
        if (uri.IsDefaultPort && !HasExplicitPort(value)) throw Bad(value, "the port is required, e.g. :8086");
        var query = ParseQuery(uri.Query, value);
        foreach (var k in query.Keys)
            if (k.ToLowerInvariant() is "u" or "p" or "user" or "username" or "password" or "token" or "auth")
                throw Bad(value, $"option '{k}': credentials do not go in the target: set SPINESENSE_INFLUX_USER/SPINESENSE_INFLUX_PASSWORD or SPINESENSE_INFLUX_TOKEN");
        string path2 = Uri.UnescapeDataString(uri.AbsolutePath.Trim('/'));
        if (v1)
        {
            if (path2.Length == 0 || path2.Contains('/')) throw Bad(value, "influx1:// needs exactly one database name as the path: influx1://HOST:PORT/DATABASE");
            query.TryGetValue("rp", out string? rp);
            foreach (var k in query.Keys) if (k != "rp") throw Bad(value, $"unknown option '{k}' (influx1 knows: rp)");
            return Influx1(uri.Host.Trim('[', ']'), uri.Port, path2, Env(env, EnvUser), Env(env, EnvPassword), rp);
        }
        if (path2.Length != 0) throw Bad(value, "influx2:// takes no path: influx2://HOST:PORT?org=ORG&bucket=BUCKET");
        foreach (var k in query.Keys) if (k is not ("org" or "bucket")) throw Bad(value, $"unknown option '{k}' (influx2 knows: org, bucket)");
        if (!query.TryGetValue("org", out string? org) || org.Length == 0) throw Bad(value, "influx2:// needs ?org=ORG");
        if (!query.TryGetValue("bucket", out string? bucket) || bucket.Length == 0) throw Bad(value, "influx2:// needs &bucket=BUCKET");
        return Influx2(uri.Host.Trim('[', ']'), uri.Port, org, bucket, Env(env, EnvToken));
    }

    private static string? Env(Func<string, string?> env, string name) => env(name) is { Length: > 0 } v ? v : null;

    private static bool HasExplicitPort(string value)
    {
        string rest = value[(value.IndexOf("://", StringComparison.Ordinal) + 3)..];
        int end = rest.IndexOfAny(['/', '?']);
        string authority = end < 0 ? rest : rest[..end];
        int colon = authority.LastIndexOf(':');
        return colon >= 0 && colon > authority.LastIndexOf(']');
    }

    private static Dictionary<string, string> ParseQuery(string query, string value)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string part in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            int eq = part.IndexOf('=');
            // Not echoed: a bare word in a query string may well be a token.
            if (eq <= 0) throw Bad(value, "an option without a value (options are NAME=VALUE)");
            string key = Uri.UnescapeDataString(part[..eq]);
            if (!result.TryAdd(key, Uri.UnescapeDataString(part[(eq + 1)..]))) throw Bad(value, $"option '{key}' given twice");
        }
        return result;
    }

    private static StorageException Bad(string value, string why) =>
        new(StorageErrorCode.BadTarget, $"store target '{WithoutQueryValues(value)}' is not valid: {why}");

    // Error messages reach the console and logs; a value in the query string might be a password (InfluxDB 1.x takes
    // ?u=&p=) or a token, so only the known options' values are shown.
    private static string WithoutQueryValues(string value)
    {
        int q = value.IndexOf('?');
        if (q < 0) return value;
        var parts = value[(q + 1)..].Split('&');
        for (int i = 0; i < parts.Length; i++)
        {
            int eq = parts[i].IndexOf('=');
            string key = eq < 0 ? "" : parts[i][..eq];
            if (key is not ("org" or "bucket" or "rp")) parts[i] = eq > 0 ? key + "=…" : "…";
        }
        return value[..(q + 1)] + string.Join('&', parts);
    }

    /// <summary>The target without secrets, for messages and logs.</summary>
    public override string ToString() => Kind switch
    {
        StoreKind.Sqlite => "sqlite:" + SqlitePath,
        StoreKind.Influx1 => $"influx1://{Host}:{Port}/{Database}{(RetentionPolicy is null ? "" : "?rp=" + RetentionPolicy)}{(User is null ? "" : $" (user {User})")}",
        _ => $"influx2://{Host}:{Port}?org={Org}&bucket={Bucket}{(Token is null ? " (no token)" : " (token set)")}",
    };
}
