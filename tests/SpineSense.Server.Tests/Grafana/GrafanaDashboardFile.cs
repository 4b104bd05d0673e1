using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace SpineSense.Server.Tests.Grafana;

/// <summary>
/// Reads a Grafana dashboard JSON the way Grafana would use it: its template variables and every panel's
/// InfluxQL, and fills in the variables ($athlete, $session, $timeFilter, $__interval) as Grafana does.
/// </summary>
public sealed partial class GrafanaDashboardFile
{
    public sealed record PanelQuery(string Panel, string RefId, string Query, int MaxDataPoints, TimeSpan? MinInterval);

    public string Name { get; }
    public JsonObject Json { get; }

    private GrafanaDashboardFile(string name, JsonObject json) { Name = name; Json = json; }

    public static string Directory()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !System.IO.Directory.Exists(Path.Combine(dir.FullName, "dashboards", "grafana"))) dir = dir.Parent;
        return dir is null ? throw new DirectoryNotFoundException("dashboards/grafana not found above " + AppContext.BaseDirectory) : Path.Combine(dir.FullName, "dashboards", "grafana");
    }

    public static IReadOnlyList<GrafanaDashboardFile> All() =>
        System.IO.Directory.GetFiles(Directory(), "*.json").OrderBy(f => f, StringComparer.Ordinal)
            .Select(f => new GrafanaDashboardFile(Path.GetFileName(f), (JsonObject)JsonNode.Parse(File.ReadAllText(f))!)).ToList();

    public IEnumerable<JsonObject> Variables => Json["templating"]!["list"]!.AsArray().Cast<JsonObject>();

    public IEnumerable<(string Name, string Query)> VariableQueries =>
        Variables.Where(v => (string?)v["type"] == "query").Select(v => ((string)v["name"]!, (string)v["query"]!));

    public IEnumerable<PanelQuery> PanelQueries
    {
        get
        {
            foreach (var p in Json["panels"]!.AsArray().Cast<JsonObject>())
            {
                // Grafana's default when a panel does not say: about one point per pixel of a wide panel.
                int maxPoints = (int?)p["maxDataPoints"] ?? 1000;
                TimeSpan? min = p["interval"] is JsonNode n ? ParseDuration((string)n!) : null;
                foreach (var t in p["targets"]!.AsArray().Cast<JsonObject>())
                    yield return new PanelQuery((string)p["title"]!, (string)t["refId"]!, (string)t["query"]!, maxPoints, min);
            }
        }
    }

    /// <summary>Grafana's $__interval: range / maxDataPoints, rounded to a "nice" interval, at least the panel's minimum.</summary>
    public static TimeSpan Interval(TimeSpan range, int maxDataPoints, TimeSpan? min)
    {
        double raw = range.TotalMilliseconds / maxDataPoints;
        // Grafana rounds to the next of these; rounding up keeps the point count at or below maxDataPoints.
        double[] nice = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000, 15_000, 20_000, 30_000, 60_000, 120_000, 300_000, 600_000, 900_000, 1_200_000, 1_800_000, 3_600_000, 7_200_000, 10_800_000, 21_600_000, 43_200_000, 86_400_000, 604_800_000, 2_592_000_000];
        double ms = nice.FirstOrDefault(v => v >= raw, raw);
        var interval = TimeSpan.FromMilliseconds(ms);
        return min is { } m && m > interval ? m : interval;
    }

    public static string Fill(string query, string athlete, string? session, DateTimeOffset from, DateTimeOffset to, TimeSpan interval)
    {
        string q = query
            .Replace("$timeFilter", $"time >= {from.ToUnixTimeMilliseconds()}ms and time <= {to.ToUnixTimeMilliseconds()}ms", StringComparison.Ordinal)
            .Replace("$__interval_ms", ((long)interval.TotalMilliseconds).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("$__interval", ((long)interval.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + "ms", StringComparison.Ordinal)
            // Grafana escapes regex values for =~ /^$var$/ and quotes nothing itself: athlete names here are plain words.
            .Replace("$athlete", Regex.Escape(athlete), StringComparison.Ordinal);
        if (session is not null) q = q.Replace("$session", session, StringComparison.Ordinal);
        return q;
    }

    [GeneratedRegex(@"GROUP\s+BY\s+time\(\$__interval\)", RegexOptions.IgnoreCase)]
    public static partial Regex GroupByInterval();

    [GeneratedRegex(@"\bLIMIT\s+(\d+)", RegexOptions.IgnoreCase)]
    public static partial Regex Limit();

    [GeneratedRegex(@"^\s*SELECT\s+(?:\d+\s*\*\s*)?(count|sum|mean|median|last|first|max|min|stddev|spread)\([^;]*$", RegexOptions.IgnoreCase)]
    public static partial Regex AggregateOnly();

    private static TimeSpan ParseDuration(string s)
    {
        var m = Regex.Match(s, @"^(\d+)(ms|s|m|h|d|w)$");
        if (!m.Success) throw new FormatException($"interval '{s}'");
        double v = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        return m.Groups[2].Value switch
        {
            "ms" => TimeSpan.FromMilliseconds(v), "s" => TimeSpan.FromSeconds(v), "m" => TimeSpan.FromMinutes(v),
            "h" => TimeSpan.FromHours(v), "d" => TimeSpan.FromDays(v), _ => TimeSpan.FromDays(7 * v),
        };
    }
}
