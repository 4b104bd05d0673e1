using System.Diagnostics;
using SpineSense.Motion.Results;
using SpineSense.Motion.Samples;
using SpineSense.Server;
using SpineSense.Server.Data;
using SpineSense.Server.Live;
using SpineSense.Storage;
using SpineSense.Storage.Model;
using SpineSense.Storage.Targets;

namespace SpineSense.DashboardProbe;

/// <summary>
/// A temp SQLite store and the dashboard server over it on 127.0.0.1 (free port), built the way
/// `spinesense serve` builds it (StoreDashboardData + StreamingLiveSource, no sign-in on loopback).
/// </summary>
internal sealed class ProbeEnvironment : IAsyncDisposable
{
    public const string Athlete = "Probe";
    public const double RateHz = 200;
    public const string Exercise = "goblet-squat";

    private readonly string _dir;

    public ISessionStore Store { get; }
    public DashboardServer Server { get; }
    public Uri BaseUri { get; }

    private ProbeEnvironment(string dir, ISessionStore store, DashboardServer server)
    {
        _dir = dir; Store = store; Server = server;
        BaseUri = new Uri(server.Urls[0] + "/");
    }

    public static async Task<ProbeEnvironment> StartAsync()
    {
        string dir = Path.Combine(Path.GetTempPath(), "spinesense-dashboard-probe-" + Guid.NewGuid().ToString("n"));
        Directory.CreateDirectory(dir);
        var store = await SpineStore.OpenAsync(StoreTarget.Sqlite(Path.Combine(dir, "store.db")));
        await store.Config.UpsertAthleteAsync(Athlete, null, "beginner");
        var plans = new PlanLibrary(null);
        var server = await DashboardServer.StartAsync(new DashboardServerOptions
        {
            Urls = "http://127.0.0.1:0",
            Store = new StoreDashboardData(store, plans),
            LiveSource = new StreamingLiveSource(store, plans),
        });
        return new ProbeEnvironment(dir, store, server);
    }

    public HttpClient Client() => new() { BaseAddress = BaseUri, Timeout = TimeSpan.FromSeconds(60) };

    public sealed record StoredSession(string SessionId, int Rows, double WriteS);

    /// <summary>
    /// One hour at 200 Hz through the real storage writer (720,000 raw samples and 720,000 angle rows), with
    /// 6 sets of 10 squats (raised-cosine flexion, 3 s each) spread over the hour so the table has rows, written
    /// a minute at a time. Same shape as the Server tests' synthetic sessions, stretched to an hour.
    /// </summary>
    public async Task<StoredSession> WriteOneHourSessionAsync()
    {
        var sw = Stopwatch.StartNew();
        var startUtc = DateTimeOffset.UtcNow.AddHours(-2);
        var writer = await Store.StartSessionAsync(new SessionStart(Athlete, startUtc, Plan: "beginner"));
        const int rows = 720_000, chunk = 12_000;
        var samples = new ImuSample[chunk];
        var times = new double[chunk];
        var angles = new SpineAngles[chunk];
        for (int first = 0; first < rows; first += chunk)
        {
            for (int j = 0; j < chunk; j++)
            {
                double t = (first + j) / RateHz;
                times[j] = t;
                angles[j] = new SpineAngles(FlexionAt(t), 2 * Math.Sin(t), 3 * Math.Cos(t / 2));
                samples[j] = new ImuSample(t, 0.01, 0.99, 0.02, 0.1, -0.1, 0.2);
            }
            writer.WriteSamples(samples);
            writer.WriteAngles(times, angles);
        }
        for (int set = 0; set < Sets; set++)
        {
            double setStart = SetStartS(set);
            for (int k = 0; k < RepsPerSet; k++)
            {
                double start = setStart + k * (RepS + GapS);
                var rep = new RepResult(set + 1, k + 1, start, start + RepS, 1.4, 0.2, 1.4, k == RepsPerSet - 1 ? 0 : GapS, PeakOf(k), AlertKind.None);
                writer.WriteRep(Exercise, rep);
            }
            writer.WriteSet(Exercise, new SetResult(set + 1, setStart, setStart + RepsPerSet * (RepS + GapS) - GapS, RepsPerSet));
        }
        await writer.EndAsync(startUtc.AddSeconds(rows / RateHz));
        string id = writer.Info.SessionId;
        await writer.DisposeAsync();
        if (!await Store.DrainAsync(TimeSpan.FromSeconds(120))) throw new InvalidOperationException("store did not drain within 120 s");
        return new StoredSession(id, rows, sw.Elapsed.TotalSeconds);
    }

    private const int Sets = 6, RepsPerSet = 10;
    private const double RepS = 3, GapS = 1, SetEveryS = 600, LeadS = 5;

    private static double SetStartS(int set) => LeadS + set * SetEveryS;

    private static double PeakOf(int k) => 40 + 2 * k;

    private static double FlexionAt(double t)
    {
        int set = (int)((t - LeadS) / SetEveryS);
        if (t < LeadS || set >= Sets) return 0;
        double u = t - SetStartS(set);
        int k = (int)(u / (RepS + GapS));
        if (k >= RepsPerSet) return 0;
        double v = u - k * (RepS + GapS);
        return v > RepS ? 0 : PeakOf(k) * 0.5 * (1 - Math.Cos(2 * Math.PI * v / RepS));
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        await Store.DisposeAsync();
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }
}
