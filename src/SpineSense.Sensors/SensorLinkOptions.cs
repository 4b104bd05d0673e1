namespace SpineSense.Sensors;

/// <summary>
/// Settings every link shares. Validated by <see cref="Validate"/> when a link is built.
/// </summary>
/// <param name="NotificationCapacity">How many payloads <see cref="ISensorLink.Notifications"/> holds before new ones
/// are dropped and counted. 4096 IMU packets are ~20 s of data at 200 packets/s.</param>
/// <param name="CommandTimeout">How long <see cref="ISensorLink.SendCommandAsync"/> waits for the result indication.</param>
/// <param name="Time">Clock for host arrival times and timeouts; tests pass a fake.</param>
public sealed record SensorLinkOptions(
    int NotificationCapacity = 4096,
    TimeSpan? CommandTimeout = null,
    TimeProvider? Time = null)
{
    public static SensorLinkOptions Default { get; } = new();

    public TimeSpan EffectiveCommandTimeout => CommandTimeout ?? TimeSpan.FromSeconds(5);

    public TimeProvider EffectiveTime => Time ?? TimeProvider.System;

    /// <summary>Host time now in Unix epoch µs, the unit of <see cref="SensorNotification.HostArrivalUs"/>.</summary>
    public long NowUs() => HostClock.NowUs(EffectiveTime);

    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range.</exception>
    public SensorLinkOptions Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(NotificationCapacity, 1, nameof(NotificationCapacity));
        if (EffectiveCommandTimeout <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(CommandTimeout), CommandTimeout, "must be positive");
        return this;
    }
}
