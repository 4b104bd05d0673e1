using SpineSense.Cli.Live;
using SpineSense.Storage.Model;
using SpineSense.Streaming.Live;
using SpineSense.Streaming.Plans;

namespace SpineSense.Cli.Commands;

/// <summary>
/// <c>spinesense session</c>: follows a live session from a sensor (Bluetooth LE, simulated or a replayed packet log)
/// with a plan, shows it live and stores it.
/// </summary>
internal sealed class SessionCommand : ICliCommand
{
    public string Name => "session";
    public string Summary => "follow a live session from a sensor with a plan, and store it";
    public string Usage =>
        $"""
        spinesense session --sensor {SensorOption.Help} --athlete NAME [--plan NAME|PATH] [--store TARGET]
                [--speed N] [--seed N]

          --sensor   ble:C0:11:22:33:44:55 connects over Bluetooth LE (Linux, BlueZ); sim is a virtual athlete doing
                     the plan; replay:FILE plays a packet log written by 'spinesense record --log'
          --athlete  the athlete; a physio's per-athlete limits (stored configuration) override exercise defaults
          --plan     built-in plan name (default beginner) or a plan JSON file
          --store    as for demo (default: SPINESENSE_STORE, else sqlite under the user's data directory; none = do not store)
          --speed    sim and replay only: simulated seconds per real second (default 1)
          --seed     sim only: the virtual athlete's seed
        Press Ctrl+C to end the session early; what was recorded is stored. On a terminal the session is shown live;
        otherwise one line per rep, set, hold and alert.
        """;

    public async Task<int> RunAsync(IReadOnlyList<string> args, CliConsole console, CancellationToken cancel)
    {
        var a = new CliArgs(args);
        string sensorArg = a.RequiredString("sensor");
        string athlete = StoreNames.CheckAthlete(a.RequiredString("athlete")); // before connecting to a sensor
        string planName = a.String("plan") ?? PlanCatalog.DefaultName;
        string? store = a.String("store");
        double speed = a.Double("speed", 0.1, 1000) ?? 1;
        int seed = a.Int("seed", 0) ?? 1;
        a.ThrowOnUnused(0);

        var plan = DemoCommand.LoadPlan(planName);
        return await SessionHost.OpenAndRunAsync(store, () => SensorOption.Create(sensorArg, plan, speed, seed), athlete, plan,
            console, link => $"SpineSense session - {athlete} - {plan.Title} - {link.Name}", cancel).ConfigureAwait(false);
    }
}
