using SpineSense.Motion.Results;
using SpineSense.Streaming.Live;
using SpineSense.Streaming.Runner;

namespace SpineSense.Cli.Live;

/// <summary>What the live terminal display shows, folded from session events (observer on any thread; read under lock).</summary>
internal sealed class LiveViewState : IObserver<SessionEvent>
{
    private readonly object _gate = new();
    private readonly TaskCompletionSource<SessionEnded?> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Queue<string> _log = new();
    private readonly Queue<RepResult> _lastReps = new();

    public Task<SessionEnded?> Done => _done.Task;

    public RunnerState? Runner { get; private set; }
    public SpineAngles Angles { get; private set; }
    public double TimeS { get; private set; }
    public LiveLinkHealth? Health { get; private set; }
    public int Alerts { get; private set; }
    public int StepCount { get; init; }

    public T Read<T>(Func<LiveViewState, T> read)
    {
        lock (_gate) return read(this);
    }

    public IReadOnlyList<string> Log => _log.ToArray();
    public IReadOnlyList<RepResult> LastReps => _lastReps.ToArray();

    public void OnNext(SessionEvent e)
    {
        lock (_gate)
        {
            TimeS = Math.Max(TimeS, e.TimeS);
            switch (e)
            {
                case AnglesSnapshot a: Angles = a.Angles; break;
                case RunnerStateChanged r: Runner = r.State; break;
                case LinkHealthChanged h: Health = h.Health; break;
                case RepCounted r:
                    _lastReps.Enqueue(r.Rep);
                    while (_lastReps.Count > 8) _lastReps.Dequeue();
                    break;
                case AlertRaised a:
                    Alerts++;
                    AddLog("[red]" + Escape(SessionText.Alert(a)) + "[/]");
                    break;
                case SetCompleted s: AddLog("[green]" + Escape(SessionText.Set(s)) + "[/]"); break;
                case HoldCompleted h: AddLog(Escape(SessionText.Hold(h))); break;
                case ExerciseStarted x: AddLog("[bold]" + Escape(SessionText.Exercise(x, StepCount)) + "[/]"); break;
                case SessionEnded x: _done.TrySetResult(x); break;
            }
        }
    }

    public void OnError(Exception error) => _done.TrySetException(error);

    public void OnCompleted() => _done.TrySetResult(null);

    private void AddLog(string line)
    {
        _log.Enqueue(line);
        while (_log.Count > 8) _log.Dequeue();
    }

    private static string Escape(string s) => Spectre.Console.Markup.Escape(s);
}
