using System.Text.Json;
using SpineSense.Motion.Exercises;
using SpineSense.Motion.Results;

namespace SpineSense.Cli.Analyze;

/// <summary>The result of one <c>spinesense analyze</c> run, written as the contract's JSON or a summary.</summary>
internal sealed record AnalysisReport(
    string File,
    string ExerciseId,
    string? RecognizedFrom,
    double DurationS,
    double SampleRateHz,
    SafetyLimits Limits,
    IReadOnlyList<SetResult> Sets,
    IReadOnlyList<RepResult> Reps,
    IReadOnlyList<HoldResult> Holds,
    IReadOnlyList<AlertEvent> Alerts)
{
    private static double R(double v, int digits = 3) => Math.Round(v, digits);

    /// <summary>Exactly one JSON object (contract section 6), field names as the contract spells them.</summary>
    public void WriteJson(Stream stream)
    {
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        w.WriteStartObject();
        w.WriteString("exercise", ExerciseId);
        if (RecognizedFrom is not null) w.WriteString("requested_exercise", RecognizedFrom);
        w.WriteNumber("duration_s", R(DurationS));
        w.WriteNumber("sample_rate_hz", R(SampleRateHz, 1));
        w.WriteStartArray("sets");
        foreach (var s in Sets)
        {
            w.WriteStartObject();
            w.WriteNumber("set", s.Set);
            w.WriteNumber("start_s", R(s.StartS));
            w.WriteNumber("end_s", R(s.EndS));
            w.WriteNumber("reps", s.Reps);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("reps");
        foreach (var r in Reps)
        {
            w.WriteStartObject();
            w.WriteNumber("set", r.Set);
            w.WriteNumber("rep", r.Rep);
            w.WriteNumber("start_s", R(r.StartS));
            w.WriteNumber("end_s", R(r.EndS));
            w.WriteNumber("eccentric_s", R(r.EccentricS));
            w.WriteNumber("bottom_pause_s", R(r.BottomPauseS));
            w.WriteNumber("concentric_s", R(r.ConcentricS));
            w.WriteNumber("top_pause_s", R(r.TopPauseS));
            w.WriteNumber("peak_flexion_deg", R(r.PeakFlexionDeg, 2));
            w.WriteStartArray("flags");
            foreach (var kind in Kinds)
                if ((r.Flags & kind) != 0) w.WriteStringValue(KindName(kind));
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("holds");
        foreach (var h in Holds)
        {
            w.WriteStartObject();
            w.WriteNumber("start_s", R(h.StartS));
            w.WriteNumber("end_s", R(h.EndS));
            w.WriteNumber("duration_s", R(h.DurationS));
            w.WriteNumber("sway_deg", R(h.SwayDeg, 2));
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("alerts");
        foreach (var a in Alerts)
        {
            w.WriteStartObject();
            w.WriteNumber("t_s", R(a.TimeS));
            w.WriteString("kind", KindName(a.Kind));
            w.WriteNumber("value", R(a.Value, 2));
            w.WriteNumber("limit", a.Limit);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartObject("limits");
        WriteLimit(w, "max_flexion_deg", Limits.MaxFlexionDeg);
        WriteLimit(w, "max_extension_deg", Limits.MaxExtensionDeg);
        WriteLimit(w, "max_rotation_dps", Limits.MaxRotationDps);
        WriteLimit(w, "max_impact_g", Limits.MaxImpactG);
        w.WriteEndObject();
        w.WriteEndObject();
        w.Flush();
        stream.WriteByte((byte)'\n');
    }

    public void WriteSummary(TextWriter o)
    {
        var ic = System.Globalization.CultureInfo.InvariantCulture;
        string name = ExerciseCatalog.TryGet(ExerciseId, out var p) ? p.Name : ExerciseId;
        o.WriteLine(string.Format(ic, "{0}: {1}{2}, {3:F1} s at {4:F0} Hz", File, name,
            RecognizedFrom is null ? "" : " (recognised)", DurationS, SampleRateHz));
        o.WriteLine(string.Format(ic, "limits: flexion {0} deg, extension {1} deg, rotation {2} deg/s, impact {3} g",
            Show(Limits.MaxFlexionDeg), Show(Limits.MaxExtensionDeg), Show(Limits.MaxRotationDps), Show(Limits.MaxImpactG)));
        if (Sets.Count == 0 && Holds.Count == 0) o.WriteLine("no sets or holds found");
        foreach (var s in Sets)
        {
            o.WriteLine(string.Format(ic, "set {0}: {1} reps, {2:F1}-{3:F1} s", s.Set, s.Reps, s.StartS, s.EndS));
            foreach (var r in Reps)
            {
                if (r.Set != s.Set) continue;
                o.WriteLine(string.Format(ic,
                    "  rep {0,2}: {1,7:F1} s  down {2:F2} s  pause {3:F2} s  up {4:F2} s  top {5:F2} s  peak flexion {6,6:F1} deg{7}",
                    r.Rep, r.StartS, r.EccentricS, r.BottomPauseS, r.ConcentricS, r.TopPauseS, r.PeakFlexionDeg,
                    r.Flags == AlertKind.None ? "" : "  [" + FlagText(r.Flags) + "]"));
            }
        }
        foreach (var h in Holds)
            o.WriteLine(string.Format(ic, "hold: {0:F1}-{1:F1} s ({2:F1} s), sway {3:F1} deg", h.StartS, h.EndS, h.DurationS, h.SwayDeg));
        o.WriteLine(Alerts.Count == 0 ? "no alerts" : $"{Alerts.Count} alert(s):");
        foreach (var a in Alerts)
            o.WriteLine(string.Format(ic, "  {0,7:F2} s  {1,-9} worst {2:F1} (limit {3})", a.TimeS, KindName(a.Kind), a.Value, a.Limit));
    }

    private static readonly AlertKind[] Kinds = [AlertKind.Flexion, AlertKind.Extension, AlertKind.Rotation, AlertKind.Impact];

    internal static string KindName(AlertKind kind) => kind switch
    {
        AlertKind.Flexion => "flexion",
        AlertKind.Extension => "extension",
        AlertKind.Rotation => "rotation",
        AlertKind.Impact => "impact",
        _ => "none",
    };

    private static string FlagText(AlertKind flags)
    {
        var names = new List<string>();
        foreach (var k in Kinds) if ((flags & k) != 0) names.Add(KindName(k));
        return string.Join(", ", names);
    }

    private static string Show(double? v) => v is null ? "-" : v.Value.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);

    private static void WriteLimit(Utf8JsonWriter w, string name, double? v)
    {
        if (v is null) w.WriteNull(name); else w.WriteNumber(name, v.Value);
    }
}
