namespace SpineSense.Protocol.Status;

/// <summary>What the sensor is doing with samples (status byte 3).</summary>
public enum StreamingState : byte
{
    /// <summary>Not sampling.</summary>
    Idle = 0,
    /// <summary>Sampling and notifying live packets (and logging them to flash for resend).</summary>
    Streaming = 1,
    /// <summary>Streaming live and resending buffered packets (ResendFrom in progress).</summary>
    Backfilling = 2,
    /// <summary>Sampling into flash only: the link dropped (or notifications were disabled) while streaming.</summary>
    Logging = 3,
}
