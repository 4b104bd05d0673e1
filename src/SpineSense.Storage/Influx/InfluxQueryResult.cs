using System.Globalization;
using System.Text.Json;

namespace SpineSense.Storage.Influx;

/// <summary>One series of an InfluxQL answer: name, tags (GROUP BY), columns and rows (time in µs with epoch=u).</summary>
public sealed class InfluxSeries(string name, IReadOnlyDictionary<string, string> tags, string[] columns, object?[][] values)
{
    public string Name { get; } = name;
    public IReadOnlyDictionary<string, string> Tags { get; } = tags;
    public string[] Columns { get; } = columns;

    /// <summary>Rows; cells are long, double, string, bool or null.</summary>
    public object?[][] Values { get; } = values;

    public int Column(string name) => Array.IndexOf(Columns, name);

    public object? Cell(int row, string column) => Column(column) is int c and >= 0 ? Values[row][c] : null;

    public double GetDouble(int row, string column) => Cell(row, column) switch
    {
        long l => l,
        double d => d,
        _ => double.NaN,
    };

    public long? GetLong(int row, string column) => Cell(row, column) switch
    {
        long l => l,
        double d => (long)d,
        _ => null,
    };

    public string? GetString(int row, string column) => Cell(row, column) switch
    {
        string s => s,
        null => null,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        var o => o.ToString(),
    };

    /// <summary>The row's time, µs since the Unix epoch.</summary>
    public long TimeUs(int row) => GetLong(row, "time") ?? 0;
}

/// <summary>The answer of <c>/query</c> for one statement.</summary>
public sealed class InfluxQueryResult
{
    public IReadOnlyList<InfluxSeries> Series { get; private init; } = [];
    public string? Error { get; private init; }

    public static InfluxQueryResult Parse(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            if (root.TryGetProperty("error", out var topErr)) return new InfluxQueryResult { Error = topErr.GetString() };
            if (!root.TryGetProperty("results", out var results) || results.GetArrayLength() == 0) return new InfluxQueryResult();
            var first = results[0];
            if (first.TryGetProperty("error", out var err)) return new InfluxQueryResult { Error = err.GetString() };
            var list = new List<InfluxSeries>();
            if (first.TryGetProperty("series", out var series))
            {
                foreach (var s in series.EnumerateArray())
                {
                    string name = s.TryGetProperty("name", out var n) ? n.GetString() ?? "" : "";
                    var tags = new Dictionary<string, string>(StringComparer.Ordinal);
                    if (s.TryGetProperty("tags", out var t))
                        foreach (var p in t.EnumerateObject()) tags[p.Name] = p.Value.GetString() ?? "";
                    var columns = s.GetProperty("columns").EnumerateArray().Select(c => c.GetString() ?? "").ToArray();
                    var rows = new List<object?[]>();
                    if (s.TryGetProperty("values", out var values))
                        foreach (var row in values.EnumerateArray())
                        {
                            var cells = new object?[columns.Length];
                            int i = 0;
                            foreach (var cell in row.EnumerateArray())
                            {
                                if (i < cells.Length) cells[i] = Convert(cell);
                                i++;
                            }
                            rows.Add(cells);
                        }
                    list.Add(new InfluxSeries(name, tags, columns, rows.ToArray()));
                }
            }
            return new InfluxQueryResult { Series = list };
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException)
        {
            throw new StorageException(StorageErrorCode.ServerError, "InfluxDB answered a query with something that is not InfluxQL JSON", e);
        }
    }

    private static object? Convert(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Number => e.TryGetInt64(out long l) ? l : e.GetDouble(),
        JsonValueKind.String => e.GetString(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };
}
