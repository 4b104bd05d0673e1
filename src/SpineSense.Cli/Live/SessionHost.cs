using System.Reactive.Linq;
using Spectre.Console;
using SpineSense.Motion.Exercises;
using SpineSense.Sensors;
using SpineSense.Storage;
using SpineSense.Streaming.Live;
using SpineSense.Streaming.Plans;

namespace SpineSense.Cli.Live;

/// <summary>
/// Runs one live session for a command (demo, session): opens the store, loads the athlete's limits, starts the
/// session, shows it (live display on a terminal, plain lines otherwise), and prints the summary.
/// </summary>
internal static class SessionHost
{
    /// <summary>
    /// Opens the store first (building the sensor — simulating an athlete, reading a replay — takes a while, and a wrong
    /// --store must fail before it), builds the sensor, and runs the session; the store is disposed on every path.
    /// </summary>
    public static async Task<int> OpenAndRunAsync(string? storeOption, Func<SensorOption.Built> buildSensor, string athlete,
        WorkoutPlan plan, CliConsole console, Func<ISensorLink, string> title, CancellationToken cancel)
    {
        var opened = await OpenStoreAsync(storeOption, cancel).ConfigureAwait(false);
        SensorOption.Built sensor;
        try
        {
            sensor = buildSensor();
        }
        catch
        {
            if (opened is not null) await opened.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        await using var link = sensor.Link;
        return await RunAsync(link, sensor.SessionOptions(athlete, plan), opened, console, title(link), cancel).ConfigureAwait(false);
    }

    /// <summary>Runs the session into <paramref name="store"/> (opened by the caller with <see cref="OpenStoreAsync"/>
    /// before the slow part, e.g. simulating the athlete, so a wrong target fails at once) and disposes it.</summary>
    public static async Task<int> RunAsync(ISensorLink link, LiveSessionOptions options, ISessionStore? store, CliConsole console,
        string title, CancellationToken cancel)
    {
        try
        {
            var limits = store is null ? null : await LoadLimitsAsync(store, options.Athlete, options.Plan, cancel).ConfigureAwait(false);
            var session = new LiveSession(link, options with { AthleteLimits = limits is null ? null : id => limits.GetValueOrDefault(id) }, store);
            int steps = options.Plan.Steps.Count;
            Task<SessionEnded?> done;
            Task display = Task.CompletedTask;
            IDisposable subscription;
            if (console.IsInteractive)
            {
                var state = new LiveViewState { StepCount = steps };
                subscription = session.Events.Subscribe(state);
                done = state.Done;
                var ansi = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(console.Out) });
                display = LiveDisplay.RunAsync(ansi, state, title);
            }
            else
            {
                var printer = new PlainEventPrinter(console.Out, steps);
                subscription = session.Events.Subscribe(printer);
                done = printer.Done;
                // Output that cannot be written ends the session (stored as far as it went) rather than running unseen.
                _ = done.ContinueWith(_ => session.Stop(), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            }
            using (subscription)
            using (cancel.Register(session.Stop))
            {
                try
                {
                    await session.StartAsync(cancel).ConfigureAwait(false);
                }
                catch (SensorLinkException e)
                {
                    throw CliException.FromSensor(e);
                }
                catch (StorageException e)
                {
                    throw CliException.FromStorage(e);
                }
                catch (PlanException e)
                {
                    throw CliException.Usage(e.Message);
                }
                var summary = await session.Completion.ConfigureAwait(false);
                var ended = await done.ConfigureAwait(false);
                await display.ConfigureAwait(false);
                if (store is not null) await store.DrainAsync(TimeSpan.FromSeconds(30), CancellationToken.None).ConfigureAwait(false);
                if (ended is not null) SessionText.WriteSummary(console.Out, summary, ended, session.Health, store?.Target.ToString());
                if (ended?.Error is null) return 0;
                // The failure is the command's one message on stderr, with the exit code of its cause: a replay log
                // malformed half-way is the user's bad input (2, file:line), like a bad header; a sensor gone is 3.
                throw ended.Cause is SensorLinkException linkError
                    ? CliException.FromSensor(linkError)
                    : new CliException(CliException.Unavailable, ended.Error);
            }
        }
        finally
        {
            if (store is not null) await store.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Opens the store for a session; <c>--store none</c> runs without storing.</summary>
    public static async Task<ISessionStore?> OpenStoreAsync(string? storeOption, CancellationToken cancel)
    {
        if (string.Equals(storeOption, "none", StringComparison.OrdinalIgnoreCase)) return null;
        try
        {
            return await SpineStore.OpenAsync(storeOption, cancel: cancel).ConfigureAwait(false);
        }
        catch (StorageException e)
        {
            throw CliException.FromStorage(e);
        }
    }

    // A physio's per-athlete limits (SpineSense.Storage config), per exercise of the plan; unknown athletes get defaults.
    private static async Task<Dictionary<string, SafetyLimits?>> LoadLimitsAsync(ISessionStore store, string athlete, WorkoutPlan plan,
        CancellationToken cancel)
    {
        var result = new Dictionary<string, SafetyLimits?>(StringComparer.Ordinal);
        foreach (var step in plan.Steps)
        {
            if (result.ContainsKey(step.ExerciseId)) continue;
            try
            {
                var l = await store.Config.GetEffectiveLimitsAsync(athlete, step.ExerciseId, cancel).ConfigureAwait(false);
                bool any = l.MaxFlexionDeg is not null || l.MaxExtensionDeg is not null || l.MaxRotationDps is not null || l.MaxImpactG is not null;
                result[step.ExerciseId] = any ? new SafetyLimits(l.MaxFlexionDeg, l.MaxExtensionDeg, l.MaxRotationDps, l.MaxImpactG) : null;
            }
            catch (StorageException e) when (e.Code is StorageErrorCode.NotFound)
            {
                result[step.ExerciseId] = null;
            }
            catch (StorageException e)
            {
                throw CliException.FromStorage(e);
            }
        }
        return result;
    }
}
