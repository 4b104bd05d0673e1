namespace SpineSense.Storage.Model;

internal static class SessionFactory
{
    /// <summary>Validates a session start and fills in the id; start times are kept to the microsecond.</summary>
    public static SessionInfo Info(SessionStart start)
    {
        StoreNames.CheckAthlete(start.Athlete);
        StoreNames.CheckPlan(start.Plan);
        if (start.Exercise is not null) StoreNames.CheckExercise(start.Exercise);
        string id = start.SessionId is null ? StoreNames.NewSessionId(start.StartUtc) : StoreNames.CheckSessionId(start.SessionId);
        long us = (start.StartUtc.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;
        var startUtc = DateTimeOffset.UnixEpoch.AddTicks(us * 10);
        return new SessionInfo(id, start.Athlete, start.Plan, start.Exercise, startUtc, null);
    }
}
