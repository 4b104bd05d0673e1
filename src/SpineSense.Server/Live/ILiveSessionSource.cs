namespace SpineSense.Server.Live;

/// <summary>A running session the dashboard can watch: its athlete and a stream of events.</summary>
public interface ILiveSession : IAsyncDisposable
{
    string AthleteId { get; }
    string Plan { get; }
    /// <summary>Events in order; completes when the session ends. Observed on any thread.</summary>
    IObservable<LiveEvent> Events { get; }
    /// <summary>Begins producing events (after the dashboard has subscribed, so nothing is missed).</summary>
    void Start();
    /// <summary>Asks the session to finish early; the events then complete.</summary>
    void Stop();
}

/// <summary>Starts live sessions for the dashboard, e.g. a simulated athlete on the sim sensor link.</summary>
public interface ILiveSessionSource
{
    /// <summary>
    /// Prepares a simulated athlete doing <paramref name="plan"/> at <paramref name="speed"/>× real time, with the
    /// athlete's stored limits; it starts producing when <see cref="ILiveSession.Start"/> is called.
    /// </summary>
    Task<ILiveSession> CreateSimulatedAsync(string athleteId, string plan, double speed, int seed, CancellationToken cancel);
}
