namespace SpineSense.Storage.Influx;

/// <summary>
/// Exponential backoff with full jitter for retryable answers (connection failures, timeouts, 429, 5xx).
/// A server's <c>Retry-After</c> wins over the computed delay (capped at <see cref="MaxDelay"/>).
/// </summary>
public sealed record RetryPolicy
{
    public TimeSpan FirstDelay { get; init; } = TimeSpan.FromMilliseconds(200);
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(30);
    public double Multiplier { get; init; } = 2.0;

    /// <summary>
    /// Delay before retry number <paramref name="attempt"/> (1 = first retry): uniform in
    /// [d/2, d] with d = min(MaxDelay, FirstDelay·Multiplier^(attempt−1)) — half jitter, so a fleet of
    /// SpineSense instances coming back after an outage does not retry in lock step, yet never retries at once.
    /// </summary>
    public TimeSpan DelayFor(int attempt, TimeSpan? retryAfter, Random random)
    {
        if (retryAfter is { } ra && ra > TimeSpan.Zero) return ra < MaxDelay ? ra : MaxDelay;
        double d = FirstDelay.TotalMilliseconds * Math.Pow(Multiplier, Math.Max(0, attempt - 1));
        d = Math.Min(d, MaxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(d * (0.5 + 0.5 * random.NextDouble()));
    }
}

/// <summary>Timestamp precision of written points (line protocol and the <c>precision=</c> parameter).</summary>
public enum TimestampPrecision
{
    Microseconds,
    Nanoseconds,
}
