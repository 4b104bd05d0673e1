using Microsoft.Data.Sqlite;
using SpineSense.Storage.Model;
using SpineSense.Storage.Targets;

namespace SpineSense.Storage.Sqlite;

/// <summary>
/// The embedded store: one SQLite file holds sessions, series, events and configuration.
/// A background flusher commits what the live writers buffered every <see cref="StoreOptions.SealInterval"/>
/// (one transaction for all sessions), so a crash of the process loses at most that interval.
/// </summary>
internal sealed class SqliteSessionStore : ISessionStore
{
    private readonly string _path;
    private readonly StoreOptions _options;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly List<SqliteSessionWriter> _active = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _accepted, _stored, _refused;
    private string? _lastError;

    public SqliteSessionStore(StoreTarget target, StoreOptions options)
    {
        Target = target;
        _path = target.SqlitePath!;
        _options = options;
        Config = new SqliteConfigStore(_path);
        Reader = new SqliteReader(_path);
        _loop = Task.Run(FlushLoopAsync);
    }

    public StoreTarget Target { get; }
    public IStoreReader Reader { get; }
    public IConfigStore Config { get; }
    public event Action<StorageException>? Faulted;

    public StoreStats Stats
    {
        get
        {
            long a = Interlocked.Read(ref _accepted), s = Interlocked.Read(ref _stored);
            return new StoreStats(a, s, a - s - Interlocked.Read(ref _refused), 0, Interlocked.Read(ref _refused), 0, true, _lastError);
        }
    }

    internal void CountAccepted(int n) => Interlocked.Add(ref _accepted, n);

    internal void CountRefused(int n, string sessionId)
    {
        Interlocked.Add(ref _accepted, n);
        Interlocked.Add(ref _refused, n);
        Raise(new StorageException(StorageErrorCode.InvalidInput, $"session {sessionId} has ended: {n} point(s) written after its end were refused"));
    }

    public async Task<ISessionWriter> StartSessionAsync(SessionStart start, CancellationToken cancel = default)
    {
        var info = SessionFactory.Info(start);
        await _writeGate.WaitAsync(cancel).ConfigureAwait(false);
        try
        {
            using var c = SqliteDb.Open(_path);
            using var cmd = c.CreateCommand();
            cmd.CommandText = """
                INSERT INTO sessions(session_id, athlete, plan, exercise, start_unix_us) VALUES($id, $a, $p, $e, $t)
                ON CONFLICT(session_id) DO UPDATE SET athlete = excluded.athlete RETURNING sid, athlete
                """;
            cmd.Parameters.AddWithValue("$id", info.SessionId);
            cmd.Parameters.AddWithValue("$a", info.Athlete);
            cmd.Parameters.AddWithValue("$p", SqliteDb.Db(info.Plan));
            cmd.Parameters.AddWithValue("$e", SqliteDb.Db(info.Exercise));
            cmd.Parameters.AddWithValue("$t", SqliteDb.ToUnixUs(info.StartUtc));
            long sid = (long)cmd.ExecuteScalar()!;
            var writer = new SqliteSessionWriter(this, info, sid);
            lock (_active) _active.Add(writer);
            Interlocked.Increment(ref _accepted);
            Interlocked.Increment(ref _stored);
            return writer;
        }
        catch (SqliteException e) { throw SqliteDb.Failed("starting a session", e); }
        finally { _writeGate.Release(); }
    }

    internal async Task EndSessionAsync(SqliteSessionWriter writer, DateTimeOffset endUtc, CancellationToken cancel)
    {
        await _writeGate.WaitAsync(cancel).ConfigureAwait(false);
        try
        {
            using var c = SqliteDb.Open(_path);
            using var cmd = c.CreateCommand();
            cmd.CommandText = "UPDATE sessions SET end_unix_us = $t WHERE sid = $sid";
            cmd.Parameters.AddWithValue("$t", SqliteDb.ToUnixUs(endUtc));
            cmd.Parameters.AddWithValue("$sid", writer.Sid);
            cmd.ExecuteNonQuery();
        }
        catch (SqliteException e) { throw SqliteDb.Failed("ending a session", e); }
        finally { _writeGate.Release(); }
        lock (_active) _active.Remove(writer);
    }

    public async Task<bool> DrainAsync(TimeSpan timeout, CancellationToken cancel = default)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        cts.CancelAfter(timeout);
        try { await FlushAllAsync(cts.Token).ConfigureAwait(false); }
        catch (OperationCanceledException) when (!cancel.IsCancellationRequested) { return false; }
        return Stats.PointsPending == 0;
    }

    internal async Task FlushAllAsync(CancellationToken cancel)
    {
        await _writeGate.WaitAsync(cancel).ConfigureAwait(false);
        try { FlushLocked(); }
        finally { _writeGate.Release(); }
    }

    private async Task FlushLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(_options.SealInterval, _stop.Token).ConfigureAwait(false);
                await FlushAllAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) { break; }
            catch (StorageException e) { Raise(e); }
        }
    }

    private void FlushLocked()
    {
        SqliteSessionWriter[] writers;
        lock (_active) writers = [.. _active];
        if (writers.Length == 0) return;
        try
        {
            using var c = SqliteDb.Open(_path);
            using var tx = c.BeginTransaction();
            var rows = new SqliteRowWriter(c, tx);
            long n = 0;
            foreach (var w in writers)
            {
                var p = w.Swap();
                if (p.Count == 0) continue;
                rows.Write(w.Sid, p);
                n += p.Count;
            }
            tx.Commit();
            Interlocked.Add(ref _stored, n);
        }
        catch (Exception e) when (e is SqliteException or InvalidOperationException or IOException)
        {
            var err = SqliteDb.Failed("writing session data", e);
            _lastError = err.Message;
            throw err;
        }
    }

    private void Raise(StorageException e)
    {
        _lastError = e.Message;
        Faulted?.Invoke(e);
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        try { await _loop.ConfigureAwait(false); } catch (OperationCanceledException) { }
        await _writeGate.WaitAsync().ConfigureAwait(false);
        try { FlushLocked(); }
        finally { _writeGate.Release(); }
        SqliteConnection.ClearAllPools();
    }
}
