using System.Globalization;
using SpineSense.Motion.Results;
using SpineSense.Streaming.Live;
using SpineSense.Streaming.Runner;

namespace SpineSense.Cli.Live;

/// <summary>One-line texts for session events, shared by the plain printer and the live display.</summary>
internal static class SessionText
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static string Clock(double s) => TimeSpan.FromSeconds(Math.Max(0, s)).ToString(s >= 3600 ? @"h\:mm\:ss" : @"mm\:ss", Inv);

    public static string Exercise(ExerciseStarted e, int stepCount) =>
        string.Create(Inv, $"{Clock(e.TimeS)} exercise {e.StepIndex + 1}/{stepCount} {e.ExerciseId}");

    public static string Rep(RepCounted e)
    {
        var r = e.Rep;
        string target = e.RepsTarget is int t ? $"/{t}" : "";
        return string.Create(Inv,
            $"{Clock(e.TimeS)} rep   {e.ExerciseId} set {e.Set} rep {e.RepInSet}{target}  tempo {r.EccentricS:0.0}/{r.BottomPauseS:0.0}/{r.ConcentricS:0.0} s  peak {r.PeakFlexionDeg:0.0} deg{Flags(r.Flags)}");
    }

    public static string Hold(HoldCompleted e) =>
        string.Create(Inv, $"{Clock(e.TimeS)} hold  {e.ExerciseId} set {e.Set}  {e.Hold.DurationS:0.0} s  sway {e.Hold.SwayDeg:0.0} deg");

    public static string Alert(AlertRaised e) =>
        string.Create(Inv, $"{Clock(e.TimeS)} ALERT {Kind(e.Alert.Kind)} {e.Alert.Value:0.0} {Unit(e.Alert.Kind)} beyond {e.Alert.Limit:0.0} ({e.ExerciseId})");

    public static string Set(SetCompleted e)
    {
        var s = e.Summary;
        string work = s.RepsTarget is int t
            ? string.Create(Inv, $"{s.Reps}/{t} reps, mean rep {s.MeanRepS:0.0} s (tempo CV {s.TempoCvPct:0} %), peak {Peak(s.PeakFlexionDeg)}")
            : string.Create(Inv, $"{s.Holds}/{s.HoldsTarget} holds, {s.HoldS:0} s held");
        return string.Create(Inv, $"{Clock(e.TimeS)} set   {s.ExerciseId} set {s.Set}/{s.SetsTarget}: {work}, {s.Alerts} alert(s)");
    }

    public static string Link(LinkHealthChanged e) =>
        string.Create(Inv, $"{Clock(e.TimeS)} link  {e.Health.State}, {e.Health.PacketsReceived} packets, {e.Health.LossPct:0.0} % lost, {e.Health.PacketsRecovered} recovered, signal {Signal(e.Health.RssiDbm)}");

    /// <summary>Signal strength for a person: "-61 dBm", or "?" when the link cannot measure it.</summary>
    public static string Signal(double? rssiDbm) => rssiDbm is double r ? r.ToString("0", Inv) + " dBm" : "?";

    public static string Peak(double deg) => double.IsNaN(deg) ? "-" : deg.ToString("0.0", Inv) + " deg";

    public static string Kind(AlertKind kind) => kind.ToString().ToLowerInvariant();

    public static string Unit(AlertKind kind) => kind switch
    {
        AlertKind.Rotation => "deg/s",
        AlertKind.Impact => "g",
        _ => "deg",
    };

    private static string Flags(AlertKind flags) => flags == AlertKind.None ? "" : "  [" + flags.ToString().ToLowerInvariant() + "]";

    /// <summary>The session summary as plain text lines.</summary>
    public static void WriteSummary(TextWriter o, WorkoutSummary summary, SessionEnded ended, LiveLinkHealth? health, string? store)
    {
        o.WriteLine();
        o.WriteLine(string.Create(Inv, $"Session summary: plan {summary.PlanName}, {(summary.Completed ? "completed" : "not completed")} ({ended.Reason}), {Clock(summary.DurationS)}"));
        o.WriteLine(string.Create(Inv, $"{"exercise",-20} {"set",5} {"reps",9} {"holds",7} {"mean rep",9} {"peak flex",10} {"alerts",7}"));
        foreach (var s in summary.Sets)
        {
            string reps = s.RepsTarget is int t ? $"{s.Reps}/{t}" : "-";
            string holds = s.HoldsTarget > 0 ? $"{s.Holds}/{s.HoldsTarget}" : "-";
            string mean = s.Reps > 0 ? s.MeanRepS.ToString("0.0", Inv) + " s" : "-";
            o.WriteLine(string.Create(Inv, $"{s.ExerciseId,-20} {s.Set + "/" + s.SetsTarget,5} {reps,9} {holds,7} {mean,9} {Peak(s.PeakFlexionDeg),10} {s.Alerts,7}"));
        }
        o.WriteLine(string.Create(Inv, $"Total: {summary.Sets.Count}/{summary.PlannedSets} sets, {summary.TotalReps} reps, {summary.TotalHolds} holds, {summary.TotalAlerts} alerts"));
        if (health is not null)
            o.WriteLine(string.Create(Inv, $"Link: {health.PacketsReceived} packets, {health.PacketsLost} lost, {health.PacketsRecovered} recovered, {health.Duplicates} duplicates, {health.Reconnects} reconnects, {health.LinkDropped + health.SinkDropped} dropped by slow readers"));
        if (ended.StoredSessionId is not null) o.WriteLine($"Stored as session {ended.StoredSessionId} in {store}");
    }
}
