namespace SpineSense.Sensors.Replay;

/// <summary>
/// How a packet log is played back.
/// </summary>
/// <param name="Speed">1 = original pace, 10 = ten times faster, <see cref="double.PositiveInfinity"/> = as fast as the
/// reader takes them. Must be &gt; 0.</param>
/// <param name="CommandResponder">A log has no sensor behind it, so <see cref="ISensorLink.SendCommandAsync"/> answers
/// with this function's bytes. When null, <see cref="ReplayCommandResponder"/> answers as an already-streaming sensor
/// would (Start/Stop succeed, the rest is NotSupported).</param>
/// <param name="Link">Shared link settings (queue capacity, clock).</param>
public sealed record ReplayOptions(
    double Speed = 1.0,
    Func<ReadOnlyMemory<byte>, byte[]>? CommandResponder = null,
    SensorLinkOptions? Link = null)
{
    public ReplayOptions Validate()
    {
        if (!(Speed > 0)) throw new ArgumentOutOfRangeException(nameof(Speed), Speed, "must be > 0 (PositiveInfinity = no pacing)");
        (Link ?? SensorLinkOptions.Default).Validate();
        return this;
    }
}
