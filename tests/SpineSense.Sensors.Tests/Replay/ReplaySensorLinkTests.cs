using Microsoft.Extensions.Time.Testing;
using SpineSense.Sensors.Replay;

namespace SpineSense.Sensors.Tests.Replay;

public sealed class ReplaySensorLinkTests : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private readonly string _dir = Directory.CreateTempSubdirectory("spinesense-replay-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Log(params (long Us, SensorCharacteristic C, byte[] Payload)[] records)
    {
        string path = Path.Combine(_dir, Guid.NewGuid().ToString("N") + ".sspl");
        using var w = PacketLogWriter.Create(path, "test");
        foreach (var r in records) w.Write(new SensorNotification(r.C, r.Payload, r.Us));
        return path;
    }

    private string Raw(string text)
    {
        string path = Path.Combine(_dir, Guid.NewGuid().ToString("N") + ".sspl");
        File.WriteAllText(path, text);
        return path;
    }

    private static async Task<SensorNotification> Next(ISensorLink link) =>
        await link.Notifications.ReadAsync().AsTask().WaitAsync(Wait);

    /// <summary>
    /// A fake clock that counts the timers armed on it: the pump's pacing wait is one, so a test can advance the clock
    /// only once the pump waits (advancing while the pump is between reading the clock and arming its timer would
    /// arm it late, and the test would measure that race instead of the pacing).
    /// </summary>
    private sealed class ArmedTimers : FakeTimeProvider
    {
        private int _armed;

        public ArmedTimers() : base(DateTimeOffset.UnixEpoch) { }

        public int Armed => Volatile.Read(ref _armed);

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = base.CreateTimer(callback, state, dueTime, period);
            Interlocked.Increment(ref _armed); // counted once registered: an advance from now on reaches it
            return timer;
        }

        public Task UntilArmed(int count) => Gatt.GattClientTests.WaitUntil(() => Armed >= count);
    }

    private static async Task AssertNothingYet(ISensorLink link)
    {
        await Task.Delay(60); // give the pump every chance to (wrongly) deliver early
        Assert.False(link.Notifications.TryPeek(out _));
    }

    [Fact]
    public async Task Plays_back_at_original_pace_with_recorded_arrival_times()
    {
        var time = new ArmedTimers();
        string path = Log((1_000_000, SensorCharacteristic.ImuData, [1]), (1_005_000, SensorCharacteristic.ImuData, [2]),
                          (2_000_000, SensorCharacteristic.Status, [3]));
        await using var link = new ReplaySensorLink(path, new ReplayOptions(Link: new SensorLinkOptions(Time: time)));
        await link.ConnectAsync(default);

        var first = await Next(link);
        Assert.Equal((1_000_000L, (byte)1), (first.HostArrivalUs, first.Payload.Span[0]));
        await time.UntilArmed(1); // the pump's only timers are its pacing waits: this one is for record 2
        await AssertNothingYet(link);

        time.Advance(TimeSpan.FromMilliseconds(4.9));
        await AssertNothingYet(link);
        time.Advance(TimeSpan.FromMilliseconds(0.1));
        Assert.Equal(2, (await Next(link)).Payload.Span[0]);

        await time.UntilArmed(2); // and this one for record 3
        time.Advance(TimeSpan.FromMilliseconds(990));
        await AssertNothingYet(link);
        time.Advance(TimeSpan.FromMilliseconds(5));
        var status = await Next(link);
        Assert.Equal((SensorCharacteristic.Status, 2_000_000L), (status.Characteristic, status.HostArrivalUs));
        await link.Notifications.Completion.WaitAsync(Wait);
    }

    [Fact]
    public async Task A_speed_factor_of_10_compresses_the_gaps_tenfold()
    {
        var time = new ArmedTimers();
        string path = Log((0, SensorCharacteristic.ImuData, [1]), (1_000_000, SensorCharacteristic.ImuData, [2]));
        await using var link = new ReplaySensorLink(path, new ReplayOptions(Speed: 10, Link: new SensorLinkOptions(Time: time)));
        await link.ConnectAsync(default);
        await Next(link);
        // The pump arms its timer at t = 0, as it would in real use, before the clock moves (its only timers are
        // its pacing waits).
        await time.UntilArmed(1);
        await AssertNothingYet(link);

        time.Advance(TimeSpan.FromMilliseconds(99));
        await AssertNothingYet(link);
        time.Advance(TimeSpan.FromMilliseconds(1));

        var second = await Next(link);
        Assert.Equal(1_000_000, second.HostArrivalUs); // the recorded time, not the replay time
    }

    [Fact]
    public async Task Unpaced_playback_delivers_everything_without_waiting_and_without_dropping()
    {
        var records = Enumerable.Range(0, 5000).Select(i => ((long)i * 5000, SensorCharacteristic.ImuData, new[] { (byte)i, (byte)(i >> 8) })).ToArray();
        string path = Log(records);
        await using var link = new ReplaySensorLink(path, new ReplayOptions(Speed: double.PositiveInfinity, Link: new SensorLinkOptions(NotificationCapacity: 16)));
        await link.ConnectAsync(default);

        int count = 0;
        await foreach (var n in link.Notifications.ReadAllAsync().WithCancellation(new CancellationTokenSource(Wait).Token))
        {
            Assert.Equal(count, n.Payload.Span[0] | n.Payload.Span[1] << 8);
            count++;
        }
        Assert.Equal(5000, count);
        Assert.Equal(0, link.DroppedNotifications);
    }

    [Fact]
    public async Task A_malformed_line_ends_the_stream_with_file_and_line()
    {
        string path = Raw("#spinesense-packet-log v1\n# link=x\nhost_arrival_us,characteristic,length,payload_hex\n10,imu,1,01\n20,imu,1,0\n");
        await using var link = new ReplaySensorLink(path, new ReplayOptions(Speed: double.PositiveInfinity));
        await link.ConnectAsync(default);

        Assert.Equal(1, (await Next(link)).Payload.Span[0]);
        var e = await Assert.ThrowsAsync<SensorLinkException>(() => link.Notifications.Completion.WaitAsync(Wait));
        Assert.Equal(SensorLinkError.BadReplayLog, e.Error);
        Assert.StartsWith(path + ":5: payload has 1 hex digits", e.Message);
    }

    [Fact]
    public async Task Time_going_backwards_is_rejected()
    {
        string path = Raw("#spinesense-packet-log v1\nhost_arrival_us,characteristic,length,payload_hex\n10,imu,0,\n9,imu,0,\n");
        await using var link = new ReplaySensorLink(path, new ReplayOptions(Speed: double.PositiveInfinity));
        await link.ConnectAsync(default);

        var e = await Assert.ThrowsAsync<SensorLinkException>(async () => { await foreach (var _ in link.Notifications.ReadAllAsync()) { } });
        Assert.Contains(":4: host_arrival_us 9 goes back in time", e.Message);
    }

    [Theory]
    [InlineData("time,imu\n", ":1: expected '#spinesense-packet-log v1'")]
    [InlineData("#spinesense-packet-log v1\n# only comments\n", ":3: missing column header")]
    [InlineData("#spinesense-packet-log v1\nus,char,len,hex\n", ":2: expected column header")]
    public async Task A_bad_header_fails_connect(string text, string expected)
    {
        string path = Raw(text);
        await using var link = new ReplaySensorLink(path);

        var e = await Assert.ThrowsAsync<SensorLinkException>(() => link.ConnectAsync(default));

        Assert.Equal(SensorLinkError.BadReplayLog, e.Error);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public async Task A_missing_file_is_not_found()
    {
        await using var link = new ReplaySensorLink(Path.Combine(_dir, "nope.sspl"));
        var e = await Assert.ThrowsAsync<SensorLinkException>(() => link.ConnectAsync(default));
        Assert.Equal(SensorLinkError.NotFound, e.Error);
    }

    [Fact]
    public async Task Commands_use_the_given_responder_and_reads_return_the_last_played_value()
    {
        string path = Log((0, SensorCharacteristic.BatteryLevel, [55]));
        await using var plain = new ReplaySensorLink(path, new ReplayOptions(Speed: double.PositiveInfinity));
        await using var answering = new ReplaySensorLink(path, new ReplayOptions(Speed: double.PositiveInfinity,
            CommandResponder: cmd => [0x80, cmd.Span[0], 0]));
        await plain.ConnectAsync(default);
        await answering.ConnectAsync(default);

        var answer = await answering.SendCommandAsync(new byte[] { 4 }, default);

        Assert.Equal(new byte[] { 0x80, 4, 0 }, answer.Payload.ToArray());
        var early = await Record.ExceptionAsync(() => plain.ReadAsync(SensorCharacteristic.Status, default));
        await foreach (var _ in plain.Notifications.ReadAllAsync()) { } // played to the end
        Assert.Equal(SensorLinkError.NotSupported, Assert.IsType<SensorLinkException>(early).Error);
        Assert.Equal(new byte[] { 55 }, (await plain.ReadAsync(SensorCharacteristic.BatteryLevel, default)).ToArray());
    }

    [Fact]
    public async Task Recording_a_link_and_replaying_it_gives_the_same_stream()
    {
        // what `spinesense record` does: read a link's notifications and write each to the log
        string src = Log(Enumerable.Range(0, 50).Select(i => ((long)i * 4000, i % 10 == 0 ? SensorCharacteristic.Status : SensorCharacteristic.ImuData,
                                                              Enumerable.Range(0, i).Select(b => (byte)b).ToArray())).ToArray());
        string copy = Path.Combine(_dir, "copy.sspl");
        var original = new List<SensorNotification>();
        await using (var source = new ReplaySensorLink(src, new ReplayOptions(Speed: double.PositiveInfinity)))
        await using (var writer = PacketLogWriter.Create(copy, source.Name))
        {
            await source.ConnectAsync(default);
            await foreach (var n in source.Notifications.ReadAllAsync()) { original.Add(n); writer.Write(n); }
        }

        await using var replay = new ReplaySensorLink(copy, new ReplayOptions(Speed: double.PositiveInfinity));
        await replay.ConnectAsync(default);
        var again = new List<SensorNotification>();
        await foreach (var n in replay.Notifications.ReadAllAsync()) again.Add(n);

        Assert.Equal(50, again.Count);
        Assert.Equal(original.Select(n => (n.HostArrivalUs, n.Characteristic, Convert.ToHexString(n.Payload.Span))),
                     again.Select(n => (n.HostArrivalUs, n.Characteristic, Convert.ToHexString(n.Payload.Span))));
    }
}
