namespace SpineSense.Sensors;

/// <summary>Host time in the unit links stamp payloads with: microseconds since the Unix epoch.</summary>
public static class HostClock
{
    public static long NowUs(TimeProvider time) =>
        (time.GetUtcNow().UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / TimeSpan.TicksPerMicrosecond;
}
