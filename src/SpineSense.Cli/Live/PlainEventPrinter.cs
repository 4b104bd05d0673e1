using SpineSense.Streaming.Live;

namespace SpineSense.Cli.Live;

/// <summary>
/// For a stdout that is not a terminal: one line per exercise, rep, hold, set and alert (no snapshots), so a session
/// can be scripted and logged. Completes <see cref="Done"/> with the final <see cref="SessionEnded"/>.
/// </summary>
internal sealed class PlainEventPrinter(TextWriter output, int stepCount) : IObserver<SessionEvent>
{
    private readonly TaskCompletionSource<SessionEnded?> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private string _lastLinkState = "connected";

    public Task<SessionEnded?> Done => _done.Task;

    public void OnNext(SessionEvent e)
    {
        if (_done.Task.IsFaulted) return;
        try { Print(e); }
        catch (CliException failed)
        {
            // Standard output failed (a full disk, StandardOutputWriter): thrown here it would stop the event pipeline
            // unreported and the session would never end. Done carries it; the host stops the session and reports it.
            _done.TrySetException(failed);
        }
    }

    private void Print(SessionEvent e)
    {
        switch (e)
        {
            case ExerciseStarted x: output.WriteLine(SessionText.Exercise(x, stepCount)); break;
            case RepCounted x: output.WriteLine(SessionText.Rep(x)); break;
            case HoldCompleted x: output.WriteLine(SessionText.Hold(x)); break;
            case AlertRaised x: output.WriteLine(SessionText.Alert(x)); break;
            case SetCompleted x: output.WriteLine(SessionText.Set(x)); break;
            case LinkHealthChanged x when x.Health.State != _lastLinkState:
                _lastLinkState = x.Health.State;
                output.WriteLine(SessionText.Link(x));
                break;
            case SessionEnded x: _done.TrySetResult(x); break;
        }
    }

    public void OnError(Exception error) => _done.TrySetException(error);

    public void OnCompleted()
    {
        try { output.Flush(); }
        catch (CliException failed) { _done.TrySetException(failed); }
        _done.TrySetResult(null);
    }
}
