using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;
using SpineSense.Streaming.Runner;

namespace SpineSense.Cli.Live;

/// <summary>
/// The live terminal view (Spectre.Console) of a session: exercise, set and reps against target, rest timer, the
/// lumbar flexion against its limit, the tempo of the last reps, alerts and link health. Redrawn 10 times a second
/// from <see cref="LiveViewState"/> until the session ends.
/// </summary>
internal static class LiveDisplay
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static async Task RunAsync(IAnsiConsole console, LiveViewState state, string title)
    {
        await console.Live(Render(state, title)).AutoClear(false).StartAsync(async ctx =>
        {
            while (!state.Done.IsCompleted)
            {
                ctx.UpdateTarget(Render(state, title));
                await Task.WhenAny(state.Done, Task.Delay(100)).ConfigureAwait(false);
            }
            ctx.UpdateTarget(Render(state, title));
        }).ConfigureAwait(false);
    }

    private static IRenderable Render(LiveViewState state, string title) => state.Read(s =>
    {
        var runner = s.Runner;
        var grid = new Grid().AddColumn().AddColumn();
        grid.AddRow(new Markup("[bold]Time[/]"), new Text(SessionText.Clock(s.TimeS)));
        if (runner is not null)
        {
            grid.AddRow(new Markup("[bold]Exercise[/]"),
                new Markup(Markup.Escape($"{runner.ExerciseId}  ({runner.StepIndex + 1}/{runner.StepCount})")));
            grid.AddRow(new Markup("[bold]Set[/]"), new Text($"{runner.Set}/{runner.SetsTarget}   {Phase(runner)}"));
            grid.AddRow(new Markup("[bold]Reps[/]"), new Markup(Work(runner)));
        }
        grid.AddRow(new Markup("[bold]Flexion[/]"), FlexionBar(s.Angles.FlexionDeg, runner?.FlexionLimitDeg));
        grid.AddRow(new Markup("[bold]Lateral / rotation[/]"),
            new Text(string.Create(Inv, $"{s.Angles.LateralDeg,6:0.0} deg / {s.Angles.RotationDeg,6:0.0} deg")));
        grid.AddRow(new Markup("[bold]Last reps[/]"), new Markup(Tempo(s)));
        grid.AddRow(new Markup("[bold]Alerts[/]"), new Markup(s.Alerts == 0 ? "[green]0[/]" : $"[red]{s.Alerts}[/]"));
        if (s.Health is { } h)
            grid.AddRow(new Markup("[bold]Link[/]"), new Text(string.Create(Inv,
                $"{h.State}, {h.PacketsReceived} packets, {h.LossPct:0.0} % lost, {h.PacketsRecovered} recovered, battery {(h.BatteryPct is double b ? b.ToString("0", Inv) + " %" : "?")}, signal {SessionText.Signal(h.RssiDbm)}")));
        var log = new Rows(s.Log.Select(l => (IRenderable)new Markup(l)).DefaultIfEmpty(new Text("")));
        return new Rows(new Panel(grid).Header(Markup.Escape(title)).Expand(), new Panel(log).Header("Events").Expand());
    });

    private static string Phase(RunnerState r) => r.Phase switch
    {
        RunnerPhase.Resting when r.RestRemainingS is double rest => rest >= 0
            ? string.Create(Inv, $"[rest {rest:0} s]")
            : string.Create(Inv, $"[rest +{-rest:0} s over]"),
        RunnerPhase.Ready => "[get ready]",
        RunnerPhase.InSet => "[in set]",
        RunnerPhase.Finished => "[finished]",
        _ => "",
    };

    private static string Work(RunnerState r) => r.RepsTarget is int t
        ? $"[bold yellow]{r.Reps}[/] / {t}"
        : $"[bold yellow]{r.Holds}[/] / {r.HoldsTarget} holds";

    private static IRenderable FlexionBar(double flexionDeg, double? limitDeg)
    {
        if (double.IsNaN(flexionDeg)) return new Text("calibrating...");
        double limit = limitDeg ?? 90;
        bool over = flexionDeg > limit;
        double scale = Math.Max(limit * 1.25, 10);
        int width = 40;
        int filled = (int)Math.Clamp(Math.Abs(flexionDeg) / scale * width, 0, width);
        int mark = (int)Math.Clamp(limit / scale * width, 0, width - 1);
        var bar = new char[width];
        for (int i = 0; i < width; i++) bar[i] = i < filled ? '#' : i == mark ? '|' : '.';
        string color = over ? "red" : "green";
        return new Markup(string.Create(Inv, $"[{color}]{new string(bar)}[/] {flexionDeg,6:0.0} deg (limit {limit:0})"));
    }

    private static string Tempo(LiveViewState s)
    {
        var reps = s.LastReps;
        if (reps.Count == 0) return "-";
        return string.Join("  ", reps.TakeLast(4).Select(r => Markup.Escape(string.Create(Inv,
            $"{r.EccentricS:0.0}/{r.BottomPauseS:0.0}/{r.ConcentricS:0.0}s"))));
    }
}
