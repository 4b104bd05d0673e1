namespace SpineSense.Streaming.Link;

/// <summary>
/// Reconnect with exponential backoff after a link loss: the first attempt after <see cref="InitialDelay"/>, each
/// further one <see cref="Multiplier"/> times later, capped at <see cref="MaxDelay"/>; the session fails after
/// <see cref="GiveUpAfter"/> without a connection.
/// </summary>
public sealed record ReconnectPolicy(TimeSpan InitialDelay, TimeSpan MaxDelay, double Multiplier, TimeSpan GiveUpAfter)
{
    /// <summary>0.25 s, ×2, at most 8 s apart, give up after 10 minutes.</summary>
    public static ReconnectPolicy Default { get; } =
        new(TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(8), 2, TimeSpan.FromMinutes(10));

    /// <summary>Delay before attempt <paramref name="attempt"/> (1-based).</summary>
    public TimeSpan DelayBefore(int attempt)
    {
        double ticks = InitialDelay.Ticks * Math.Pow(Multiplier, Math.Max(0, attempt - 1));
        return ticks >= MaxDelay.Ticks ? MaxDelay : TimeSpan.FromTicks((long)ticks);
    }

    public ReconnectPolicy Validate()
    {
        if (InitialDelay <= TimeSpan.Zero || MaxDelay < InitialDelay || Multiplier < 1 || GiveUpAfter <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(ReconnectPolicy), this, "needs 0 < InitialDelay ≤ MaxDelay, Multiplier ≥ 1, GiveUpAfter > 0");
        return this;
    }
}
