using SpineSense.Server.Data;
using SpineSense.Server.Live;
using SpineSense.Storage;

namespace SpineSense.Server.Tests.Support;

/// <summary>
/// Runs the virtual athlete through the real live pipeline into a store, as `spinesense demo` does, and returns
/// the stored session's id: the "stored simulated session" the dashboards are checked against.
/// </summary>
public static class SimulatedSessions
{
    public static PlanLibrary SquatPlan(string dir, int reps = 8)
    {
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "squats.json"), $$"""
            { "name": "squats", "title": "One set of goblet squats",
              "steps": [ { "part": "main", "exercise": "goblet-squat", "sets": 1, "reps": {{reps}} } ] }
            """);
        return new PlanLibrary(dir);
    }

    public static async Task<string> RunAsync(ISessionStore store, PlanLibrary plans, string athlete, string plan, double speed = 50, int seed = 3)
    {
        var session = await new StreamingLiveSource(store, plans).CreateSimulatedAsync(athlete, plan, speed, seed, default);
        var ended = new TaskCompletionSource<SessionEnded>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var _ = session.Events.Subscribe(new Until(ended));
        session.Start();
        var end = await ended.Task.WaitAsync(TimeSpan.FromMinutes(2));
        await session.DisposeAsync();
        if (!await store.DrainAsync(TimeSpan.FromSeconds(30))) throw new InvalidOperationException("store did not drain");
        return end.StoredSessionId ?? throw new InvalidOperationException("simulated session was not stored: " + end.Reason);
    }

    private sealed class Until(TaskCompletionSource<SessionEnded> ended) : IObserver<LiveEvent>
    {
        public void OnNext(LiveEvent value) { if (value is SessionEnded e) ended.TrySetResult(e); }
        public void OnError(Exception error) => ended.TrySetException(error);
        public void OnCompleted() => ended.TrySetException(new InvalidOperationException("events ended without SessionEnded"));
    }
}
