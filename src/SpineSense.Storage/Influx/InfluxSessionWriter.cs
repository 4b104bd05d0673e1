using SpineSense.Motion.Results;
using SpineSense.Motion.Samples;
using SpineSense.Storage.Model;

namespace SpineSense.Storage.Influx;

/// <summary>
/// Live writer for InfluxDB: serialises each item straight into the store's current line-protocol batch under the
/// batch lock (≈100 ns per raw sample, no allocation); sealing, the outbox and the network are someone else's thread.
/// </summary>
internal sealed class InfluxSessionWriter(InfluxSessionStore store, SessionPoints points) : ISessionWriter
{
    private volatile bool _ended;

    public SessionInfo Info { get; private set; } = points.Info;

    public void WriteSamples(ReadOnlySpan<ImuSample> samples)
    {
        if (Refuse(samples.Length)) return;
        var b = store.EnterBatch();
        int n = 0;
        try
        {
            foreach (ref readonly var s in samples)
            {
                points.Sample(b, s);
                n += 1 + points.ExtraPoints;
                if (b.Points >= store.BatchMaxPoints) b = store.SealIfFullLocked(ref n);
            }
        }
        finally { store.ExitBatch(n); }
    }

    public void WriteAngles(double timeS, in SpineAngles angles)
    {
        if (Refuse(1)) return;
        var b = store.EnterBatch();
        int n = 0;
        try { points.Angles(b, timeS, angles); n = 1 + points.ExtraPoints; }
        finally { store.ExitBatch(n); }
    }

    public void WriteAngles(ReadOnlySpan<double> timesS, ReadOnlySpan<SpineAngles> angles)
    {
        if (timesS.Length != angles.Length) throw new ArgumentException("times and angles differ in length");
        if (Refuse(timesS.Length)) return;
        var b = store.EnterBatch();
        int n = 0;
        try
        {
            for (int i = 0; i < timesS.Length; i++)
            {
                points.Angles(b, timesS[i], angles[i]);
                n += 1 + points.ExtraPoints;
                if (b.Points >= store.BatchMaxPoints) b = store.SealIfFullLocked(ref n);
            }
        }
        finally { store.ExitBatch(n); }
    }

    public void WriteRep(string exercise, in RepResult rep)
    {
        StoreNames.CheckExercise(exercise);
        if (Refuse(1)) return;
        var b = store.EnterBatch();
        try { points.Rep(b, exercise, rep); }
        finally { store.ExitBatch(1); }
    }

    public void WriteSet(string exercise, in SetResult set)
    {
        StoreNames.CheckExercise(exercise);
        if (Refuse(1)) return;
        var b = store.EnterBatch();
        try { points.Set(b, exercise, set); }
        finally { store.ExitBatch(1); }
    }

    public void WriteHold(string exercise, in HoldResult hold)
    {
        StoreNames.CheckExercise(exercise);
        if (Refuse(1)) return;
        var b = store.EnterBatch();
        try { points.Hold(b, exercise, hold); }
        finally { store.ExitBatch(1); }
    }

    public void WriteAlert(string? exercise, in AlertEvent alert)
    {
        if (exercise is not null) StoreNames.CheckExercise(exercise);
        if (Refuse(1)) return;
        var b = store.EnterBatch();
        try { points.Alert(b, exercise, alert); }
        finally { store.ExitBatch(1); }
    }

    public void WriteLinkHealth(in LinkHealth health)
    {
        if (Refuse(1)) return;
        var b = store.EnterBatch();
        try { points.Link(b, health); }
        finally { store.ExitBatch(1); }
    }

    public async ValueTask FlushAsync(CancellationToken cancel = default) => await store.FlushToOutboxAsync(cancel).ConfigureAwait(false);

    public async ValueTask EndAsync(DateTimeOffset endUtc, CancellationToken cancel = default)
    {
        if (_ended) return;
        _ended = true;
        Info = Info with { EndUtc = endUtc };
        var b = store.EnterBatch();
        int n = 0;
        try { n = points.EmitAggregates(b); points.SessionRow(b, endUtc); n++; }
        finally { store.ExitBatch(n); }
        await store.FlushToOutboxAsync(cancel).ConfigureAwait(false);
        store.ThrowIfFatal();
    }

    public async ValueTask DisposeAsync() => await store.FlushToOutboxAsync(CancellationToken.None).ConfigureAwait(false);

    private bool Refuse(int n)
    {
        if (!_ended) return false;
        store.CountRefused(n, Info.SessionId);
        return true;
    }
}
