using System.Collections.Concurrent;
using SpineSense.Storage.LineProtocol;
using SpineSense.Storage.Model;
using SpineSense.Storage.Outbox;
using SpineSense.Storage.Sqlite;
using SpineSense.Storage.Targets;

namespace SpineSense.Storage.Influx;

/// <summary>
/// InfluxDB store. Write path, each stage on its own thread so a writer never waits on disk or network:
/// <code>
/// writers ──(lock, serialise)──► current batch ──seal (BatchMaxPoints or SealInterval)──► sealed queue
///   ──appender──► DiskOutbox (write-ahead, fsync ≤ FsyncInterval) ──sender──► POST /write ──2xx──► ack
/// </code>
/// The sender always reads from the outbox, so normal operation, an outage and a replay after a crash are the
/// same code path. Transient failures (unreachable, 429/5xx, timeout) retry with backoff+jitter, Retry-After
/// honoured; 401/403/404 stop the sender with one <see cref="Faulted"/> (points stay in the outbox for the next
/// start); 400 sets the batch aside (rejected.lp), reports it and goes on.
/// </summary>
internal sealed class InfluxSessionStore : ISessionStore
{
    private const int MaxSealedBatches = 256;

    private readonly StoreOptions _options;
    private readonly InfluxHttpClient _client;
    private readonly DiskOutbox _outbox;
    private readonly object _batchLock = new();
    private readonly ConcurrentQueue<LineProtocolBuffer> _sealed = new();
    private readonly ConcurrentBag<LineProtocolBuffer> _pool = [];
    private readonly SemaphoreSlim _sealedSignal = new(0);
    private readonly SemaphoreSlim _outboxSignal = new(0);
    private readonly CancellationTokenSource _stop = new();
    private readonly CancellationTokenSource _stopSender = new();
    private readonly Task _appender, _sender, _timer;
    private LineProtocolBuffer _batch = new();
    private long _batchStartedTicks;
    private long _sealedCount, _appendedCount;
    private long _accepted, _stored, _dropped, _rejected, _inMemory;
    private volatile bool _delivering = true;
    private volatile StorageException? _fatal;
    private volatile string? _lastError;
    private int _outboxFullEpisode;

    private InfluxSessionStore(StoreTarget target, StoreOptions options, InfluxHttpClient client, DiskOutbox outbox, IConfigStore config)
    {
        Target = target;
        _options = options;
        _client = client;
        _outbox = outbox;
        Config = config;
        Reader = new InfluxReader(client, target);
        _appender = Task.Run(AppendLoopAsync);
        _sender = Task.Run(SendLoopAsync);
        _timer = Task.Run(TimerLoopAsync);
    }

    /// <param name="handler">Tests only: the HTTP handler under the client (scripted answers); null = sockets.</param>
    public static async Task<ISessionStore> OpenAsync(StoreTarget target, StoreOptions options, CancellationToken cancel, HttpMessageHandler? handler = null)
    {
        var client = new InfluxHttpClient(target, options.HttpTimeout, options.Gzip, options.Precision, handler);
        try
        {
            if (options.VerifyOnOpen) await client.VerifyAsync(cancel).ConfigureAwait(false);
            var config = new SqliteConfigStore(options.ConfigDbPath ?? StoreTarget.DefaultSqlitePath());
            var outbox = options.OutboxDirectory is { } dir
                ? new DiskOutbox(dir, options.OutboxMaxBytes, options.FsyncInterval)
                : OpenDefaultOutbox(target, options);
            return new InfluxSessionStore(target, options, client, outbox, config);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The default outbox of a target, or — when another SpineSense process holds it (demo and serve on the same
    /// InfluxDB) — the first free numbered slot beside it (<c>…-2</c> … <c>…-8</c>). Slots are fixed names, so whatever a
    /// crashed process left in one is replayed by the next process that takes that slot.
    /// </summary>
    private static DiskOutbox OpenDefaultOutbox(StoreTarget target, StoreOptions options)
    {
        string baseDir = DefaultOutboxDirectory(target);
        for (int slot = 1; ; slot++)
        {
            string dir = slot == 1 ? baseDir : baseDir + "-" + slot.ToString(System.Globalization.CultureInfo.InvariantCulture);
            try { return new DiskOutbox(dir, options.OutboxMaxBytes, options.FsyncInterval); }
            catch (StorageException e) when (e.Code == StorageErrorCode.LocalStorage && slot < 8 && e.Message.Contains("in use", StringComparison.Ordinal)) { }
        }
    }

    /// <summary>One outbox per target, beside the default SQLite file: <c>…/spinesense/outbox/influx1_host_8086_db</c>.</summary>
    public static string DefaultOutboxDirectory(StoreTarget target)
    {
        string name = target.Kind == StoreKind.Influx1
            ? $"influx1_{target.Host}_{target.Port}_{target.Database}_{target.RetentionPolicy}"
            : $"influx2_{target.Host}_{target.Port}_{target.Org}_{target.Bucket}";
        var safe = name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '_').ToArray();
        return Path.Combine(Path.GetDirectoryName(StoreTarget.DefaultSqlitePath())!, "outbox", new string(safe).TrimEnd('_'));
    }

    public StoreTarget Target { get; }
    public IStoreReader Reader { get; }
    public IConfigStore Config { get; }
    public event Action<StorageException>? Faulted;

    internal DiskOutbox Outbox => _outbox;

    internal int BatchMaxPoints => _options.BatchMaxPoints;

    public StoreStats Stats
    {
        get
        {
            long pending = _outbox.PendingPoints + Interlocked.Read(ref _inMemory);
            return new StoreStats(Interlocked.Read(ref _accepted), Interlocked.Read(ref _stored), pending, _outbox.Bytes,
                Interlocked.Read(ref _dropped), Interlocked.Read(ref _rejected), _delivering && _fatal is null, _lastError);
        }
    }

    public async Task<ISessionWriter> StartSessionAsync(SessionStart start, CancellationToken cancel = default)
    {
        var points = new SessionPoints(SessionFactory.Info(start), _options.Precision);
        var b = EnterBatch();
        try { points.SessionRow(b, null); }
        finally { ExitBatch(1); }
        await FlushToOutboxAsync(cancel).ConfigureAwait(false);
        return new InfluxSessionWriter(this, points);
    }

    // ---- batch (writers' side) ----------------------------------------------------------------------------

    internal LineProtocolBuffer EnterBatch()
    {
        Monitor.Enter(_batchLock);
        if (_batch.Points == 0) _batchStartedTicks = Environment.TickCount64;
        return _batch;
    }

    internal void ExitBatch(int pointsAdded)
    {
        try
        {
            Interlocked.Add(ref _accepted, pointsAdded);
            Interlocked.Add(ref _inMemory, pointsAdded);
            if (_batch.Points >= _options.BatchMaxPoints) SealLocked();
        }
        finally { Monitor.Exit(_batchLock); }
    }

    /// <summary>
    /// Inside a long write call (batch lock held): counts the points added so far (<paramref name="added"/>, reset to 0)
    /// and seals when the batch is full, so one big call does not make one oversized batch. Returns the current batch.
    /// </summary>
    internal LineProtocolBuffer SealIfFullLocked(ref int added)
    {
        if (_batch.Points < _options.BatchMaxPoints) return _batch;
        Interlocked.Add(ref _accepted, added);
        Interlocked.Add(ref _inMemory, added);
        added = 0;
        SealLocked();
        _batchStartedTicks = Environment.TickCount64;
        return _batch;
    }

    internal void CountRefused(int n, string sessionId)
    {
        Interlocked.Add(ref _accepted, n);
        Interlocked.Add(ref _dropped, n);
        Raise(new StorageException(StorageErrorCode.InvalidInput, $"session {sessionId} has ended: {n} point(s) written after its end were refused"));
    }

    private void SealLocked()
    {
        if (_batch.Points == 0) return;
        if (_sealed.Count >= MaxSealedBatches)
        {
            // The disk cannot keep up: refuse (count + report) rather than grow without bound.
            int n = _batch.Points;
            Interlocked.Add(ref _dropped, n);
            Interlocked.Add(ref _inMemory, -n);
            _batch.Clear();
            Raise(new StorageException(StorageErrorCode.OutboxFull, $"the outbox writer is {MaxSealedBatches} batches behind: {n} point(s) refused"));
            return;
        }
        _sealed.Enqueue(_batch);
        _batch = _pool.TryTake(out var b) ? b : new LineProtocolBuffer();
        _sealedCount++;
        _sealedSignal.Release();
    }

    /// <summary>Seals the current batch and waits until everything sealed so far is in the outbox file.</summary>
    internal async Task FlushToOutboxAsync(CancellationToken cancel)
    {
        long target;
        lock (_batchLock)
        {
            SealLocked();
            target = _sealedCount;
        }
        while (Interlocked.Read(ref _appendedCount) < target)
        {
            if (_appender.IsCompleted) throw new StorageException(StorageErrorCode.LocalStorage, "the store is closed");
            await Task.Delay(2, cancel).ConfigureAwait(false);
        }
    }

    internal void ThrowIfFatal()
    {
        if (_fatal is { } f) throw f;
    }

    public async Task<bool> DrainAsync(TimeSpan timeout, CancellationToken cancel = default)
    {
        var deadline = DateTime.UtcNow + timeout;
        await FlushToOutboxAsync(cancel).ConfigureAwait(false);
        _outboxSignal.Release();
        while (_outbox.PendingPoints > 0)
        {
            if (_fatal is not null || DateTime.UtcNow >= deadline) return false;
            await Task.Delay(10, cancel).ConfigureAwait(false);
        }
        return true;
    }

    // ---- background loops ---------------------------------------------------------------------------------

    private async Task TimerLoopAsync()
    {
        var tick = TimeSpan.FromMilliseconds(Math.Max(5, _options.SealInterval.TotalMilliseconds / 4));
        while (!_stop.IsCancellationRequested)
        {
            try { await Task.Delay(tick, _stop.Token).ConfigureAwait(false); }
            catch (OperationCanceledException) { break; }
            lock (_batchLock)
                if (_batch.Points > 0 && Environment.TickCount64 - _batchStartedTicks >= (long)_options.SealInterval.TotalMilliseconds)
                    SealLocked();
            try { _outbox.MaybeSync(); }
            catch (StorageException e) { Raise(e); }
        }
    }

    private async Task AppendLoopAsync()
    {
        while (true)
        {
            try { await _sealedSignal.WaitAsync(_stop.Token).ConfigureAwait(false); }
            catch (OperationCanceledException) { if (_sealed.IsEmpty) break; }
            while (_sealed.TryDequeue(out var batch))
            {
                int n = batch.Points;
                try
                {
                    _outbox.Append(batch.WrittenSpan, n);
                    Interlocked.Exchange(ref _outboxFullEpisode, 0);
                    _outbox.MaybeSync();
                    _outboxSignal.Release();
                }
                catch (StorageException e)
                {
                    Interlocked.Add(ref _dropped, n);
                    _lastError = e.Message;
                    // One report per episode of a full outbox, every refused point counted.
                    if (e.Code != StorageErrorCode.OutboxFull || Interlocked.Exchange(ref _outboxFullEpisode, 1) == 0) Raise(e);
                }
                Interlocked.Add(ref _inMemory, -n);
                batch.Clear();
                _pool.Add(batch);
                Interlocked.Increment(ref _appendedCount);
            }
        }
    }

    private async Task SendLoopAsync()
    {
        var token = _stopSender.Token;
        int attempt = 0;
        int window = Math.Max(1, _options.WritesInFlight);
        // Requests in flight, oldest first; each owns its read buffer until its answer is in (then the buffer is reused:
        // no large-object allocation per batch).
        var inFlight = new Queue<(OutboxRecord Record, Task<WriteOutcome> Send)>(window);
        var buffers = new Stack<byte[]>(window);
        try
        {
            while (!token.IsCancellationRequested)
            {
                try
                {
                    while (inFlight.Count < window)
                    {
                        buffers.TryPop(out byte[]? buffer);
                        if (!_outbox.TryReadNext(ref buffer, out var next))
                        {
                            if (buffer is not null) buffers.Push(buffer);
                            break;
                        }
                        inFlight.Enqueue((next, _client.WriteOnceAsync(next.Data, token)));
                    }
                    if (inFlight.Count == 0)
                    {
                        await _outboxSignal.WaitAsync(TimeSpan.FromSeconds(1), token).ConfigureAwait(false);
                        continue;
                    }
                }
                catch (OperationCanceledException) { break; }
                catch (StorageException e) when (inFlight.Count == 0) { Raise(e); await Pause(TimeSpan.FromSeconds(1), token).ConfigureAwait(false); continue; }
                catch (StorageException e) { Raise(e); /* the requests already out still get answered and acknowledged */ }

                // Answers are taken in outbox order, so the acknowledged records stay a contiguous prefix even when a
                // later request is answered first.
                var (record, send) = inFlight.Dequeue();
                WriteOutcome outcome;
                try { outcome = await send.ConfigureAwait(false); }
                catch (OperationCanceledException) { break; }
                finally { buffers.Push(record.Payload); }
                if (outcome.Ok)
                {
                    // Counted before the ack: once the outbox says nothing is pending, Stats already show it stored.
                    Interlocked.Add(ref _stored, record.Points);
                    _outbox.Ack(record);
                    attempt = 0;
                    _delivering = true;
                    continue;
                }
                // This record failed: the requests behind it are waited for and forgotten, and sending resumes at this
                // record. Whatever of theirs the server did store is written again with identical series and
                // timestamps, which InfluxDB overwrites in place: delivered once, never duplicated.
                var error = outcome.Error!;
                // Wrong credentials or missing database: retrying cannot help. Marked fatal before waiting for the
                // requests behind it, so DrainAsync/EndAsync stop waiting at once instead of after their timeouts.
                bool fatal = !outcome.Retryable && error.Code != StorageErrorCode.MalformedPoint;
                if (fatal)
                {
                    _delivering = false;
                    _fatal = error;
                }
                await ForgetAsync(inFlight, buffers).ConfigureAwait(false);
                _outbox.Rewind();
                if (fatal)
                {
                    // Said once; the points stay in the outbox and go out on the next start with a fixed configuration.
                    Raise(error);
                    break;
                }
                if (outcome.Retryable)
                {
                    _delivering = false; // before LastError: whoever sees the error also sees delivery stopped
                    _lastError = error.Message;
                    await Pause(_options.Retry.DelayFor(++attempt, outcome.RetryAfter, Random.Shared), token).ConfigureAwait(false);
                }
                else
                {
                    // Malformed: this batch alone is set aside (counted first, as with a stored one).
                    Interlocked.Add(ref _rejected, record.Points);
                    _outbox.Reject(record);
                    Raise(error);
                }
            }
        }
        finally { await ForgetAsync(inFlight, buffers).ConfigureAwait(false); }
    }

    // Waits for requests whose outcome no longer matters (their records are sent again, or stay in the outbox).
    private static async Task ForgetAsync(Queue<(OutboxRecord Record, Task<WriteOutcome> Send)> inFlight, Stack<byte[]> buffers)
    {
        while (inFlight.TryDequeue(out var f))
        {
            try { await f.Send.ConfigureAwait(false); }
            catch (OperationCanceledException) { /* stopping */ }
            buffers.Push(f.Record.Payload);
        }
    }

    private static async Task Pause(TimeSpan delay, CancellationToken token)
    {
        try { await Task.Delay(delay, token).ConfigureAwait(false); }
        catch (OperationCanceledException) { /* stopping */ }
    }

    private void Raise(StorageException e)
    {
        _lastError = e.Message;
        try { Faulted?.Invoke(e); }
        catch (Exception) { /* a subscriber's failure must not stop the write path */ }
    }

    /// <summary>Seals and appends what is buffered, gives the sender a short grace to deliver, then stops (the outbox keeps the rest).</summary>
    public async ValueTask DisposeAsync()
    {
        try { await DrainAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false); }
        catch (StorageException) { /* closing: what is not delivered stays in the outbox */ }
        _stop.Cancel();
        _sealedSignal.Release();
        await Task.WhenAll(_appender, _timer).ConfigureAwait(false);
        _stopSender.Cancel();
        try { await _sender.ConfigureAwait(false); } catch (OperationCanceledException) { }
        _outbox.Dispose();
        _client.Dispose();
    }
}
