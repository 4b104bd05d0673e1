using System.Reactive.Concurrency;
using System.Reactive.Disposables;
using System.Reactive.Linq;

namespace SpineSense.Streaming.Pipeline;

public static class DecoupledExtensions
{
    /// <summary>
    /// Emits the source's items in order on <paramref name="scheduler"/>, through a queue of at most
    /// <paramref name="capacity"/> items, so a slow observer never blocks the producer (the radio side). When the queue
    /// is full the item chosen by <paramref name="policy"/> is dropped and counted in <paramref name="dropped"/>.
    /// Completion and errors are delivered after the queued items.
    /// </summary>
    public static IObservable<T> Decoupled<T>(this IObservable<T> source, int capacity, OverflowPolicy policy,
        IScheduler scheduler, DropCounter dropped)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentNullException.ThrowIfNull(scheduler);
        ArgumentNullException.ThrowIfNull(dropped);
        return Observable.Create<T>(observer =>
        {
            var sink = new DecoupledSink<T>(observer, capacity, policy, scheduler, dropped);
            var upstream = source.Subscribe(sink.OnNext, sink.OnError, sink.OnCompleted);
            return new CompositeDisposable(upstream, sink);
        });
    }

    private sealed class DecoupledSink<T>(IObserver<T> downstream, int capacity, OverflowPolicy policy,
        IScheduler scheduler, DropCounter dropped) : IDisposable
    {
        private readonly Queue<T> _queue = new(Math.Min(capacity, 1024));
        private readonly object _gate = new();
        private bool _draining, _done, _disposed;
        private Exception? _error;
        private IDisposable? _scheduled;

        public void OnNext(T item)
        {
            lock (_gate)
            {
                if (_done || _disposed) return;
                if (_queue.Count >= capacity)
                {
                    dropped.Add();
                    if (policy == OverflowPolicy.DropNewest) return;
                    _queue.Dequeue();
                }
                _queue.Enqueue(item);
                ScheduleDrainLocked();
            }
        }

        public void OnError(Exception error)
        {
            lock (_gate)
            {
                if (_done) return;
                _done = true;
                _error = error;
                ScheduleDrainLocked();
            }
        }

        public void OnCompleted()
        {
            lock (_gate)
            {
                if (_done) return;
                _done = true;
                ScheduleDrainLocked();
            }
        }

        private void ScheduleDrainLocked()
        {
            if (_draining || _disposed) return;
            _draining = true;
            _scheduled = scheduler.Schedule(Drain);
        }

        // Drains everything queued, then finishes if the source has. Runs on the scheduler, one drain at a time;
        // the lock is never held while the observer runs, so a slow observer only delays this loop.
        private void Drain()
        {
            while (true)
            {
                T item = default!;
                bool finish = false;
                lock (_gate)
                {
                    if (_disposed) return;
                    if (_queue.Count > 0) item = _queue.Dequeue();
                    else if (_done) { _disposed = true; finish = true; }
                    else { _draining = false; return; }
                }
                if (finish)
                {
                    if (_error is not null) downstream.OnError(_error);
                    else downstream.OnCompleted();
                    return;
                }
                downstream.OnNext(item);
            }
        }

        public void Dispose()
        {
            lock (_gate)
            {
                _disposed = true;
                _queue.Clear();
                _scheduled?.Dispose();
            }
        }
    }
}
