using System.Reactive.Concurrency;
using System.Threading.Channels;
using SpineSense.Protocol.Control;
using SpineSense.Sensors;
using SpineSense.Streaming.Link;
using LinkResponse = SpineSense.Sensors.ControlResponse;
using WireResponse = SpineSense.Protocol.Control.ControlResponse;

namespace SpineSense.Streaming.Tests.Link;

public sealed class LinkSupervisorTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>A link under the test's control: connects at once, accepts StartStreaming, and can drop on cue.</summary>
    private sealed class ScriptedLink : ISensorLink
    {
        private readonly Channel<SensorNotification> _notifications = Channel.CreateUnbounded<SensorNotification>();
        private int _state = (int)SensorLinkState.Idle;

        public int Connects;
        public int StartStreamingCommands;
        /// <summary>The StartStreaming command (1-based) during which the link drops, after the sensor accepted it.</summary>
        public int DropDuringStartStreaming = -1;
        /// <summary>Drops during every StartStreaming after the first (a sensor that flaps on every restart).</summary>
        public bool DropOnEveryRestart;

        public string Name => "scripted";
        public SensorLinkState State => (SensorLinkState)Volatile.Read(ref _state);
        public ChannelReader<SensorNotification> Notifications => _notifications.Reader;
        public long DroppedNotifications => 0;
        public double? RssiDbm => null;
        public event EventHandler<SensorLinkLostEventArgs>? LinkLost;

        public Task ConnectAsync(CancellationToken cancel)
        {
            Interlocked.Increment(ref Connects);
            Volatile.Write(ref _state, (int)SensorLinkState.Connected);
            return Task.CompletedTask;
        }

        public void Drop()
        {
            Volatile.Write(ref _state, (int)SensorLinkState.Lost);
            LinkLost?.Invoke(this, new SensorLinkLostEventArgs(new SensorLinkException(SensorLinkError.Disconnected, "scripted drop"), 0));
        }

        public Task<LinkResponse> SendCommandAsync(ReadOnlyMemory<byte> commandPdu, CancellationToken cancel)
        {
            if (State != SensorLinkState.Connected) throw new SensorLinkException(SensorLinkError.NotConnected, "not connected");
            Assert.True(ControlPointCodec.TryDecodeCommand(commandPdu.Span, out var command, out _));
            var response = new WireResponse(command.Opcode, ControlResult.Success,
                Sequence: 0);
            var bytes = new byte[ControlPointCodec.MaxResponseSize];
            Assert.True(ControlPointCodec.TryEncodeResponse(response, bytes, out int written));
            // The radio drops right after the sensor answered: the answer still arrives, the link is gone.
            if (command.Opcode == ControlOpcode.StartStreaming)
            {
                int n = Interlocked.Increment(ref StartStreamingCommands);
                if (n == DropDuringStartStreaming || (DropOnEveryRestart && n > 1)) Drop();
            }
            return Task.FromResult(new LinkResponse(bytes.AsMemory(0, written), 0, 0));
        }

        public Task<ReadOnlyMemory<byte>> ReadAsync(SensorCharacteristic characteristic, CancellationToken cancel) =>
            throw new SensorLinkException(SensorLinkError.NotSupported, "not scripted");

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    [Fact]
    public async Task A_link_lost_while_a_reconnect_restarts_streaming_is_reconnected_again_not_reported_connected()
    {
        var clock = new HistoricalScheduler(T0);
        var link = new ScriptedLink { DropDuringStartStreaming = 2 };
        using var supervisor = new LinkSupervisor(link, new SensorStreamConfig(), ReconnectPolicy.Default, clock);
        await supervisor.StartAsync(default);
        Assert.Equal(LinkStatus.Connected, supervisor.Status);

        link.Drop();                                   // first loss: the reconnect's StartStreaming loses the link again
        Assert.Equal(LinkStatus.Reconnecting, supervisor.Status);
        for (int i = 0; i < 50 && Volatile.Read(ref link.Connects) < 3; i++)
        {
            clock.AdvanceBy(TimeSpan.FromSeconds(1));
            await Task.Delay(10); // the attempt's continuation (no real wait is timed: the scheduler is virtual)
        }

        Assert.Equal(3, Volatile.Read(ref link.Connects));
        await WaitUntil(() => supervisor.Status == LinkStatus.Connected);
        Assert.Equal(SensorLinkState.Connected, link.State);
        Assert.Equal(3, Volatile.Read(ref link.StartStreamingCommands));
    }

    [Fact]
    public async Task A_sensor_that_drops_on_every_restart_is_given_up_like_one_that_never_answers()
    {
        var clock = new HistoricalScheduler(T0);
        var link = new ScriptedLink { DropOnEveryRestart = true };
        var policy = new ReconnectPolicy(TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(4), 2, TimeSpan.FromSeconds(30));
        using var supervisor = new LinkSupervisor(link, new SensorStreamConfig(), policy, clock);
        await supervisor.StartAsync(default);
        link.Drop();
        for (int i = 0; i < 120 && supervisor.Status != LinkStatus.Failed; i++)
        {
            clock.AdvanceBy(TimeSpan.FromSeconds(1));
            await Task.Delay(10); // the attempt's continuation (no real wait is timed: the scheduler is virtual)
        }
        await WaitUntil(() => supervisor.Status == LinkStatus.Failed);
        Assert.True(Volatile.Read(ref link.Connects) > 3, $"only {link.Connects} connects: it should have kept trying for 30 s first");
        Assert.True(clock.Now - T0 >= policy.GiveUpAfter, $"gave up after {clock.Now - T0}, before the policy's 30 s");
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("condition not met within 30 s");
            await Task.Delay(5);
        }
    }
}
