namespace SpineSense.Streaming.Link;

/// <summary>Where a supervised link is, for health reports and the live display.</summary>
public enum LinkStatus
{
    Connecting,
    Connected,
    /// <summary>Lost; reconnect attempts with backoff are under way.</summary>
    Reconnecting,
    /// <summary>The sensor's stream ended (simulated or replayed session over) or the session was stopped.</summary>
    Closed,
    /// <summary>Reconnecting gave up, or the link failed for good.</summary>
    Failed,
}
