namespace SpineSense.Streaming.Pipeline;

/// <summary>
/// The order stage's way back to the sensor: "resend from sequence N", plus what it needs to know to use it well.
/// Implemented by <see cref="Link.LinkSupervisor"/>; thread-safe.
/// </summary>
public interface IResendChannel
{
    /// <summary>Asks the sensor to resend from this extended sequence (fire and forget).</summary>
    void RequestResend(long extendedSequence);

    /// <summary>Changes on every (re)connection: a request made while the link was down went nowhere.</summary>
    int ConnectionEpoch { get; }

    /// <summary>Wire sequence of the first live packet (the StartStreaming answer), null before it.</summary>
    ushort? FirstLiveSequence { get; }

    /// <summary>False once the sensor answered that it cannot resend (a replayed log): holes are given up at once.</summary>
    bool CanResend { get; }
}
