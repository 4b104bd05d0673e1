using System.Reactive.Concurrency;

namespace SpineSense.Streaming.Tests.Support;

/// <summary>What an observer saw, stamped with the virtual clock (Microsoft.Reactive.Testing is not available).</summary>
public enum NotificationKind { Next, Error, Completed }

public readonly record struct Recorded<T>(long Ticks, NotificationKind Kind, T? Value, Exception? Error);

/// <summary>
/// An observer that records every notification with the scheduler's virtual time, plus the subscription lifetime
/// (subscribe and dispose ticks) of the observable it is attached to, so tests can assert both.
/// </summary>
public sealed class RecordingObserver<T>(IScheduler clock) : IObserver<T>
{
    private readonly List<Recorded<T>> _messages = [];

    public IReadOnlyList<Recorded<T>> Messages => _messages;

    public IEnumerable<T> Values => _messages.Where(m => m.Kind == NotificationKind.Next).Select(m => m.Value!);

    public bool Completed => _messages.Any(m => m.Kind == NotificationKind.Completed);

    public Exception? Error => _messages.FirstOrDefault(m => m.Kind == NotificationKind.Error).Error;

    public void OnNext(T value) => _messages.Add(new(clock.Now.UtcTicks, NotificationKind.Next, value, null));

    public void OnError(Exception error) => _messages.Add(new(clock.Now.UtcTicks, NotificationKind.Error, default, error));

    public void OnCompleted() => _messages.Add(new(clock.Now.UtcTicks, NotificationKind.Completed, default, null));
}

/// <summary>
/// A cold or hot source under test control that records when it was subscribed and unsubscribed (virtual ticks).
/// </summary>
public sealed class TrackedSubject<T>(IScheduler clock) : IObservable<T>
{
    private readonly List<IObserver<T>> _observers = [];

    public List<(long SubscribedTicks, long? DisposedTicks)> Subscriptions { get; } = [];

    public IDisposable Subscribe(IObserver<T> observer)
    {
        _observers.Add(observer);
        int index = Subscriptions.Count;
        Subscriptions.Add((clock.Now.UtcTicks, null));
        return new Unsubscriber(() =>
        {
            _observers.Remove(observer);
            Subscriptions[index] = (Subscriptions[index].SubscribedTicks, clock.Now.UtcTicks);
        });
    }

    public void OnNext(T value) { foreach (var o in _observers.ToArray()) o.OnNext(value); }
    public void OnError(Exception e) { foreach (var o in _observers.ToArray()) o.OnError(e); }
    public void OnCompleted() { foreach (var o in _observers.ToArray()) o.OnCompleted(); }

    private sealed class Unsubscriber(Action dispose) : IDisposable
    {
        private Action? _dispose = dispose;
        public void Dispose() => Interlocked.Exchange(ref _dispose, null)?.Invoke();
    }
}
