using System.Globalization;
using SpineSense.Motion.Samples;
using SpineSense.Storage;
using SpineSense.Storage.Model;
using SpineSense.Storage.Targets;

// Usage: CrashWriter STORE_TARGET OUTBOX_DIR CONFIG_DB SAMPLES_PER_10MS
// Writes sample i = (time i·5 ms, acc_x_g = i·1e-5) at a steady pace with the store's default (documented)
// seal and fsync cadence, printing "n=COUNT" after every write call: COUNT samples were handed to SpineSense.
// The crash test SIGKILLs it and checks what the outbox replays.
var target = StoreTarget.Parse(args[0]);
int perTick = int.Parse(args[3], CultureInfo.InvariantCulture);
await using var store = await SpineStore.OpenAsync(target, new StoreOptions
{
    OutboxDirectory = args[1],
    ConfigDbPath = args[2],
    VerifyOnOpen = false,
});
var start = new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
var w = await store.StartSessionAsync(new SessionStart("Crash Test", start, SessionId: "crash-1"));
var buf = new ImuSample[perTick];
long n = 0;
var clock = System.Diagnostics.Stopwatch.StartNew();
for (long tick = 0; ; tick++)
{
    for (int k = 0; k < perTick; k++, n++) buf[k] = new ImuSample(n * 0.005, n * 1e-5, 1, 0, 0, 0, 0);
    w.WriteSamples(buf);
    Console.Out.WriteLine("n=" + n.ToString(CultureInfo.InvariantCulture));
    Console.Out.Flush();
    long due = (tick + 1) * 10;
    long wait = due - clock.ElapsedMilliseconds;
    if (wait > 0) await Task.Delay((int)wait);
}
