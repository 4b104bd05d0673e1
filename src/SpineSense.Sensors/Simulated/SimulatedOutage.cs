namespace SpineSense.Sensors.Simulated;

/// <summary>
/// A radio dropout of the simulated sensor: from <paramref name="AtS"/> (seconds of sensor time since streaming
/// started) for <paramref name="DurationS"/> seconds the link is lost and reconnects fail; the sensor keeps sampling
/// into its flash buffer, so "resend from sequence" can backfill the gap afterwards.
/// </summary>
public readonly record struct SimulatedOutage(double AtS, double DurationS)
{
    public double EndS => AtS + DurationS;
}
