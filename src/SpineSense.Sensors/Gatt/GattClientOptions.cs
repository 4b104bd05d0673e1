namespace SpineSense.Sensors.Gatt;

/// <summary>
/// GATT client settings.
/// </summary>
/// <param name="RequestTimeout">How long a request may wait for its response. ATT (Vol 3 Part F 3.3.3) fixes 30 s and
/// says a timed-out bearer must not be used again, so a timeout closes the connection.</param>
/// <param name="Time">Clock for timeouts; tests pass a fake.</param>
public sealed record GattClientOptions(TimeSpan? RequestTimeout = null, TimeProvider? Time = null)
{
    public static readonly TimeSpan AttTransactionTimeout = TimeSpan.FromSeconds(30);

    public TimeSpan EffectiveRequestTimeout => RequestTimeout ?? AttTransactionTimeout;

    public TimeProvider EffectiveTime => Time ?? TimeProvider.System;
}
