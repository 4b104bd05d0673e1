using Microsoft.Extensions.Time.Testing;
using SpineSense.Motion.Samples;
using SpineSense.Protocol.Control;
using SpineSense.Protocol.Packets;
using SpineSense.Sensors.Simulated;
using ProtocolResponse = SpineSense.Protocol.Control.ControlResponse;

namespace SpineSense.Sensors.Tests.Simulated;

public sealed class SimulatedSensorLinkTests
{
    private const double RateHz = 200;

    /// <summary>Standing still with a slow, known gyro ramp, so every sample is identifiable by its value.</summary>
    internal static ImuSample[] Samples(double seconds)
    {
        int n = (int)(seconds * RateHz);
        var s = new ImuSample[n];
        for (int i = 0; i < n; i++) s[i] = new ImuSample(i / RateHz, 0.01, 0.99, -0.02, i % 500 * 0.5, -1, 2);
        return s;
    }

    private static (SimulatedSensorLink Link, FakeTimeProvider Time) NewLink(double seconds, SimulatedSensorOptions options)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));
        var link = new SimulatedSensorLink(Samples(seconds), options, new SensorLinkOptions(Time: time));
        return (link, time);
    }

    private static async Task<ProtocolResponse> Command(ISensorLink link, ControlCommand command)
    {
        var pdu = new byte[ControlPointCodec.MaxCommandSize];
        ControlPointCodec.TryEncodeCommand(command, pdu, out int n);
        var answer = await link.SendCommandAsync(pdu.AsMemory(0, n), CancellationToken.None);
        Assert.True(ControlPointCodec.TryDecodeResponse(answer.Payload.Span, out var response, out _));
        return response;
    }

    private static async Task ConnectAndStart(SimulatedSensorLink link, FakeTimeProvider time)
    {
        var connect = link.ConnectAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromMilliseconds(50));
        await connect;
        var r = await Command(link, ControlCommand.StartStreaming(OutputDataRate.Hz200, AccelRange.G8, GyroRange.Dps1000));
        Assert.Equal(ControlResult.Success, r.Result);
    }

    private static List<ImuPacket> Drain(ISensorLink link, List<SensorNotification>? raw = null)
    {
        var packets = new List<ImuPacket>();
        while (link.Notifications.TryRead(out var n))
        {
            if (n.Characteristic != SensorCharacteristic.ImuData) continue;
            raw?.Add(n);
            Assert.True(ImuPacketCodec.TryDecode(n.Payload.Span, out var p, out var error), error.ToString());
            packets.Add(p);
        }
        return packets;
    }

    private static void Run(FakeTimeProvider time, double seconds)
    {
        for (int i = 0; i < seconds * 100; i++) time.Advance(TimeSpan.FromMilliseconds(10));
    }

    [Fact]
    public async Task Sends_nothing_until_streaming_starts_then_full_packets_at_the_sample_pace()
    {
        var (link, time) = NewLink(10, new SimulatedSensorOptions());
        var connect = link.ConnectAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromMilliseconds(50));
        await connect;
        Run(time, 1);
        Assert.Empty(Drain(link));
        await Command(link, ControlCommand.StartStreaming(OutputDataRate.Hz200, AccelRange.G8, GyroRange.Dps1000));
        Run(time, 1);
        var packets = Drain(link);
        // 1 s at 200 Hz = 200 samples; a packet is sent when its 19th sample exists: 10 packets (190 samples).
        Assert.Equal(10, packets.Count);
        Assert.All(packets, p => Assert.Equal(19, p.SampleCount));
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (ushort)i), packets.Select(p => p.Sequence));
        Assert.Equal(95_000u, packets[1].FirstSampleTimeUs); // 19 samples × 5 ms
    }

    [Fact]
    public async Task Speed_factor_compresses_host_time_but_not_the_reported_times()
    {
        var (link, time) = NewLink(10, new SimulatedSensorOptions(SpeedFactor: 10));
        await ConnectAndStart(link, time);
        var raw = new List<SensorNotification>();
        Run(time, 0.5);
        var packets = Drain(link, raw);
        Assert.Equal(52, packets.Count); // 5 s of samples in 0.5 s: 1000 samples / 19
        double spanS = (raw[^1].HostArrivalUs - raw[0].HostArrivalUs) / 1e6;
        Assert.InRange(spanS, 4.84 - 0.02, 4.84 + 0.02); // 51 packets × 95 ms of simulated-world time
    }

    [Fact]
    public async Task Samples_survive_encoding_within_one_count()
    {
        var (link, time) = NewLink(2, new SimulatedSensorOptions());
        await ConnectAndStart(link, time);
        Run(time, 1);
        var packet = Drain(link)[3];
        var expected = Samples(2)[3 * 19 + 5];
        var got = packet.GetScaledSample(5);
        Assert.Equal(expected.AccYG, got.AccYG, 8.0 / 32768);
        Assert.Equal(expected.GyrXDps, got.GyrXDps, 1000.0 / 32768);
        Assert.Equal(expected.GyrZDps, got.GyrZDps, 1000.0 / 32768);
    }

    [Fact]
    public async Task Sequence_and_sensor_clock_wrap_like_the_firmware()
    {
        var options = new SimulatedSensorOptions(FirstSequence: 65534, FirstSensorTimeUs: uint.MaxValue - 100_000);
        var (link, time) = NewLink(2, options);
        await ConnectAndStart(link, time);
        Run(time, 1);
        var packets = Drain(link);
        Assert.Equal<ushort>([65534, 65535, 0, 1], packets.Take(4).Select(p => p.Sequence));
        Assert.Equal(uint.MaxValue - 100_000 + 95_000, packets[1].FirstSampleTimeUs);
        Assert.Equal(90_000u - 1, packets[2].FirstSampleTimeUs); // 190 ms after start, past the 2^32 wrap
    }

    [Fact]
    public async Task Lost_packets_stay_in_flash_and_come_back_flagged_as_backfill()
    {
        var (link, time) = NewLink(20, new SimulatedSensorOptions(LossPct: 30, Seed: 5));
        await ConnectAndStart(link, time);
        Run(time, 10);
        var live = Drain(link);
        Assert.True(link.PacketsLostOnAir > 10, $"lost {link.PacketsLostOnAir}");
        var seen = live.Select(p => (int)p.Sequence).ToHashSet();
        Assert.Equal(105, live.Count + link.PacketsLostOnAir);
        var r = await Command(link, ControlCommand.ResendFrom(0));
        Assert.Equal((ControlResult.Success, (ushort)0, (ushort)105), (r.Result, r.Sequence, r.PacketCount));
        Run(time, 0.1);
        var backfill = Drain(link).Where(p => p.IsBackfill).ToList();
        Assert.Equal(Enumerable.Range(0, 105), backfill.Select(p => (int)p.Sequence));
        var original = live.First(p => p.Sequence == 7);
        var resent = backfill.First(p => p.Sequence == 7);
        Assert.True(original.Samples.SequenceEqual(resent.Samples));
        Assert.Contains(seen, s => s == 7);
    }

    [Fact]
    public async Task Duplicates_and_reordering_happen_at_the_configured_rates()
    {
        var (link, time) = NewLink(120, new SimulatedSensorOptions(DuplicatePct: 10, ReorderPct: 10, Seed: 9));
        await ConnectAndStart(link, time);
        Run(time, 100);
        var packets = Drain(link);
        int sent = 1052; // 100 s × 200 Hz / 19
        Assert.InRange(link.PacketsDuplicated, sent * 0.06, sent * 0.14);
        Assert.InRange(link.PacketsReordered, sent * 0.06, sent * 0.14);
        Assert.Equal(sent + link.PacketsDuplicated, packets.Count);
        int outOfOrder = packets.Zip(packets.Skip(1)).Count(p => (ushort)(p.Second.Sequence - p.First.Sequence) > 30000);
        Assert.Equal(link.PacketsReordered, outOfOrder);
    }

    [Fact]
    public async Task A_dropout_raises_link_lost_refuses_reconnects_until_it_ends_then_backfills()
    {
        var options = new SimulatedSensorOptions(Outages: [new SimulatedOutage(AtS: 3, DurationS: 2)]);
        var (link, time) = NewLink(20, options);
        SensorLinkLostEventArgs? lost = null;
        link.LinkLost += (_, e) => lost = e;
        await ConnectAndStart(link, time);
        Run(time, 3.5);
        Assert.NotNull(lost);
        Assert.Equal(SensorLinkState.Lost, link.State);
        Assert.Equal(SensorLinkError.Disconnected, lost!.Reason.Error);
        var before = Drain(link);
        ushort nextNeeded = (ushort)(before[^1].Sequence + 1);
        var attempt = link.ConnectAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromMilliseconds(50));
        var e = await Assert.ThrowsAsync<SensorLinkException>(() => attempt);
        Assert.Equal(SensorLinkError.ConnectFailed, e.Error);
        Run(time, 2);
        var reconnect = link.ConnectAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromMilliseconds(50));
        await reconnect;
        var r = await Command(link, ControlCommand.ResendFrom(nextNeeded));
        Assert.Equal(ControlResult.Success, r.Result);
        Run(time, 1);
        var after = Drain(link);
        var all = before.Concat(after).Select(p => (int)p.Sequence).Distinct().Order().ToList();
        Assert.Equal(Enumerable.Range(0, all.Count), all); // nothing missing once the backfill is in
        Assert.Equal(r.PacketCount, after.Count(p => p.IsBackfill));
    }

    [Fact]
    public async Task Notifications_complete_once_the_host_has_read_everything_and_the_grace_period_passed()
    {
        var (link, time) = NewLink(2, new SimulatedSensorOptions(EndGraceS: 1));
        await ConnectAndStart(link, time);
        Run(time, 10);
        Assert.False(link.Notifications.Completion.IsCompleted); // unread packets: the host may still ask for resends
        var packets = Drain(link);
        Run(time, 0.9);
        Assert.False(link.Notifications.Completion.IsCompleted);
        Run(time, 0.2);
        Assert.True(link.Notifications.Completion.IsCompleted);
        Assert.Equal(400, packets.Sum(p => p.SampleCount)); // the last packet is a short one
        Assert.Equal(400 % 19, packets[^1].SampleCount);
    }

    [Fact]
    public async Task A_fast_simulation_waits_for_a_slow_reader_instead_of_overrunning_it()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));
        var link = new SimulatedSensorLink(Samples(600), new SimulatedSensorOptions(SpeedFactor: 1000),
            new SensorLinkOptions(NotificationCapacity: 64, Time: time));
        await ConnectAndStart(link, time);
        Run(time, 1); // 1000 s of simulated time would be 10 000 packets
        Assert.Equal(0, link.DroppedNotifications);
        var first = Drain(link);
        Assert.InRange(first.Count, 32, 64 + 110); // stopped at the high-water mark (half the queue) plus one tick
        Run(time, 1);
        var second = Drain(link);
        Assert.Equal((ushort)(first[^1].Sequence + 1), second[0].Sequence); // nothing skipped
        Assert.Equal(0, link.DroppedNotifications);
    }

    [Fact]
    public async Task Rejects_a_start_command_with_a_rate_it_does_not_produce()
    {
        var (link, time) = NewLink(2, new SimulatedSensorOptions());
        var connect = link.ConnectAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromMilliseconds(50));
        await connect;
        var r = await Command(link, ControlCommand.StartStreaming(OutputDataRate.Hz833, AccelRange.G8, GyroRange.Dps1000));
        Assert.Equal(ControlResult.InvalidParameter, r.Result);
    }

    [Fact]
    public async Task Commands_need_a_connection()
    {
        var (link, _) = NewLink(2, new SimulatedSensorOptions());
        var e = await Assert.ThrowsAsync<SensorLinkException>(() => Command(link, ControlCommand.StopStreaming()));
        Assert.Equal(SensorLinkError.NotConnected, e.Error);
    }

    [Fact]
    public async Task Reports_a_plausible_slowly_varying_rssi_only_while_connected_and_it_fades_before_a_dropout()
    {
        var options = new SimulatedSensorOptions(Outages: [new SimulatedOutage(AtS: 30, DurationS: 2)]);
        var (link, time) = NewLink(60, options);
        Assert.Null(link.RssiDbm); // not connected: nothing to measure
        await ConnectAndStart(link, time);
        var seen = new List<double>();
        for (int i = 0; i < 25; i++)
        {
            Run(time, 1);
            seen.Add(Assert.IsType<double>(link.RssiDbm));
        }
        Assert.All(seen, r => Assert.InRange(r, -70.0, -50.0)); // a body-worn sensor a couple of metres away
        Assert.True(seen.Max() - seen.Min() >= 3, "the signal should sway as the body moves");
        Assert.All(seen.Zip(seen.Skip(1)), p => Assert.InRange(Math.Abs(p.Second - p.First), 0.0, 4.0)); // slowly: ≤ 4 dB/s
        Assert.InRange(link.SignalDbmAt(29.5), -100.0, -80.0); // fading out at the edge of range just before the dropout
        Run(time, 5.5); // into the dropout
        Assert.Equal(SensorLinkState.Lost, link.State);
        Assert.Null(link.RssiDbm);
    }

    [Fact]
    public void The_simulated_rssi_is_a_function_of_seed_and_time()
    {
        var a = new SimulatedSensorLink(Samples(60), new SimulatedSensorOptions(Seed: 7));
        var b = new SimulatedSensorLink(Samples(60), new SimulatedSensorOptions(Seed: 7));
        var c = new SimulatedSensorLink(Samples(60), new SimulatedSensorOptions(Seed: 8));
        double[] times = [0, 5, 12.5, 40];
        Assert.Equal(times.Select(a.SignalDbmAt), times.Select(b.SignalDbmAt));
        Assert.NotEqual(times.Select(a.SignalDbmAt), times.Select(c.SignalDbmAt));
    }
}
