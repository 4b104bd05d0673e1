using SpineSense.Motion.Results;
using SpineSense.Storage;
using SpineSense.Streaming.Pipeline;
using StoredLinkHealth = SpineSense.Storage.Model.LinkHealth;

namespace SpineSense.Streaming.Live;

/// <summary>
/// The storage sink of a live session. <see cref="ISessionWriter"/> calls only serialise into the store's in-memory
/// batch (no I/O, no waiting), so this runs on the pipeline thread; the store's own bounded outbox is the buffer
/// behind it (docs/LIVE.md, "Backpressure"). Session times already count from the stored session start
/// (<see cref="SessionClock"/>). Rep and set numbers are the runner's (per exercise), so review matches what the
/// athlete saw.
/// </summary>
internal sealed class SessionStorage(ISessionWriter writer, bool storeSamples)
{
    private readonly Dictionary<(int Set, int Rep), (int Set, int Rep)> _repNumbers = [];

    public ISessionWriter Writer => writer;

    public void WriteBatch(AnalyzedBatch analyzed)
    {
        if (!storeSamples) return;
        var samples = analyzed.Batch.Samples;
        writer.WriteSamples(samples);
        var angles = analyzed.Angles;
        for (int i = 0; i < angles.Length; i++)
            if (!double.IsNaN(angles[i].FlexionDeg)) writer.WriteAngles(samples[i].TimeS, angles[i]);
    }

    /// <summary>Remembers the runner's numbering of a rep the core numbered (set, rep), for when its final version arrives.</summary>
    public void MapRep(in RepResult coreRep, int set, int repInSet) => _repNumbers[(coreRep.Set, coreRep.Rep)] = (set, repInSet);

    /// <summary>A new exercise: the core's numbering restarts.</summary>
    public void ResetRepNumbers() => _repNumbers.Clear();

    public void WriteRep(string exercise, in RepResult rep)
    {
        var numbered = _repNumbers.Remove((rep.Set, rep.Rep), out var n) ? rep with { Set = n.Set, Rep = n.Rep } : rep;
        writer.WriteRep(exercise, numbered);
    }

    public void WriteSet(string exercise, int set, double startS, double endS, int reps) =>
        writer.WriteSet(exercise, new SetResult(set, startS, endS, reps));

    public void WriteHold(string exercise, in HoldResult hold) => writer.WriteHold(exercise, hold);

    public void WriteAlert(string? exercise, in AlertEvent alert) => writer.WriteAlert(exercise, alert);

    /// <summary>
    /// Link health with NaN for what the link does not report (RSSI when the link cannot measure it or is not
    /// connected; battery before the first status). Both stores keep unknown values as unknown: SQLite as NULL, InfluxDB by leaving the field out.
    /// </summary>
    public void WriteHealth(double timeS, LiveLinkHealth health)
    {
        double battery = health.BatteryPct ?? double.NaN, rssi = health.RssiDbm ?? double.NaN;
        writer.WriteLinkHealth(new StoredLinkHealth(timeS, battery, rssi, health.PacketsLost, health.PacketsReceived));
    }
}
