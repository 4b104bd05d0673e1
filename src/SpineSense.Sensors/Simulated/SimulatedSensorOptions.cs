using SpineSense.Protocol.Packets;

namespace SpineSense.Sensors.Simulated;

/// <summary>
/// How the simulated sensor behaves on the air. Percentages are per packet, 0..100. Validated by <see cref="Validate"/>.
/// </summary>
/// <param name="SpeedFactor">Sensor time per host time: 1 = real time, 10 = ten times faster. Timestamps the link
/// reports (sensor clock, <see cref="SensorNotification.HostArrivalUs"/>) are always in simulated-world time, so the
/// pipeline sees a real-time session whatever the speed.</param>
/// <param name="LossPct">Packets lost on the air (still kept in flash, so backfill can recover them).</param>
/// <param name="DuplicatePct">Packets delivered twice (a link-layer retransmission after a lost ack).</param>
/// <param name="ReorderPct">Packets delivered after their successor.</param>
/// <param name="Outages">Planned dropouts, in sensor time.</param>
/// <param name="RandomOutagesPerHour">Extra dropouts at random times (seeded), each <see cref="RandomOutageS"/> long.</param>
/// <param name="SamplesPerPacket">1..19 (19 fills a 244-byte notification at ATT MTU 247).</param>
/// <param name="FlashCapacityPackets">Packets the sensor keeps for "resend from sequence"; older ones are overwritten.</param>
/// <param name="BackfillPacketsPerTick">How many buffered packets the sensor resends per tick (radio throughput).</param>
/// <param name="FirstSequence">Sequence of the first packet (tests start near 65535 to cross the wrap).</param>
/// <param name="FirstSensorTimeUs">Sensor clock at the first sample (tests start near 2^32 to cross the wrap).</param>
/// <param name="ClockDriftPpm">Sensor crystal error: the sensor clock runs this many ppm fast (negative: slow).</param>
/// <param name="LinkLatencyMs">Air + stack latency added to host arrival times (a 7.5–30 ms connection interval).</param>
/// <param name="Tick">Host interval at which the sensor's clock is checked and due packets sent.</param>
/// <param name="EndGraceS">After the last sample the sensor stays connected this long (sensor time) so a final
/// backfill can complete, then the notification stream completes.</param>
public sealed record SimulatedSensorOptions(
    double SpeedFactor = 1,
    double LossPct = 0,
    double DuplicatePct = 0,
    double ReorderPct = 0,
    IReadOnlyList<SimulatedOutage>? Outages = null,
    double RandomOutagesPerHour = 0,
    double RandomOutageS = 4,
    int SamplesPerPacket = ImuPacketLayout.MaxSamples,
    int FlashCapacityPackets = 32768,
    int BackfillPacketsPerTick = 64,
    ushort FirstSequence = 0,
    uint FirstSensorTimeUs = 0,
    double ClockDriftPpm = 0,
    double LinkLatencyMs = 10,
    TimeSpan? Tick = null,
    double EndGraceS = 3,
    AccelRange AccelRange = AccelRange.G8,
    GyroRange GyroRange = GyroRange.Dps1000,
    int Seed = 1)
{
    public TimeSpan EffectiveTick => Tick ?? TimeSpan.FromMilliseconds(10);

    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range.</exception>
    public SimulatedSensorOptions Validate()
    {
        if (!(SpeedFactor > 0) || double.IsInfinity(SpeedFactor))
            throw new ArgumentOutOfRangeException(nameof(SpeedFactor), SpeedFactor, "must be positive and finite");
        CheckPct(LossPct, nameof(LossPct));
        CheckPct(DuplicatePct, nameof(DuplicatePct));
        CheckPct(ReorderPct, nameof(ReorderPct));
        ArgumentOutOfRangeException.ThrowIfNegative(RandomOutagesPerHour);
        ArgumentOutOfRangeException.ThrowIfNegative(RandomOutageS);
        ArgumentOutOfRangeException.ThrowIfLessThan(SamplesPerPacket, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(SamplesPerPacket, ImuPacketLayout.MaxSamples);
        ArgumentOutOfRangeException.ThrowIfLessThan(FlashCapacityPackets, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(BackfillPacketsPerTick, 1);
        if (Math.Abs(ClockDriftPpm) > 1000) throw new ArgumentOutOfRangeException(nameof(ClockDriftPpm), ClockDriftPpm, "|drift| must be ≤ 1000 ppm");
        ArgumentOutOfRangeException.ThrowIfNegative(LinkLatencyMs);
        if (EffectiveTick <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(Tick), Tick, "must be positive");
        ArgumentOutOfRangeException.ThrowIfNegative(EndGraceS);
        foreach (var o in Outages ?? [])
            if (o.AtS < 0 || !(o.DurationS > 0)) throw new ArgumentOutOfRangeException(nameof(Outages), o, "outage needs AtS ≥ 0 and DurationS > 0");
        return this;
    }

    private static void CheckPct(double pct, string name)
    {
        if (!(pct >= 0 && pct <= 100)) throw new ArgumentOutOfRangeException(name, pct, "must be 0..100 %");
    }
}
