using System.Globalization;
using System.Text;
using System.Text.Json;
using SpineSense.Motion.Exercises;
using SpineSense.Streaming.Pipeline;

namespace SpineSense.Streaming.Plans;

/// <summary>
/// Reads the plan JSON format (see docs/LIVE.md, "Plans"): <c>{ "name", "title", "steps": [ { "part", "exercise",
/// "sets", "reps" | "holdMinS"/"holdMaxS", "eachSide", "restS", "note" } ] }</c>. A step's unknown property is refused
/// (a misspelt "restS" or "eachSide" would otherwise silently plan 60 s of rest or one side), and so is an unknown
/// exercise. Every problem is a <see cref="PlanException"/> naming the source, the step's line and the step.
/// </summary>
public static class PlanJson
{
    /// <summary>Rest between sets when a step does not say, seconds.</summary>
    public const double DefaultRestS = 60;

    private static readonly string[] StepProperties =
        ["part", "exercise", "sets", "reps", "holdMinS", "holdMaxS", "holdS", "eachSide", "restS", "note"];

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
            var lines = StepLines(json);
            int i = 0;
            foreach (var s in steps.EnumerateArray())
            {
                string line = i < lines.Count ? ":" + lines[i].ToString(CultureInfo.InvariantCulture) : "";
                i++;
                list.Add(ParseStep(s, $"{source}{line}: step {i.ToString(CultureInfo.InvariantCulture)}"));
            }
            return new WorkoutPlan(name, title, list);
        }
    }

    private static PlanStep ParseStep(JsonElement s, string where)
    {
        if (s.ValueKind != JsonValueKind.Object) throw new PlanException($"{where}: must be an object");
        string exercise = RequiredString(s, "exercise", where);
        if (exercise.Length == 0) throw new PlanException($"{where}: \"exercise\" is empty");
        if (!ExerciseProfiles.TryGet(exercise, out _))
            throw new PlanException($"{where}: unknown exercise '{exercise}'; known: {string.Join(", ", ExerciseCatalog.All.Select(p => p.Id))}, hip-flexor-stretch, hamstring-stretch");
        foreach (var property in s.EnumerateObject())
            if (Array.IndexOf(StepProperties, property.Name) < 0)
                throw new PlanException($"{where} ({exercise}): unknown property \"{property.Name}\"; a step has {string.Join(", ", StepProperties)}");
        var part = (OptionalString(s, "part") ?? "main") switch
        {
            "warm-up" => PlanPart.WarmUp,
            "main" => PlanPart.Main,
            "cool-down" => PlanPart.CoolDown,
            var p => throw new PlanException($"{where}: \"part\" must be warm-up, main or cool-down, got '{p}'"),
        };
        double setsValue = OptionalNumber(s, "sets", where) ?? 1;
        if (setsValue < 1 || setsValue > 50 || setsValue != Math.Floor(setsValue))
            throw new PlanException($"{where}: \"sets\" must be a whole number 1..50");
        int sets = (int)setsValue;
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
        bool eachSide = false;
        if (s.TryGetProperty("eachSide", out var es) && es.ValueKind != JsonValueKind.Null)
            eachSide = es.ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ => throw new PlanException($"{where} ({exercise}): \"eachSide\" must be true or false"),
            };
        return new PlanStep(part, exercise, sets, reps is double rr ? (int)rr : null, holdMin, holdMax, eachSide, rest);
    }

    /// <summary>The 1-based line on which each element of the root's "steps" array starts (the document parsed).</summary>
    private static List<int> StepLines(string json)
    {
        var lines = new List<int>();
        byte[] bytes = Encoding.UTF8.GetBytes(json);
        var r = new Utf8JsonReader(bytes, new JsonReaderOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        while (r.Read())
        {
            if (r.CurrentDepth != 1 || r.TokenType != JsonTokenType.PropertyName || !r.ValueTextEquals("steps")) continue;
            if (!r.Read() || r.TokenType != JsonTokenType.StartArray) return lines;
            int depth = r.CurrentDepth;
            while (r.Read() && !(r.TokenType == JsonTokenType.EndArray && r.CurrentDepth == depth))
            {
                if (r.CurrentDepth != depth + 1) continue;
                int line = 1;
                for (long k = 0; k < r.TokenStartIndex; k++) if (bytes[k] == (byte)'\n') line++;
                lines.Add(line);
                if (r.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray) r.Skip();
            }
            return lines;
        }
        return lines;
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
