using System.Globalization;
using System.Text;
using System.Text.Json;
using SpineSense.Motion.Exercises;
using SpineSense.Motion.Results;

namespace SpineSense.Simulation.Truth;

/// <summary>
/// Writes the ground truth shaped like `spinesense analyze --json` (contract section 6) so a harness can diff the
/// two field by field; extra fields (allowed by the contract) carry the exercise and side of each rep, the limits,
/// and the simulation's parameters.
/// </summary>
public static class TruthJson
{
    public static void Write(Stream stream, SimulatedRecording recording)
    {
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        var truth = recording.Truth;
        var spec = recording.Spec;
        w.WriteStartObject();
        w.WriteString("exercise", truth.Exercise);
        w.WriteNumber("duration_s", Round(truth.DurationS, 3));
        w.WriteNumber("sample_rate_hz", recording.RateHz);

        w.WriteStartArray("sets");
        foreach (var s in truth.Sets)
        {
            w.WriteStartObject();
            w.WriteNumber("set", s.Result.Set);
            w.WriteNumber("start_s", Round(s.Result.StartS, 3));
            w.WriteNumber("end_s", Round(s.Result.EndS, 3));
            w.WriteNumber("reps", s.Result.Reps);
            w.WriteString("exercise_id", s.Exercise);
            w.WriteEndObject();
        }
        w.WriteEndArray();

        w.WriteStartArray("reps");
        foreach (var rep in truth.Reps)
        {
            var r = rep.Result;
            w.WriteStartObject();
            w.WriteNumber("set", r.Set);
            w.WriteNumber("rep", r.Rep);
            w.WriteNumber("start_s", Round(r.StartS, 3));
            w.WriteNumber("end_s", Round(r.EndS, 3));
            w.WriteNumber("eccentric_s", Round(r.EccentricS, 3));
            w.WriteNumber("bottom_pause_s", Round(r.BottomPauseS, 3));
            w.WriteNumber("concentric_s", Round(r.ConcentricS, 3));
            w.WriteNumber("top_pause_s", Round(r.TopPauseS, 3));
            w.WriteNumber("peak_flexion_deg", Round(r.PeakFlexionDeg, 2));
            w.WriteStartArray("flags");
            foreach (var kind in Kinds(r.Flags)) w.WriteStringValue(kind);
            w.WriteEndArray();
            w.WriteString("exercise_id", rep.Exercise);
            if (rep.Side != 0) w.WriteString("side", rep.Side > 0 ? "right" : "left");
            w.WriteEndObject();
        }
        w.WriteEndArray();

        w.WriteStartArray("holds");
        foreach (var hold in truth.Holds)
        {
            var h = hold.Result;
            w.WriteStartObject();
            w.WriteNumber("start_s", Round(h.StartS, 3));
            w.WriteNumber("end_s", Round(h.EndS, 3));
            w.WriteNumber("duration_s", Round(h.DurationS, 3));
            w.WriteNumber("sway_deg", Round(h.SwayDeg, 3));
            w.WriteString("exercise_id", hold.Exercise);
            if (hold.Side != 0) w.WriteString("side", hold.Side > 0 ? "right" : "left");
            w.WriteEndObject();
        }
        w.WriteEndArray();

        w.WriteStartArray("alerts");
        foreach (var a in truth.Alerts)
        {
            w.WriteStartObject();
            w.WriteNumber("t_s", Round(a.TimeS, 3));
            w.WriteString("kind", Kinds(a.Kind).First());
            w.WriteNumber("value", Round(a.Value, 2));
            w.WriteNumber("limit", a.Limit);
            w.WriteEndObject();
        }
        w.WriteEndArray();

        w.WritePropertyName("limits");
        WriteLimits(w, truth.Limits);
        if (truth.LimitsByBlock is { } blocks)
        {
            w.WriteStartArray("limits_by_time");
            foreach (var (startS, endS, limits) in blocks)
            {
                w.WriteStartObject();
                w.WriteNumber("start_s", Round(startS, 3));
                w.WriteNumber("end_s", Round(Math.Min(endS, truth.DurationS), 3));
                w.WritePropertyName("limits");
                WriteLimits(w, limits);
                w.WriteEndObject();
            }
            w.WriteEndArray();
        }

        w.WriteStartObject("simulation");
        w.WriteString("generator", "spinesense virtual athlete");
        w.WriteString("scenario", spec.BeginnerRoutine ? "beginner-routine" : spec.Exercise);
        w.WriteNumber("seed", spec.Seed);
        w.WriteString("noise", spec.IdealSensor ? "ideal" : spec.Noise.ToString().ToLowerInvariant());
        w.WriteNumber("loss_percent", spec.LossPercent);
        w.WriteString("hazard", spec.Hazard.ToString().ToLowerInvariant());
        w.WriteNumber("calibration_s", spec.CalibrationS);
        w.WriteNumber("actual_rate_hz", Round(recording.ActualRateHz, 6));
        w.WriteNumber("rows", recording.Samples.Length);
        w.WriteNumber("rows_lost", recording.CleanSamples.Length - recording.Samples.Length);
        w.WriteNumber("strap_rotation_deg", Round(recording.Mounting.StrapRotationDeg, 3));
        w.WriteNumber("tilt_deg", Round(recording.Mounting.TiltDeg, 3));
        w.WriteNumber("off_midline_yaw_deg", Round(recording.Mounting.OffMidlineYawDeg, 3));
        w.WriteNumber("strap_slips", recording.MountingDrift.SlipCount);
        w.WriteNumber("strap_slip_total_deg", Round((recording.Mounting.SensorToAnatomical.Conjugate * recording.MountingDrift.Final).AngleDeg, 3));
        w.WriteEndObject();
        w.WriteEndObject();
    }

    public static string ToJson(SimulatedRecording recording)
    {
        using var ms = new MemoryStream();
        Write(ms, recording);
        return Encoding.UTF8.GetString(ms.ToArray());
    }

    /// <summary>Writes <c>time_s,flexion_deg,lateral_deg,rotation_deg</c> (analyze's --angles format): one row per recording row.</summary>
    public static void WriteAngles(TextWriter writer, SimulatedRecording recording)
    {
        writer.Write("time_s,flexion_deg,lateral_deg,rotation_deg\n");
        var samples = recording.Samples;
        var angles = recording.Truth.TrueAngles;
        var sb = new StringBuilder(64);
        for (int i = 0; i < samples.Length; i++)
        {
            sb.Clear();
            sb.Append(samples[i].TimeS.ToString("F6", CultureInfo.InvariantCulture)).Append(',')
              .Append(angles[i].FlexionDeg.ToString("F3", CultureInfo.InvariantCulture)).Append(',')
              .Append(angles[i].LateralDeg.ToString("F3", CultureInfo.InvariantCulture)).Append(',')
              .Append(angles[i].RotationDeg.ToString("F3", CultureInfo.InvariantCulture)).Append('\n');
            writer.Write(sb);
        }
    }

    public static IEnumerable<string> Kinds(AlertKind flags)
    {
        if (flags.HasFlag(AlertKind.Flexion)) yield return "flexion";
        if (flags.HasFlag(AlertKind.Extension)) yield return "extension";
        if (flags.HasFlag(AlertKind.Rotation)) yield return "rotation";
        if (flags.HasFlag(AlertKind.Impact)) yield return "impact";
    }

    private static void WriteLimits(Utf8JsonWriter w, SafetyLimits limits)
    {
        w.WriteStartObject();
        WriteOptional(w, "max_flexion_deg", limits.MaxFlexionDeg);
        WriteOptional(w, "max_extension_deg", limits.MaxExtensionDeg);
        WriteOptional(w, "max_rotation_dps", limits.MaxRotationDps);
        WriteOptional(w, "max_impact_g", limits.MaxImpactG);
        w.WriteEndObject();
    }

    private static void WriteOptional(Utf8JsonWriter w, string name, double? value)
    {
        if (value is { } v) w.WriteNumber(name, v);
        else w.WriteNull(name);
    }

    private static double Round(double v, int digits) => Math.Round(v, digits, MidpointRounding.AwayFromZero);
}
