using System.Globalization;
using SpineSense.Sensors.Att;
using SpineSense.Sensors.Gatt;
using SpineSense.Sensors.Transport;

namespace SpineSense.Sensors.Ble;

/// <summary>
/// <see cref="ISensorLink"/> to a SpineSense sensor over Bluetooth LE: ATT bearer → MTU exchange → SpineSense service
/// and characteristic discovery → CCCDs (IMU data and status notify, control point indicate, battery notify) → payloads.
/// The bearer comes from a factory: <see cref="L2capAttBearer"/> on a real machine, a socket pair in tests.
/// Each <see cref="ConnectAsync"/> opens a fresh bearer and rediscovers (handles may change after a firmware update).
/// </summary>
public sealed class BleSensorLink : ISensorLink
{
    private readonly Func<CancellationToken, Task<IPacketTransport>> _openBearer;
    private readonly SensorLinkOptions _options;
    private readonly BleLinkOptions _ble;
    private readonly SensorNotificationQueue _queue;
    private readonly SemaphoreSlim _connectLock = new(1, 1);
    private readonly SemaphoreSlim _commandLock = new(1, 1);
    private GattClient? _gatt;
    private SensorHandles _handles = SensorHandles.Empty;
    private TaskCompletionSource<ControlResponse>? _pendingCommand;
    private int _state = (int)SensorLinkState.Idle;
    private readonly BluetoothAddress? _address;
    private readonly Func<CancellationToken, Task<IPacketTransport>>? _openMgmt;
    private ConnectionRssiMonitor? _rssi;

    /// <summary>A link to the sensor at <paramref name="address"/> over the kernel's L2CAP ATT socket.</summary>
    public BleSensorLink(BluetoothAddress address, BleLinkOptions? ble = null, SensorLinkOptions? options = null)
        : this("ble:" + address, ble ?? new BleLinkOptions(), options, L2capFactory(address, ble ?? new BleLinkOptions()),
               address, OperatingSystem.IsLinux() ? Discovery.MgmtSocket.OpenAsync : null)
    {
    }

    private static Func<CancellationToken, Task<IPacketTransport>> L2capFactory(BluetoothAddress address, BleLinkOptions ble) =>
        cancel => L2capAttBearer.ConnectAsync(address, ble, cancel);

    /// <summary>A link over any ATT bearer (tests pass one end of a socket pair with a fake peripheral on the other).</summary>
    /// <param name="address">The sensor's address, for asking the kernel the connection's RSSI.</param>
    /// <param name="openMgmt">Opens a BlueZ management socket (<see cref="Discovery.MgmtSocket"/>, or a fake); without it the
    /// link does not report RSSI.</param>
    public BleSensorLink(string name, BleLinkOptions ble, SensorLinkOptions? options, Func<CancellationToken, Task<IPacketTransport>> openBearer,
        BluetoothAddress? address = null, Func<CancellationToken, Task<IPacketTransport>>? openMgmt = null)
    {
        _address = address;
        _openMgmt = openMgmt;
        Name = name;
        _ble = ble;
        _options = (options ?? SensorLinkOptions.Default).Validate();
        _queue = new SensorNotificationQueue(_options.NotificationCapacity);
        _openBearer = openBearer;
    }

    public string Name { get; }

    /// <summary>
    /// Parses what follows <c>ble:</c> in <c>--sensor ble:ADDRESS[/public|/random]</c> (random is the default: most
    /// sensors use a static random address). Throws <see cref="FormatException"/> with a message fit for the user.
    /// </summary>
    public static (BluetoothAddress Address, BleAddressType Type) ParseArgument(string text)
    {
        string addr = text;
        var type = BleAddressType.Random;
        int slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            addr = text[..slash];
            type = text[(slash + 1)..].ToLowerInvariant() switch
            {
                "public" => BleAddressType.Public,
                "random" => BleAddressType.Random,
                _ => throw new FormatException($"'{text[(slash + 1)..]}' is not an address type (expected public or random)"),
            };
        }
        return (BluetoothAddress.Parse(addr), type);
    }

    public SensorLinkState State => (SensorLinkState)Volatile.Read(ref _state);

    public System.Threading.Channels.ChannelReader<SensorNotification> Notifications => _queue.Reader;

    public long DroppedNotifications => _queue.Dropped;

    /// <summary>The negotiated ATT_MTU of the current connection (23 before connecting).</summary>
    public int Mtu => _gatt?.Mtu ?? AttPdu.DefaultMtu;

    public event EventHandler<SensorLinkLostEventArgs>? LinkLost;

    public double? RssiDbm => State == SensorLinkState.Connected ? Volatile.Read(ref _rssi)?.RssiDbm : null;

    public async Task ConnectAsync(CancellationToken cancel)
    {
        await _connectLock.WaitAsync(cancel).ConfigureAwait(false);
        try
        {
            var before = State;
            if (before == SensorLinkState.Connected) return;
            ObjectDisposedException.ThrowIf(before == SensorLinkState.Disposed, this);
            Volatile.Write(ref _state, (int)SensorLinkState.Connecting);
            GattClient? gatt = null;
            try
            {
                var bearer = await _openBearer(cancel).ConfigureAwait(false);
                gatt = new GattClient(bearer, new GattClientOptions(_ble.RequestTimeout, _options.Time));
                gatt.ValueReceived += OnValue;
                gatt.Closed += reason => OnClosed(gatt, reason);
                _gatt = gatt;
                gatt.Start();
                await gatt.ExchangeMtuAsync(_ble.PreferredMtu, cancel).ConfigureAwait(false);
                _handles = await SensorHandles.DiscoverAsync(gatt, Name, cancel).ConfigureAwait(false);
                await EnableAsync(gatt, _handles, cancel).ConfigureAwait(false);
                if (gatt.IsClosed)
                    throw new SensorLinkException(SensorLinkError.Disconnected, "Sensor link lost while connecting");
                Volatile.Write(ref _state, (int)SensorLinkState.Connected);
                await StopRssiAsync().ConfigureAwait(false);
                if (_address is { } address && _openMgmt is not null)
                {
                    var monitor = new ConnectionRssiMonitor(address, _ble.AddressType, _openMgmt, _options.EffectiveTime, _ble.EffectiveRssiPollInterval);
                    Volatile.Write(ref _rssi, monitor);
                    monitor.Start();
                }
            }
            catch
            {
                Volatile.Write(ref _state, (int)(before == SensorLinkState.Idle ? SensorLinkState.Idle : SensorLinkState.Lost));
                _gatt = null;
                if (gatt is not null) await gatt.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }
        finally
        {
            _connectLock.Release();
        }
    }

    // Notifications first, the control point's indications last: once the sensor sees them all it may start talking.
    private static async Task EnableAsync(GattClient gatt, SensorHandles h, CancellationToken cancel)
    {
        await gatt.WriteCccdAsync(h.ImuDataCccd, GattUuids.CccdNotify, cancel).ConfigureAwait(false);
        if (h.StatusCccd != 0) await gatt.WriteCccdAsync(h.StatusCccd, GattUuids.CccdNotify, cancel).ConfigureAwait(false);
        if (h.BatteryCccd != 0) await gatt.WriteCccdAsync(h.BatteryCccd, GattUuids.CccdNotify, cancel).ConfigureAwait(false);
        await gatt.WriteCccdAsync(h.ControlPointCccd, GattUuids.CccdIndicate, cancel).ConfigureAwait(false);
    }

    // On the GATT receive loop, once per notification/indication, in order: no allocation beyond the PDU itself.
    private void OnValue(GattValue value)
    {
        var handles = _handles;
        if (!handles.TryMap(value.Handle, out var characteristic)) return; // a characteristic we did not subscribe to
        long nowUs = _options.NowUs();
        if (characteristic == SensorCharacteristic.ControlPoint && value.IsIndication)
        {
            var pending = Volatile.Read(ref _pendingCommand);
            if (pending is not null && pending.TrySetResult(new ControlResponse(value.Value, nowUs, 0))) return;
        }
        _queue.Write(new SensorNotification(characteristic, value.Value, nowUs));
    }

    private void OnClosed(GattClient gatt, SensorLinkException? reason)
    {
        if (!ReferenceEquals(_gatt, gatt) || reason is null) return; // an old bearer, or we closed it ourselves
        var lost = reason.Error == SensorLinkError.Disconnected
            ? reason
            : new SensorLinkException(SensorLinkError.Disconnected, "Sensor link lost: " + reason.Message, reason);
        Volatile.Read(ref _pendingCommand)?.TrySetException(lost);
        if (Interlocked.CompareExchange(ref _state, (int)SensorLinkState.Lost, (int)SensorLinkState.Connected) == (int)SensorLinkState.Connected)
        {
            _ = StopRssiAsync(); // on the I/O thread: do not wait for the poller
            LinkLost?.Invoke(this, new SensorLinkLostEventArgs(lost, _options.NowUs()));
        }
    }

    private ValueTask StopRssiAsync() => Interlocked.Exchange(ref _rssi, null)?.DisposeAsync() ?? ValueTask.CompletedTask;

    public async Task<ControlResponse> SendCommandAsync(ReadOnlyMemory<byte> commandPdu, CancellationToken cancel)
    {
        await _commandLock.WaitAsync(cancel).ConfigureAwait(false);
        try
        {
            var gatt = ConnectedGatt();
            var pending = new TaskCompletionSource<ControlResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
            Volatile.Write(ref _pendingCommand, pending);
            long startUs = _options.NowUs();
            // The command timeout covers the write and the indication, so it starts before the write.
            using var abandon = CancellationTokenSource.CreateLinkedTokenSource(cancel);
            var result = pending.Task.WaitAsync(_options.EffectiveCommandTimeout, _options.EffectiveTime, abandon.Token);
            ControlResponse response;
            try
            {
                await gatt.WriteAsync(_handles.ControlPoint, commandPdu, cancel).ConfigureAwait(false);
            }
            catch
            {
                abandon.Cancel();
                await result.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default).ConfigureAwait(false);
                throw;
            }
            try
            {
                response = await result.ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                throw new SensorLinkException(SensorLinkError.Timeout,
                    $"Sensor {Name} accepted the command but sent no result within {_options.EffectiveCommandTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s");
            }
            return response with { RoundTripUs = response.HostArrivalUs - startUs };
        }
        finally
        {
            Volatile.Write(ref _pendingCommand, null);
            _commandLock.Release();
        }
    }

    public async Task<ReadOnlyMemory<byte>> ReadAsync(SensorCharacteristic characteristic, CancellationToken cancel)
    {
        var gatt = ConnectedGatt();
        ushort handle = _handles.ValueHandleOf(characteristic);
        if (handle == 0)
            throw new SensorLinkException(SensorLinkError.NotSupported, $"Sensor {Name} has no readable {characteristic} characteristic");
        return await gatt.ReadAsync(handle, cancel).ConfigureAwait(false);
    }

    private GattClient ConnectedGatt()
    {
        var gatt = _gatt;
        if (State != SensorLinkState.Connected || gatt is null)
            throw new SensorLinkException(SensorLinkError.NotConnected, $"Sensor {Name} is not connected ({State})");
        return gatt;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _state, (int)SensorLinkState.Disposed) == (int)SensorLinkState.Disposed) return;
        var gatt = _gatt;
        _gatt = null;
        Volatile.Read(ref _pendingCommand)?.TrySetException(
            new SensorLinkException(SensorLinkError.NotConnected, $"Sensor link {Name} was closed"));
        if (gatt is not null) await gatt.DisposeAsync().ConfigureAwait(false);
        await StopRssiAsync().ConfigureAwait(false);
        _queue.Complete();
    }
}
