using System.Globalization;
using System.Text.Json;

namespace SpineSense.Streaming.Plans;

/// <summary>
/// Reads the plan JSON format (see docs/LIVE.md, "Plans"): <c>{ "name", "title", "steps": [ { "part", "exercise",
/// "sets", "reps" | "holdMinS"/"holdMaxS", "eachSide", "restS" } ] }</c>. Unknown properties (e.g. "note") are ignored.
/// Every problem is a <see cref="PlanException"/> naming the source and the step.
/// </summary>
public static class PlanJson
{
    /// <summary>Rest between sets when a step does not say, seconds.</summary>
    public const double DefaultRestS = 60;

    public static WorkoutPlan Parse(string json, string source)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            throw new PlanException($"{source}: not valid JSON (line {e.LineNumber + 1}): {e.Message}", e);
        }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new PlanException($"{source}: a plan must be a JSON object");
            string name = RequiredString(root, "name", source);
            string title = OptionalString(root, "title") ?? name;
            if (!root.TryGetProperty("steps", out var steps) || steps.ValueKind != JsonValueKind.Array || steps.GetArrayLength() == 0)
                throw new PlanException($"{source}: \"steps\" must be a non-empty array");
            var list = new List<PlanStep>();
            int i = 0;
            foreach (var s in steps.EnumerateArray())
            {
                i++;
                list.Add(ParseStep(s, $"{source}: step {i.ToString(CultureInfo.InvariantCulture)}"));
            }
            return new WorkoutPlan(name, title, list);
        }
    }

    private static PlanStep ParseStep(JsonElement s, string where)
    {
        if (s.ValueKind != JsonValueKind.Object) throw new PlanException($"{where}: must be an object");
        string exercise = RequiredString(s, "exercise", where);
        if (exercise.Length == 0) throw new PlanException($"{where}: \"exercise\" is empty");
        var part = (OptionalString(s, "part") ?? "main") switch
        {
            "warm-up" => PlanPart.WarmUp,
            "main" => PlanPart.Main,
            "cool-down" => PlanPart.CoolDown,
            var p => throw new PlanException($"{where}: \"part\" must be warm-up, main or cool-down, got '{p}'"),
        };
        int sets = (int)(OptionalNumber(s, "sets", where) ?? 1);
        if (sets < 1 || sets > 50) throw new PlanException($"{where}: \"sets\" must be 1..50");
        double? reps = OptionalNumber(s, "reps", where);
        double? holdMin = OptionalNumber(s, "holdMinS", where) ?? OptionalNumber(s, "holdS", where);
        double? holdMax = OptionalNumber(s, "holdMaxS", where) ?? holdMin;
        if (reps is null == holdMin is null)
            throw new PlanException($"{where} ({exercise}): give either \"reps\" or \"holdMinS\"/\"holdMaxS\", not both or neither");
        if (reps is double r && (r < 1 || r > 500 || r != Math.Floor(r)))
            throw new PlanException($"{where} ({exercise}): \"reps\" must be a whole number 1..500");
        if (holdMin is double lo && (lo <= 0 || holdMax < lo))
            throw new PlanException($"{where} ({exercise}): hold seconds must be positive with holdMaxS >= holdMinS");
        double rest = OptionalNumber(s, "restS", where) ?? DefaultRestS;
        if (rest < 0) throw new PlanException($"{where} ({exercise}): \"restS\" must not be negative");
        bool eachSide = s.TryGetProperty("eachSide", out var es) && es.ValueKind == JsonValueKind.True;
        return new PlanStep(part, exercise, sets, reps is double rr ? (int)rr : null, holdMin, holdMax, eachSide, rest);
    }

    private static string RequiredString(JsonElement o, string name, string where) =>
        OptionalString(o, name) ?? throw new PlanException($"{where}: missing string \"{name}\"");

    private static string? OptionalString(JsonElement o, string name) =>
        o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static double? OptionalNumber(JsonElement o, string name, string where)
    {
        if (!o.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        if (v.ValueKind != JsonValueKind.Number) throw new PlanException($"{where}: \"{name}\" must be a number");
        return v.GetDouble();
    }
}
