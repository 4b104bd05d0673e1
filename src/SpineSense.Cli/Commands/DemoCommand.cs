using SpineSense.Cli.Live;
using SpineSense.Storage.Model;
using SpineSense.Streaming.Live;
using SpineSense.Streaming.Plans;

namespace SpineSense.Cli.Commands;

/// <summary>
/// <c>spinesense demo</c>: the README's main job. A virtual athlete does the beginner routine on a simulated sensor,
/// through the same live pipeline as a real session (packets, ordering, motion core, workout runner, store), and the
/// session is stored in the default store. Ends by itself with the session summary.
/// </summary>
internal sealed class DemoCommand : ICliCommand
{
    public string Name => "demo";
    public string Summary => "a simulated athlete doing the beginner routine, analysed live and stored";
    public string Usage =>
        """
        spinesense demo [--speed N] [--athlete NAME] [--plan NAME|PATH] [--seed N] [--store TARGET] [--loss PCT]

          --speed    simulated seconds per real second (default 10: the 45-minute routine in under 5 minutes;
                     1 = real time, up to 1000)
          --athlete  stored with the session (default: demo)
          --plan     built-in plan name (beginner) or a plan JSON file; the virtual athlete follows it
          --seed     the virtual athlete's seed (default 1): same seed, same session
          --store    sqlite:PATH | influx1://HOST:PORT/DB | influx2://HOST:PORT?org=ORG&bucket=B | none
                     (default: SPINESENSE_STORE, else sqlite under the user's data directory)
          --loss     percent of packets lost on the simulated radio (recovered by "resend from sequence")
        On a terminal the session is shown live; otherwise one line per rep, set, hold and alert.
        """;

    public async Task<int> RunAsync(IReadOnlyList<string> args, CliConsole console, CancellationToken cancel)
    {
        var a = new CliArgs(args);
        double speed = a.Double("speed", 0.1, 1000) ?? 10;
        // Checked before anything runs: a bad name would otherwise be refused only after the athlete was simulated.
        string athlete = StoreNames.CheckAthlete(a.String("athlete") ?? "demo");
        string planName = a.String("plan") ?? PlanCatalog.DefaultName;
        int seed = a.Int("seed", 0) ?? 1;
        string? store = a.String("store");
        double loss = a.Double("loss", 0, 50) ?? 0;
        a.ThrowOnUnused(0);

        var plan = LoadPlan(planName);
        return await SessionHost.OpenAndRunAsync(store, () =>
        {
            console.Out.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"demo: virtual athlete '{athlete}' doing plan '{plan.Name}' at {speed}x (seed {seed}); simulating the athlete..."));
            return SensorOption.Simulated(plan, speed, seed, loss);
        }, athlete, plan, console, _ => $"SpineSense demo - {athlete} - {plan.Title}", cancel).ConfigureAwait(false);
    }

    internal static WorkoutPlan LoadPlan(string nameOrPath)
    {
        try
        {
            var plan = PlanCatalog.Load(nameOrPath);
            new LiveSessionOptions("check", plan).Validate();
            return plan;
        }
        catch (PlanException e)
        {
            throw CliException.Usage(e.Message);
        }
    }
}
