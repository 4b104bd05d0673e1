using System.Threading.Channels;
using SpineSense.Motion.Samples;
using SpineSense.Protocol;
using SpineSense.Protocol.Control;
using SpineSense.Protocol.Packets;
using SpineSense.Protocol.Status;
using ProtocolResponse = SpineSense.Protocol.Control.ControlResponse;

namespace SpineSense.Sensors.Simulated;

/// <summary>
/// A sensor without a radio: the virtual athlete's samples, encoded by SpineSense.Protocol into data packets and
/// delivered at the pace of the samples (times <see cref="SimulatedSensorOptions.SpeedFactor"/>), with packet loss,
/// duplicates, reordering and dropouts, and a flash buffer that answers "resend from sequence N" — so the BLE-facing
/// code paths (decoding, gap handling, reconnect, backfill) run in tests and demos.
/// </summary>
/// <remarks>
/// Streaming starts with the StartStreaming command, like the firmware. Time comes from
/// <see cref="SensorLinkOptions.Time"/> (a fake <see cref="TimeProvider"/> in tests). Host arrival times are in
/// simulated-world time (the time the packet would have arrived in a real-time session), whatever the speed.
/// When the last sample has been sent, the host has read everything and <see cref="SimulatedSensorOptions.EndGraceS"/>
/// (at least 0.25 s of host time) has passed with no backfill asked for, <see cref="Notifications"/> completes: the
/// simulated session is over.
/// Thread-safe; the generator runs on the time provider's timer.
/// </remarks>
public sealed class SimulatedSensorLink : ISensorLink
{
    private readonly SamplePacketizer _packets;
    private readonly SimulatedSensorOptions _options;
    private readonly TimeProvider _time;
    private readonly SensorNotificationQueue _queue;
    private readonly Random _random;
    private readonly SimulatedOutage[] _outages;
    private readonly object _gate = new();
    private readonly long _hostEpochUs;
    // The flash ring: the last FlashCapacity packets can be resent. Packets are a pure function of their index
    // (SamplePacketizer), so the simulated flash keeps no bytes in host memory, only how far back it reaches.
    private readonly int _flashCapacity;
    private readonly Queue<int> _backfill = new();

    private SensorLinkState _state = SensorLinkState.Idle;
    private ITimer? _timer;
    private long _lastPumpTimestamp, _idleSinceTimestamp;
    private double _sensorS;
    private readonly int _highWater;
    private bool _streaming, _started, _ended;
    private int _next;                 // index of the next live packet to produce
    private byte[]? _heldForReorder;
    private long _heldArrivalUs;
    private int _outageIndex;
    private double _nextStatusS;

    /// <param name="samples">The athlete's samples in simulated-world time (seconds), at a protocol rate.</param>
    public SimulatedSensorLink(ReadOnlyMemory<ImuSample> samples, SimulatedSensorOptions? options = null,
        SensorLinkOptions? linkOptions = null, string name = "sim")
    {
        _options = (options ?? new SimulatedSensorOptions()).Validate();
        var link = (linkOptions ?? SensorLinkOptions.Default).Validate();
        _packets = new SamplePacketizer(samples, _options);
        _time = link.EffectiveTime;
        _queue = new SensorNotificationQueue(link.NotificationCapacity);
        _highWater = Math.Max(1, link.NotificationCapacity / 2);
        _random = new Random(_options.Seed);
        _outages = BuildOutages(_options, _packets.DurationS);
        _flashCapacity = _options.FlashCapacityPackets;
        _hostEpochUs = HostClock.NowUs(_time);
        Name = name;
    }

    public string Name { get; }

    public SensorLinkState State { get { lock (_gate) return _state; } }

    public ChannelReader<SensorNotification> Notifications => _queue.Reader;

    public long DroppedNotifications => _queue.Dropped;

    /// <summary>The simulated signal strength now (<see cref="SignalDbmAt"/>); null unless connected.</summary>
    public double? RssiDbm
    {
        get { lock (_gate) return _state == SensorLinkState.Connected ? SignalDbmAt(SensorNowS()) : null; }
    }

    // How long before a dropout the signal fades to the edge of range, and after one it recovers, sensor seconds.
    private const double FadeS = 3;
    private const double FadeDepthDb = 30;

    /// <summary>
    /// Simulated RSSI at sensor time <paramref name="sensorS"/>, whole dBm: a body-worn sensor a couple of metres from
    /// the host sits near −60 dBm and sways a few dB as the body turns and shadows the antenna (two slow sines, phase
    /// from the seed), and fades towards −90 dBm (the edge of range) over the seconds around each dropout.
    /// A pure function of the seed and the time, so runs repeat.
    /// </summary>
    public double SignalDbmAt(double sensorS)
    {
        double phase = (_options.Seed * 0.6180339887 % 1 + 1) % 1 * 2 * Math.PI;
        double sway = 5 * Math.Sin(2 * Math.PI * sensorS / 37 + phase) + 2 * Math.Sin(2 * Math.PI * sensorS / 11 + 2 * phase);
        double fade = 0;
        foreach (var o in _outages)
        {
            if (sensorS >= o.AtS && sensorS < o.EndS) fade = FadeDepthDb;
            else if (sensorS >= o.AtS - FadeS && sensorS < o.AtS) fade = Math.Max(fade, FadeDepthDb * (sensorS - (o.AtS - FadeS)) / FadeS);
            else if (sensorS >= o.EndS && sensorS < o.EndS + FadeS) fade = Math.Max(fade, FadeDepthDb * (1 - (sensorS - o.EndS) / FadeS));
        }
        return Math.Round(-60 + sway - fade);
    }

    /// <summary>The packetizer: rate, packet count, duration of the simulated session.</summary>
    public SamplePacketizer Packets => _packets;

    /// <summary>Dropouts this link will simulate (planned and random), sensor time.</summary>
    public IReadOnlyList<SimulatedOutage> Outages => _outages;

    /// <summary>Counters of what the simulated radio did, for tests and the load tool.</summary>
    public long PacketsSent { get; private set; }
    public long PacketsLostOnAir { get; private set; }
    public long PacketsDuplicated { get; private set; }
    public long PacketsReordered { get; private set; }
    public long PacketsResent { get; private set; }

    public event EventHandler<SensorLinkLostEventArgs>? LinkLost;

    public async Task ConnectAsync(CancellationToken cancel)
    {
        lock (_gate)
        {
            if (_state == SensorLinkState.Disposed) throw new SensorLinkException(SensorLinkError.NotConnected, $"{Name}: the link was closed.");
            if (_state == SensorLinkState.Connected) return;
            _state = SensorLinkState.Connecting;
        }
        // A connection attempt takes a moment of radio time (scaled like everything else).
        await Task.Delay(TimeSpan.FromMilliseconds(30 / _options.SpeedFactor), _time, cancel).ConfigureAwait(false);
        lock (_gate)
        {
            if (_state == SensorLinkState.Disposed) throw new SensorLinkException(SensorLinkError.NotConnected, $"{Name}: the link was closed.");
            if (InOutage(SensorNowS()))
            {
                _state = SensorLinkState.Lost;
                throw new SensorLinkException(SensorLinkError.ConnectFailed, $"{Name}: the simulated sensor is out of range.");
            }
            _state = SensorLinkState.Connected;
            _idleSinceTimestamp = 0; // the end-of-session grace starts anew: the host may still ask for a backfill
        }
    }

    public Task<ControlResponse> SendCommandAsync(ReadOnlyMemory<byte> commandPdu, CancellationToken cancel)
    {
        cancel.ThrowIfCancellationRequested();
        long startUs = HostNowUs();
        ProtocolResponse response;
        lock (_gate)
        {
            if (_state != SensorLinkState.Connected)
                throw new SensorLinkException(SensorLinkError.NotConnected, $"{Name}: not connected.");
            if (!ControlPointCodec.TryDecodeCommand(commandPdu.Span, out var command, out var error))
            {
                var result = error == DecodeError.UnknownOpcode ? ControlResult.UnknownOpcode : ControlResult.InvalidParameter;
                byte opcode = commandPdu.Length > 0 ? commandPdu.Span[0] : (byte)0;
                response = new ProtocolResponse((ControlOpcode)opcode, result);
            }
            else response = Execute(command);
        }
        var bytes = new byte[ControlPointCodec.MaxResponseSize];
        if (!ControlPointCodec.TryEncodeResponse(response, bytes, out int written))
            throw new SensorLinkException(SensorLinkError.ProtocolError, $"{Name}: could not encode the response to {response.RequestOpcode}.");
        long nowUs = HostNowUs();
        return Task.FromResult(new ControlResponse(bytes.AsMemory(0, written), nowUs, nowUs - startUs));
    }

    public Task<ReadOnlyMemory<byte>> ReadAsync(SensorCharacteristic characteristic, CancellationToken cancel)
    {
        cancel.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (_state != SensorLinkState.Connected)
                throw new SensorLinkException(SensorLinkError.NotConnected, $"{Name}: not connected.");
            ReadOnlyMemory<byte> value = characteristic switch
            {
                SensorCharacteristic.Status => EncodeStatus(),
                SensorCharacteristic.BatteryLevel => new[] { BatteryPct(SensorNowS()) },
                SensorCharacteristic.ManufacturerName => "SpineSense"u8.ToArray(),
                SensorCharacteristic.ModelNumber => "SpineSense Simulated Lumbar IMU"u8.ToArray(),
                SensorCharacteristic.FirmwareRevision => "1.0.0-sim"u8.ToArray(),
                SensorCharacteristic.SerialNumber => System.Text.Encoding.UTF8.GetBytes($"SIM-{_options.Seed:D6}"),
                _ => throw new SensorLinkException(SensorLinkError.AttError, $"{Name}: {characteristic} is not readable."),
            };
            return Task.FromResult(value);
        }
    }

    public ValueTask DisposeAsync()
    {
        ITimer? timer;
        lock (_gate)
        {
            if (_state == SensorLinkState.Disposed) return ValueTask.CompletedTask;
            _state = SensorLinkState.Disposed;
            timer = _timer;
            _timer = null;
        }
        timer?.Dispose();
        _queue.Complete();
        return ValueTask.CompletedTask;
    }

    private ProtocolResponse Execute(in ControlCommand command)
    {
        switch (command.Opcode)
        {
            case ControlOpcode.StartStreaming:
                if (command.Rate != _packets.Rate || command.AccelRange != _options.AccelRange || command.GyroRange != _options.GyroRange)
                    return new ProtocolResponse(command.Opcode, ControlResult.InvalidParameter);
                if (!_streaming)
                {
                    _streaming = true;
                    if (!_started)
                    {
                        _started = true;
                        _lastPumpTimestamp = _time.GetTimestamp();
                        _timer = _time.CreateTimer(_ => Pump(), null, _options.EffectiveTick, _options.EffectiveTick);
                    }
                }
                return new ProtocolResponse(command.Opcode, ControlResult.Success, Sequence: _packets.SequenceOf(_next));
            case ControlOpcode.StopStreaming:
                _streaming = false;
                return new ProtocolResponse(command.Opcode, ControlResult.Success);
            case ControlOpcode.Identify:
                return new ProtocolResponse(command.Opcode, ControlResult.Success);
            case ControlOpcode.TimeSync:
                return new ProtocolResponse(command.Opcode, ControlResult.Success,
                    TimeSyncToken: command.TimeSyncToken, SensorTimeUs: _packets.SensorClockUs(SensorNowS()));
            case ControlOpcode.ResendFrom:
                return Resend(command.ResendFromSequence);
            default:
                return new ProtocolResponse(command.Opcode, ControlResult.UnknownOpcode);
        }
    }

    // Serial arithmetic (RFC 1982) on 16-bit sequences: the requested packet is the latest one with that sequence.
    // A request during a backfill queues behind it (the host drops any packet it then receives twice).
    private ProtocolResponse Resend(ushort sequence)
    {
        int behind = unchecked((ushort)(_packets.SequenceOf(_next) - sequence));
        if (behind == 0 || behind > _next)
            return new ProtocolResponse(ControlOpcode.ResendFrom, ControlResult.Success, Sequence: sequence, PacketCount: 0);
        int from = _next - behind;
        var result = ControlResult.Success;
        int oldestKept = Math.Max(0, _next - _flashCapacity);
        if (from < oldestKept)
        {
            from = oldestKept;
            result = ControlResult.PartiallyAvailable;
        }
        for (int k = from; k < _next; k++) _backfill.Enqueue(k);
        return new ProtocolResponse(ControlOpcode.ResendFrom, result, Sequence: _packets.SequenceOf(from),
            PacketCount: (ushort)Math.Min(_next - from, ushort.MaxValue));
    }

    // One tick of the sensor: send backfill first (it is older), then every live packet whose last sample is due.
    private void Pump()
    {
        EventHandler<SensorLinkLostEventArgs>? lost = null;
        SensorLinkLostEventArgs? lostArgs = null;
        bool complete = false;
        lock (_gate)
        {
            if (_state == SensorLinkState.Disposed || _ended) return;
            // Flow control: while the host has half its queue unread the simulated radio is "busy" and the simulated
            // world waits, so a high speed factor means "as fast as the host keeps up, at most this fast" instead of
            // overrunning the host (a real radio at 1x never gets here).
            long stamp = _time.GetTimestamp();
            double dtS = _time.GetElapsedTime(_lastPumpTimestamp, stamp).TotalSeconds;
            _lastPumpTimestamp = stamp;
            if (_queue.Reader.Count < _highWater) _sensorS += dtS * _options.SpeedFactor;
            double nowS = SensorNowS();
            bool connected = _state == SensorLinkState.Connected;
            // The radio's throughput is a host-time rate; an accelerated sensor has an equally accelerated radio.
            int budget = (int)Math.Ceiling(_options.BackfillPacketsPerTick * _options.SpeedFactor);
            for (int n = 0; connected && n < budget && _backfill.Count > 0 && _queue.Reader.Count < _highWater; n++)
            {
                int k = _backfill.Dequeue();
                if (k < _next - _flashCapacity) continue; // overwritten in flash since it was asked for
                var copy = _packets.Encode(k, PacketFlags.Backfill);
                _queue.Write(new SensorNotification(SensorCharacteristic.ImuData, copy, ArrivalUs(nowS)));
                PacketsResent++;
            }
            while (_streaming && _next < _packets.PacketCount && _packets.PacketReadyS(_next) <= nowS
                   && (_state != SensorLinkState.Connected || _queue.Reader.Count < _highWater))
            {
                double readyS = _packets.PacketReadyS(_next);
                if (StartsOutage(readyS) && _state == SensorLinkState.Connected)
                {
                    _state = SensorLinkState.Lost;
                    connected = false;
                    FlushHeld();
                    lost = LinkLost;
                    lostArgs = new SensorLinkLostEventArgs(
                        new SensorLinkException(SensorLinkError.Disconnected, $"{Name}: simulated dropout (sensor out of range)."),
                        ArrivalUs(readyS));
                }
                var payload = _packets.Encode(_next, PacketFlags.None);
                _next++;
                if (_state == SensorLinkState.Connected) Transmit(payload, ArrivalUs(readyS));
            }
            if (_state == SensorLinkState.Connected && nowS >= _nextStatusS && _next < _packets.PacketCount)
            {
                _queue.Write(new SensorNotification(SensorCharacteristic.Status, EncodeStatus(), ArrivalUs(nowS)));
                _nextStatusS = nowS + 5;
            }
            // The end: everything sent, nothing left to resend, and the host has read it all and stayed quiet for the
            // grace period (at least 0.25 s of host time, so a host running behind can still ask for a resend).
            // Only while connected: a sensor whose samples all went by during a dropout must wait for the host to
            // reconnect and ask for the backfill, or the reconnected session would end with the tail unsent.
            bool idle = _state == SensorLinkState.Connected && _next >= _packets.PacketCount && _backfill.Count == 0
                        && _queue.Reader.Count == 0;
            if (!idle) _idleSinceTimestamp = 0;
            else if (_idleSinceTimestamp == 0) _idleSinceTimestamp = _time.GetTimestamp();
            double graceHostS = Math.Max(_options.EndGraceS / _options.SpeedFactor, 0.25);
            if (idle && nowS >= _packets.DurationS + _options.EndGraceS && _time.GetElapsedTime(_idleSinceTimestamp).TotalSeconds >= graceHostS)
            {
                FlushHeld();
                _ended = true;
                complete = true;
                _timer?.Dispose();
                _timer = null;
            }
        }
        if (lostArgs is not null) lost?.Invoke(this, lostArgs);
        if (complete) _queue.Complete();
    }

    // The air between sensor and host: loss, duplicates and reordering, per packet.
    private void Transmit(byte[] payload, long arrivalUs)
    {
        PacketsSent++;
        if (_options.LossPct > 0 && _random.NextDouble() * 100 < _options.LossPct)
        {
            PacketsLostOnAir++;
            return;
        }
        if (_heldForReorder is null && _options.ReorderPct > 0 && _random.NextDouble() * 100 < _options.ReorderPct)
        {
            _heldForReorder = payload;
            _heldArrivalUs = arrivalUs;
            PacketsReordered++;
            return;
        }
        _queue.Write(new SensorNotification(SensorCharacteristic.ImuData, payload, arrivalUs));
        if (_options.DuplicatePct > 0 && _random.NextDouble() * 100 < _options.DuplicatePct)
        {
            PacketsDuplicated++;
            _queue.Write(new SensorNotification(SensorCharacteristic.ImuData, (byte[])payload.Clone(), arrivalUs));
        }
        FlushHeld();
    }

    private void FlushHeld()
    {
        if (_heldForReorder is null) return;
        if (_state == SensorLinkState.Connected)
            _queue.Write(new SensorNotification(SensorCharacteristic.ImuData, _heldForReorder, _heldArrivalUs));
        _heldForReorder = null;
    }

    private bool StartsOutage(double timeS)
    {
        bool starts = false;
        while (_outageIndex < _outages.Length && _outages[_outageIndex].AtS <= timeS)
        {
            starts |= timeS < _outages[_outageIndex].EndS;
            _outageIndex++;
        }
        return starts;
    }

    private bool InOutage(double timeS)
    {
        foreach (var o in _outages)
            if (timeS >= o.AtS && timeS < o.EndS) return true;
        return false;
    }

    private byte[] EncodeStatus()
    {
        double nowS = SensorNowS();
        var status = new SensorStatus(BatteryPct(nowS), PowerFlags.None,
            _backfill.Count > 0 ? StreamingState.Backfilling : _streaming ? StreamingState.Streaming : StreamingState.Idle,
            1, 0, 0, SensorErrorFlags.None,
            (uint)Math.Min(_next, _flashCapacity) * (uint)_options.SamplesPerPacket, _packets.SequenceOf(_next));
        var bytes = new byte[SensorStatusCodec.Size];
        SensorStatusCodec.TryEncode(status, bytes, out _);
        return bytes;
    }

    // A simulated battery: 96 % at start, 1 % per 6 simulated minutes.
    private static byte BatteryPct(double sensorS) => (byte)Math.Clamp(96 - sensorS / 360, 5, 100);

    /// <summary>Simulated-world seconds since streaming started (0 before), advanced by the timer ticks.</summary>
    private double SensorNowS() => _sensorS;

    // At speed 1 the simulated world is the host's: stamp the real moment the packet reaches the host's queue, so
    // latency measured from it is real. Faster, stamp when it would have arrived in a real-time session.
    private long ArrivalUs(double sensorS) => _options.SpeedFactor == 1
        ? HostClock.NowUs(_time)
        : _hostEpochUs + (long)Math.Round(sensorS * 1e6 + _options.LinkLatencyMs * 1000);

    private long HostNowUs() => _hostEpochUs + (long)Math.Round(SensorNowS() * 1e6);

    private static SimulatedOutage[] BuildOutages(SimulatedSensorOptions o, double durationS)
    {
        var list = new List<SimulatedOutage>(o.Outages ?? []);
        if (o.RandomOutagesPerHour > 0 && o.RandomOutageS > 0)
        {
            var random = new Random(unchecked(o.Seed * 7919 + 17));
            int n = (int)Math.Round(o.RandomOutagesPerHour * durationS / 3600);
            for (int i = 0; i < n; i++) list.Add(new SimulatedOutage(random.NextDouble() * durationS, o.RandomOutageS));
        }
        list.Sort((a, b) => a.AtS.CompareTo(b.AtS));
        return list.ToArray();
    }
}
