using SpineSense.Motion.Results;
using SpineSense.Motion.Samples;
using SpineSense.Storage.Model;

namespace SpineSense.Storage.Sqlite;

/// <summary>
/// Live writer for SQLite: appends to in-memory lists under a short lock; the store's flusher swaps them out
/// and inserts them in one transaction (every <see cref="StoreOptions.SealInterval"/>). Lists keep their
/// capacity across swaps, so steady state allocates nothing per sample.
/// </summary>
internal sealed class SqliteSessionWriter : ISessionWriter
{
    private readonly SqliteSessionStore _store;
    private readonly object _lock = new();
    private Pending _pending = new();
    private Pending _flushing = new();
    private bool _ended;

    public SqliteSessionWriter(SqliteSessionStore store, SessionInfo info, long sid)
    {
        _store = store;
        Info = info;
        Sid = sid;
    }

    public SessionInfo Info { get; private set; }

    internal long Sid { get; }

    internal bool Ended { get { lock (_lock) return _ended; } }

    public void WriteSamples(ReadOnlySpan<ImuSample> samples)
    {
        lock (_lock) { if (Refuse(samples.Length)) return; _pending.Samples.AddRange(samples); }
        _store.CountAccepted(samples.Length);
    }

    public void WriteAngles(double timeS, in SpineAngles angles)
    {
        lock (_lock) { if (Refuse(1)) return; _pending.Angles.Add((timeS, angles)); }
        _store.CountAccepted(1);
    }

    public void WriteAngles(ReadOnlySpan<double> timesS, ReadOnlySpan<SpineAngles> angles)
    {
        if (timesS.Length != angles.Length) throw new ArgumentException("times and angles differ in length");
        lock (_lock)
        {
            if (Refuse(timesS.Length)) return;
            for (int i = 0; i < timesS.Length; i++) _pending.Angles.Add((timesS[i], angles[i]));
        }
        _store.CountAccepted(timesS.Length);
    }

    public void WriteRep(string exercise, in RepResult rep)
    {
        StoreNames.CheckExercise(exercise);
        lock (_lock) { if (Refuse(1)) return; _pending.Reps.Add((exercise, rep)); }
        _store.CountAccepted(1);
    }

    public void WriteSet(string exercise, in SetResult set)
    {
        StoreNames.CheckExercise(exercise);
        lock (_lock) { if (Refuse(1)) return; _pending.Sets.Add((exercise, set)); }
        _store.CountAccepted(1);
    }

    public void WriteHold(string exercise, in HoldResult hold)
    {
        StoreNames.CheckExercise(exercise);
        lock (_lock) { if (Refuse(1)) return; _pending.Holds.Add((exercise, hold)); }
        _store.CountAccepted(1);
    }

    public void WriteAlert(string? exercise, in AlertEvent alert)
    {
        if (exercise is not null) StoreNames.CheckExercise(exercise);
        lock (_lock) { if (Refuse(1)) return; _pending.Alerts.Add((exercise, alert)); }
        _store.CountAccepted(1);
    }

    public void WriteLinkHealth(in LinkHealth health)
    {
        lock (_lock) { if (Refuse(1)) return; _pending.Link.Add(health); }
        _store.CountAccepted(1);
    }

    public async ValueTask FlushAsync(CancellationToken cancel = default) => await _store.FlushAllAsync(cancel).ConfigureAwait(false);

    public async ValueTask EndAsync(DateTimeOffset endUtc, CancellationToken cancel = default)
    {
        lock (_lock)
        {
            if (_ended) return;
            _ended = true;
        }
        Info = Info with { EndUtc = endUtc };
        await _store.FlushAllAsync(cancel).ConfigureAwait(false);
        await _store.EndSessionAsync(this, endUtc, cancel).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync() => await _store.FlushAllAsync(CancellationToken.None).ConfigureAwait(false);

    /// <summary>Called by the flusher (one at a time): hands over what was written since the last call.</summary>
    internal Pending Swap()
    {
        _flushing.Clear();
        lock (_lock) (_pending, _flushing) = (_flushing, _pending);
        return _flushing;
    }

    private bool Refuse(int n)
    {
        if (!_ended) return false;
        _store.CountRefused(n, Info.SessionId);
        return true;
    }

    internal sealed class Pending
    {
        public readonly List<ImuSample> Samples = [];
        public readonly List<(double TimeS, SpineAngles Angles)> Angles = [];
        public readonly List<(string Exercise, RepResult Rep)> Reps = [];
        public readonly List<(string Exercise, SetResult Set)> Sets = [];
        public readonly List<(string Exercise, HoldResult Hold)> Holds = [];
        public readonly List<(string? Exercise, AlertEvent Alert)> Alerts = [];
        public readonly List<LinkHealth> Link = [];

        public int Count => Samples.Count + Angles.Count + Reps.Count + Sets.Count + Holds.Count + Alerts.Count + Link.Count;

        public void Clear()
        {
            Samples.Clear(); Angles.Clear(); Reps.Clear(); Sets.Clear(); Holds.Clear(); Alerts.Clear(); Link.Clear();
        }
    }
}
