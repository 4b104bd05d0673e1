using System.Globalization;
using SpineSense.Sensors.Att;
using SpineSense.Sensors.Transport;

namespace SpineSense.Sensors.Gatt;

/// <summary>
/// A GATT client over any message transport (the ATT bearer): one outstanding request at a time as ATT requires,
/// request timeouts that close the bearer (ATT 3.3.3), Error Responses turned into <see cref="SensorLinkException"/>
/// with the ATT code, notifications and indications (confirmed after the handler ran) delivered in arrival order.
/// Discovery procedures live in GattClient.Discovery.cs.
/// </summary>
/// <remarks>
/// Threading: requests may be issued from any thread (they queue). <see cref="ValueReceived"/> runs on the receive
/// loop, one value at a time and in order; it must not block. <see cref="Closed"/> fires once, on the receive loop
/// (peer closed, error) or on the thread that closed the bearer (dispose, request timeout).
/// </remarks>
public sealed partial class GattClient : IAsyncDisposable
{
    private static readonly byte[] Confirmation = [AttOpcode.HandleValueConfirmation];

    private readonly IPacketTransport _transport;
    private readonly TimeSpan _timeout;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _requestLock = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource<SensorLinkException?> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Pending? _pending;
    private Task? _receiveLoop;
    private int _mtu = AttPdu.DefaultMtu;
    private volatile bool _loopEnding;

    public GattClient(IPacketTransport transport, GattClientOptions? options = null)
    {
        _transport = transport;
        options ??= new GattClientOptions();
        _timeout = options.EffectiveRequestTimeout;
        _time = options.EffectiveTime;
    }

    /// <summary>Current ATT_MTU in bytes (23 until <see cref="ExchangeMtuAsync"/>); values carry at most MTU − 3 bytes.</summary>
    public int Mtu => Volatile.Read(ref _mtu);

    /// <summary>Notifications and indications, in arrival order, on the receive loop.</summary>
    public event Action<GattValue>? ValueReceived;

    /// <summary>Raised once when the bearer ends: null reason = closed by us, else why it was lost.</summary>
    public event Action<SensorLinkException?>? Closed;

    /// <summary>Completes with the close reason when the bearer has ended.</summary>
    public Task<SensorLinkException?> Completion => _closed.Task;

    public bool IsClosed => _closed.Task.IsCompleted;

    /// <summary>Starts the receive loop. Call once, after subscribing to the events.</summary>
    public void Start()
    {
        if (_receiveLoop is not null) throw new InvalidOperationException("GattClient already started");
        _receiveLoop = Task.Run(ReceiveLoopAsync);
    }

    /// <summary>
    /// Exchange MTU (Vol 3 Part G 4.3.1): offers <paramref name="clientRxMtu"/>; the ATT_MTU becomes the smaller of the
    /// two, never below 23. A server that does not support the request keeps 23. Returns the new MTU.
    /// </summary>
    public async Task<int> ExchangeMtuAsync(ushort clientRxMtu, CancellationToken cancel)
    {
        if (clientRxMtu < AttPdu.DefaultMtu) throw new ArgumentOutOfRangeException(nameof(clientRxMtu), "ATT_MTU is at least 23");
        byte[] rsp;
        try
        {
            var req = new byte[3];
            AttPdu.WriteExchangeMtuRequest(req, clientRxMtu);
            rsp = await RequestAsync(req, AttOpcode.ExchangeMtuResponse, cancel).ConfigureAwait(false);
        }
        catch (SensorLinkException e) when (e.Error == SensorLinkError.AttError && e.AttError == (byte)AttErrorCode.RequestNotSupported)
        {
            return Mtu;
        }
        if (!AttPdu.TryReadU16(rsp, AttOpcode.ExchangeMtuResponse, out ushort serverRxMtu))
            throw Malformed(rsp);
        int mtu = Math.Max(AttPdu.DefaultMtu, Math.Min((int)clientRxMtu, (int)serverRxMtu));
        Volatile.Write(ref _mtu, mtu);
        return mtu;
    }

    /// <summary>Reads a value; long values (longer than MTU − 1) are completed with Read Blob (Vol 3 Part G 4.8.3).</summary>
    public async Task<byte[]> ReadAsync(ushort handle, CancellationToken cancel)
    {
        var req = new byte[3];
        AttPdu.WriteReadRequest(req, handle);
        byte[] first = await RequestAsync(req, AttOpcode.ReadResponse, cancel).ConfigureAwait(false);
        int chunk = Mtu - 1;
        if (first.Length - 1 < chunk) return first.AsSpan(1).ToArray();
        var value = new List<byte>(first.AsSpan(1).ToArray());
        while (value.Count < AttPdu.MaxAttributeValueLength)
        {
            byte[] next;
            try
            {
                var blob = new byte[5];
                AttPdu.WriteReadBlobRequest(blob, handle, (ushort)value.Count);
                next = await RequestAsync(blob, AttOpcode.ReadBlobResponse, cancel).ConfigureAwait(false);
            }
            catch (SensorLinkException e) when (e.Error == SensorLinkError.AttError &&
                                                e.AttError is (byte)AttErrorCode.AttributeNotLong or (byte)AttErrorCode.InvalidOffset)
            {
                break; // the value was exactly MTU − 1 bytes long
            }
            value.AddRange(next.AsSpan(1));
            if (next.Length - 1 < chunk) break;
        }
        return value.ToArray();
    }

    /// <summary>Write Request / Write Response (Vol 3 Part G 4.9.3). The value must fit in one PDU (MTU − 3 bytes).</summary>
    public async Task WriteAsync(ushort handle, ReadOnlyMemory<byte> value, CancellationToken cancel)
    {
        if (value.Length > Mtu - 3)
            throw new SensorLinkException(SensorLinkError.ProtocolError,
                $"A {value.Length}-byte write does not fit the ATT MTU of {Mtu} (at most {Mtu - 3} bytes)");
        var req = new byte[3 + value.Length];
        AttPdu.WriteWriteRequest(req, handle, value.Span);
        byte[] rsp = await RequestAsync(req, AttOpcode.WriteResponse, cancel).ConfigureAwait(false);
        if (rsp.Length != 1) throw Malformed(rsp);
    }

    /// <summary>Writes a Client Characteristic Configuration descriptor: 0x0001 notify, 0x0002 indicate, 0 off.</summary>
    public Task WriteCccdAsync(ushort cccdHandle, ushort value, CancellationToken cancel)
    {
        var bytes = new byte[] { (byte)value, (byte)(value >> 8) };
        return WriteAsync(cccdHandle, bytes, cancel);
    }

    // One ATT transaction: send the request, wait for its response or Error Response.
    private async Task<byte[]> RequestAsync(byte[] pdu, byte responseOpcode, CancellationToken cancel)
    {
        await _requestLock.WaitAsync(cancel).ConfigureAwait(false);
        try
        {
            await WaitForAbandonedAsync().ConfigureAwait(false);
            ThrowIfClosed();
            var pending = new Pending(pdu[0], responseOpcode);
            Volatile.Write(ref _pending, pending);
            // The transaction timer runs from the moment the request is handed to the bearer (ATT 3.3.3).
            var response = pending.Response.Task.WaitAsync(_timeout, _time, cancel);
            try
            {
                await _transport.SendAsync(pdu, cancel).ConfigureAwait(false);
            }
            catch
            {
                // Nothing reached the peer, so nothing is outstanding.
                Interlocked.CompareExchange(ref _pending, null, pending);
                _ = response.ContinueWith(static t => _ = t.Exception, TaskScheduler.Default); // observed: the send error is what the caller sees
                throw;
            }
            try
            {
                return await response.ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                var e = new SensorLinkException(SensorLinkError.Timeout,
                    $"The sensor did not answer {RequestName(pdu[0])} within {_timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s; " +
                    "the ATT bearer was closed (ATT transaction timeout)");
                await CloseAsync(e).ConfigureAwait(false);
                throw e;
            }
            catch (OperationCanceledException)
            {
                // The response may still come; ATT forbids a new request until it does, so the next one waits for it.
                pending.Abandoned = true;
                throw;
            }
        }
        finally
        {
            _requestLock.Release();
        }
    }

    private async Task WaitForAbandonedAsync()
    {
        var pending = Volatile.Read(ref _pending);
        if (pending is null || !pending.Abandoned) return;
        try
        {
            await pending.Response.Task.WaitAsync(_timeout, _time).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            var e = new SensorLinkException(SensorLinkError.Timeout, "The sensor never answered an abandoned ATT request; the ATT bearer was closed");
            await CloseAsync(e).ConfigureAwait(false);
            throw e;
        }
        catch (SensorLinkException)
        {
            // its error belonged to the abandoned caller
        }
    }

    private async Task ReceiveLoopAsync()
    {
        SensorLinkException? reason;
        try
        {
            while (true)
            {
                byte[]? pdu = await _transport.ReceiveAsync(_stop.Token).ConfigureAwait(false);
                if (pdu is null)
                {
                    reason = new SensorLinkException(SensorLinkError.Disconnected, "Sensor link lost: the sensor closed the connection");
                    break;
                }
                if (pdu.Length == 0) continue;
                var fault = await DispatchAsync(pdu).ConfigureAwait(false);
                if (fault is not null) { reason = fault; break; }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            reason = null;
        }
        catch (SensorLinkException e)
        {
            reason = e;
        }
        _loopEnding = true;
        await CloseAsync(reason).ConfigureAwait(false);
    }

    private async ValueTask<SensorLinkException?> DispatchAsync(byte[] pdu)
    {
        byte opcode = pdu[0];
        switch (opcode)
        {
            case AttOpcode.HandleValueNotification:
            case AttOpcode.HandleValueIndication:
                if (!AttPdu.TryReadHandleValue(pdu, out ushort handle, out _)) return Malformed(pdu);
                bool indication = opcode == AttOpcode.HandleValueIndication;
                ValueReceived?.Invoke(new GattValue(handle, pdu.AsMemory(3), indication));
                // Confirm after the value was handed over (Vol 3 Part F 3.4.7.3), so the sensor may free it.
                if (indication) await _transport.SendAsync(Confirmation, CancellationToken.None).ConfigureAwait(false);
                return null;
            case AttOpcode.ExchangeMtuRequest:
                // The peer's own client may ask; answer with what we accept (Vol 3 Part F 3.4.2.1).
                if (!AttPdu.TryReadU16(pdu, opcode, out ushort peerMtu)) return Malformed(pdu);
                var mtuRsp = new byte[3];
                AttPdu.WriteExchangeMtuResponse(mtuRsp, AttPdu.PreferredMtu);
                Volatile.Write(ref _mtu, Math.Max(AttPdu.DefaultMtu, Math.Min((int)peerMtu, AttPdu.PreferredMtu)));
                await _transport.SendAsync(mtuRsp, CancellationToken.None).ConfigureAwait(false);
                return null;
        }
        if (AttOpcode.IsRequest(opcode))
        {
            // This host runs no GATT server: refuse every other request so the peer's transaction does not time out.
            var err = new byte[5];
            AttPdu.WriteErrorResponse(err, opcode, 0, AttErrorCode.RequestNotSupported);
            await _transport.SendAsync(err, CancellationToken.None).ConfigureAwait(false);
            return null;
        }
        if ((opcode & AttOpcode.CommandFlag) != 0) return null; // commands need no answer; we handle none

        var pending = Volatile.Read(ref _pending);
        if (pending is null || pending.Response.Task.IsCompleted)
            return new SensorLinkException(SensorLinkError.ProtocolError,
                $"The sensor sent an unexpected ATT response (opcode 0x{opcode:X2}) with no request outstanding");
        if (opcode == AttOpcode.ErrorResponse)
        {
            if (!AttPdu.TryReadErrorResponse(pdu, out byte reqOp, out ushort h, out byte code) || reqOp != pending.RequestOpcode)
                return Malformed(pdu);
            pending.Response.TrySetException(new SensorLinkException(code, reqOp, h,
                $"The sensor refused {RequestName(reqOp)} on handle 0x{h:X4}: {AttErrors.Describe(code)} (ATT error 0x{code:X2})"));
            return null;
        }
        if (opcode != pending.ResponseOpcode)
            return new SensorLinkException(SensorLinkError.ProtocolError,
                $"The sensor answered {RequestName(pending.RequestOpcode)} with opcode 0x{opcode:X2} instead of 0x{pending.ResponseOpcode:X2}");
        pending.Response.TrySetResult(pdu);
        return null;
    }

    private async Task CloseAsync(SensorLinkException? reason)
    {
        if (!_closed.TrySetResult(reason)) return;
        var pending = Volatile.Read(ref _pending);
        pending?.Response.TrySetException(reason ?? new SensorLinkException(SensorLinkError.NotConnected, "The sensor link was closed"));
        _stop.Cancel();
        await _transport.DisposeAsync().ConfigureAwait(false);
        Closed?.Invoke(reason);
    }

    private void ThrowIfClosed()
    {
        if (_closed.Task.IsCompleted)
        {
            var reason = _closed.Task.Result;
            throw reason is null
                ? new SensorLinkException(SensorLinkError.NotConnected, "The sensor link is closed")
                : new SensorLinkException(reason.Error is SensorLinkError.Timeout ? SensorLinkError.Disconnected : reason.Error, reason.Message, reason);
        }
    }

    private static SensorLinkException Malformed(ReadOnlySpan<byte> pdu) =>
        new(SensorLinkError.ProtocolError,
            $"The sensor sent a malformed ATT PDU (opcode 0x{(pdu.IsEmpty ? 0 : pdu[0]):X2}, {pdu.Length} bytes)");

    internal static string RequestName(byte opcode) => opcode switch
    {
        AttOpcode.ExchangeMtuRequest => "Exchange MTU",
        AttOpcode.FindInformationRequest => "Find Information",
        AttOpcode.FindByTypeValueRequest => "Find By Type Value",
        AttOpcode.ReadByTypeRequest => "Read By Type",
        AttOpcode.ReadRequest => "Read",
        AttOpcode.ReadBlobRequest => "Read Blob",
        AttOpcode.ReadByGroupTypeRequest => "Read By Group Type",
        AttOpcode.WriteRequest => "Write",
        _ => $"ATT request 0x{opcode:X2}",
    };

    /// <summary>Closes the bearer. Pending requests fail with NotConnected; <see cref="Closed"/> fires with null.</summary>
    public async ValueTask DisposeAsync()
    {
        await CloseAsync(null).ConfigureAwait(false);
        // A Closed/LinkLost handler may dispose us from inside the ending receive loop: never wait for ourselves.
        if (_receiveLoop is not null && !_loopEnding) await _receiveLoop.ConfigureAwait(false);
    }

    private sealed class Pending(byte requestOpcode, byte responseOpcode)
    {
        public byte RequestOpcode { get; } = requestOpcode;
        public byte ResponseOpcode { get; } = responseOpcode;
        public TaskCompletionSource<byte[]> Response { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public volatile bool Abandoned;
    }
}
