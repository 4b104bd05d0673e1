using System.Buffers.Binary;
using System.Collections.Concurrent;
using SpineSense.Sensors.Att;
using SpineSense.Sensors.Transport;

namespace SpineSense.Sensors.Tests.Fakes;

/// <summary>
/// An in-process BLE peripheral: an ATT server speaking real PDUs over a message transport (one end of a
/// socketpair(AF_UNIX, SOCK_SEQPACKET)). It follows the server rules of Core 5.4 Vol 3 Part F: one response per
/// request, "Attribute Not Found" when a search range is exhausted, responses truncated to the MTU, notifications
/// only when the CCCD enables them, indications waiting for a confirmation. Faults: one-shot ATT errors per opcode,
/// silence (no responses), dropping the connection.
/// </summary>
internal sealed class FakePeripheral : IAsyncDisposable
{
    private readonly IPacketTransport _transport;
    private readonly FakeGattDatabase _db;
    private readonly ushort _serverRxMtu;
    private readonly ConcurrentDictionary<byte, AttErrorCode> _failNext = new();
    private readonly Task _loop;
    private TaskCompletionSource? _pendingConfirmation;
    private int _mtu = AttPdu.DefaultMtu;

    public FakePeripheral(IPacketTransport transport, FakeGattDatabase db, ushort serverRxMtu = 247)
    {
        _transport = transport;
        _db = db;
        _serverRxMtu = serverRxMtu;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Starts a client transport and a fake peripheral on a fresh socket pair.</summary>
    public static (IPacketTransport Client, FakePeripheral Peripheral) Pair(FakeGattDatabase db, ushort serverRxMtu = 247)
    {
        var (a, b) = FdPacketTransport.CreatePair("fake-peripheral");
        return (a, new FakePeripheral(b, db, serverRxMtu));
    }

    public int Mtu => Volatile.Read(ref _mtu);

    /// <summary>Every request and command PDU received, in order.</summary>
    public ConcurrentQueue<byte[]> Received { get; } = new();

    /// <summary>Values written to the control point, in order.</summary>
    public ConcurrentQueue<byte[]> ControlPointWrites { get; } = new();

    /// <summary>When set, each control-point write is answered by an indication with this function's result.</summary>
    public Func<byte[], byte[]?>? ControlPointResponder { get; set; }

    /// <summary>Ignore every request from now on (the client's ATT timeout must fire).</summary>
    public bool Silent { get; set; }

    public int Confirmations;

    public void FailNext(byte requestOpcode, AttErrorCode code) => _failNext[requestOpcode] = code;

    public ushort CccdValue(ushort cccdHandle) => BinaryPrimitives.ReadUInt16LittleEndian(_db.Find(cccdHandle)!.Value);

    public int CountReceived(byte opcode) => Received.Count(p => p[0] == opcode);

    /// <summary>Sends a notification if the client enabled it (as a real stack does); the value is cut to MTU − 3.</summary>
    public async Task<bool> NotifyAsync(ushort valueHandle, ReadOnlyMemory<byte> value)
    {
        if ((CccdValue((ushort)(valueHandle + 1)) & 1) == 0) return false;
        var pdu = new byte[3 + Math.Min(value.Length, Mtu - 3)];
        AttPdu.WriteHandleValue(pdu, valueHandle, value.Span[..(pdu.Length - 3)], indication: false);
        await _transport.SendAsync(pdu, CancellationToken.None);
        return true;
    }

    /// <summary>Sends an indication and waits (up to 30 s: a loaded machine is slow) for the client's confirmation; false if none came.</summary>
    public async Task<bool> IndicateAsync(ushort valueHandle, ReadOnlyMemory<byte> value)
    {
        if ((CccdValue((ushort)(valueHandle + 1)) & 2) == 0) return false;
        var confirmed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _pendingConfirmation, confirmed);
        var pdu = new byte[3 + Math.Min(value.Length, Mtu - 3)];
        AttPdu.WriteHandleValue(pdu, valueHandle, value.Span[..(pdu.Length - 3)], indication: true);
        await _transport.SendAsync(pdu, CancellationToken.None);
        try { await confirmed.Task.WaitAsync(TimeSpan.FromSeconds(30)); return true; }
        catch (TimeoutException) { return false; }
    }

    /// <summary>Sends raw bytes as the server (for malformed-PDU and unsolicited-request tests).</summary>
    public ValueTask SendRawAsync(byte[] pdu) => _transport.SendAsync(pdu, CancellationToken.None);

    /// <summary>Drops the connection as a sensor walking out of range would (the socket closes under the client).</summary>
    public ValueTask DropAsync() => _transport.DisposeAsync();

    private async Task RunAsync()
    {
        try
        {
            while (await _transport.ReceiveAsync(CancellationToken.None) is { } pdu)
            {
                if (pdu.Length == 0) continue;
                if (pdu[0] == AttOpcode.HandleValueConfirmation)
                {
                    Interlocked.Increment(ref Confirmations);
                    Volatile.Read(ref _pendingConfirmation)?.TrySetResult();
                    continue;
                }
                Received.Enqueue(pdu);
                if (Silent) continue;
                byte[]? rsp = Handle(pdu, out byte[]? indicationAfter);
                if (rsp is not null) await _transport.SendAsync(rsp, CancellationToken.None);
                if (indicationAfter is not null)
                    _ = IndicateAsync(ControlPointHandle, indicationAfter);
            }
        }
        catch (SensorLinkException)
        {
            // the client went away
        }
    }

    private ushort ControlPointHandle { get; set; }

    private byte[]? Handle(byte[] pdu, out byte[]? indicationAfter)
    {
        indicationAfter = null;
        byte op = pdu[0];
        if (_failNext.TryRemove(op, out var injected))
            return Error(op, pdu.Length >= 3 ? BinaryPrimitives.ReadUInt16LittleEndian(pdu.AsSpan(1)) : (ushort)0, injected);
        switch (op)
        {
            case AttOpcode.ExchangeMtuRequest:
                AttPdu.TryReadU16(pdu, op, out ushort clientMtu);
                Volatile.Write(ref _mtu, Math.Max(AttPdu.DefaultMtu, Math.Min((int)clientMtu, (int)_serverRxMtu)));
                var mtuRsp = new byte[3];
                AttPdu.WriteExchangeMtuResponse(mtuRsp, _serverRxMtu);
                return mtuRsp;
            case AttOpcode.FindInformationRequest: return FindInformation(pdu);
            case AttOpcode.FindByTypeValueRequest: return FindByTypeValue(pdu);
            case AttOpcode.ReadByTypeRequest: return ReadByType(pdu, op, AttOpcode.ReadByTypeResponse, group: false);
            case AttOpcode.ReadByGroupTypeRequest: return ReadByType(pdu, op, AttOpcode.ReadByGroupTypeResponse, group: true);
            case AttOpcode.ReadRequest: return Read(pdu);
            case AttOpcode.ReadBlobRequest: return ReadBlob(pdu);
            case AttOpcode.WriteRequest: return Write(pdu, out indicationAfter);
            default:
                return AttOpcode.IsRequest(op) ? Error(op, 0, AttErrorCode.RequestNotSupported) : null;
        }
    }

    private byte[] FindInformation(byte[] pdu)
    {
        if (!AttPdu.TryReadRange(pdu, pdu[0], out ushort start, out ushort end, out _) || start == 0 || start > end)
            return Error(pdu[0], start, AttErrorCode.InvalidHandle);
        var rsp = new List<byte> { AttOpcode.FindInformationResponse, 0 };
        int format = 0;
        foreach (var a in InRange(start, end))
        {
            int f = a.Type.Is16Bit ? 1 : 2;
            int entry = f == 1 ? 4 : 18;
            if (format == 0) format = f;
            if (f != format || rsp.Count + entry > Mtu) break;
            var e = new byte[entry];
            BinaryPrimitives.WriteUInt16LittleEndian(e, a.Handle);
            a.Type.Write(e.AsSpan(2));
            rsp.AddRange(e);
        }
        if (format == 0) return Error(pdu[0], start, AttErrorCode.AttributeNotFound);
        rsp[1] = (byte)format;
        return [.. rsp];
    }

    private byte[] FindByTypeValue(byte[] pdu)
    {
        if (!AttPdu.TryReadRange(pdu, pdu[0], out ushort start, out ushort end, out var rest) || start == 0 || start > end || rest.Length < 2)
            return Error(pdu[0], start, AttErrorCode.InvalidHandle);
        var type = AttUuid.FromUInt16(BinaryPrimitives.ReadUInt16LittleEndian(rest));
        var value = rest[2..].ToArray();
        var rsp = new List<byte> { AttOpcode.FindByTypeValueResponse };
        foreach (var a in InRange(start, end))
        {
            if (a.Type != type || !a.Value.AsSpan().SequenceEqual(value)) continue;
            if (rsp.Count + 4 > Mtu) break;
            var e = new byte[4];
            BinaryPrimitives.WriteUInt16LittleEndian(e, a.Handle);
            BinaryPrimitives.WriteUInt16LittleEndian(e.AsSpan(2), a.GroupEnd == 0 ? a.Handle : a.GroupEnd);
            rsp.AddRange(e);
        }
        return rsp.Count == 1 ? Error(pdu[0], start, AttErrorCode.AttributeNotFound) : [.. rsp];
    }

    private byte[] ReadByType(byte[] pdu, byte op, byte rspOp, bool group)
    {
        if (!AttPdu.TryReadRange(pdu, op, out ushort start, out ushort end, out var rest) || start == 0 || start > end)
            return Error(op, start, AttErrorCode.InvalidHandle);
        if (!AttUuid.TryRead(rest, out var type)) return Error(op, start, AttErrorCode.InvalidPdu);
        if (group && type != AttUuid.FromUInt16(0x2800) && type != AttUuid.FromUInt16(0x2801))
            return Error(op, start, AttErrorCode.UnsupportedGroupType);
        var rsp = new List<byte> { rspOp, 0 };
        int entryLength = 0;
        foreach (var a in InRange(start, end))
        {
            if (a.Type != type) continue;
            int header = group ? 4 : 2;
            // All entries of one response have the same length; stop at the first that differs (3.4.4.2).
            int len = header + Math.Min(a.Value.Length, Math.Min(Mtu - 2 - header, 255 - header));
            if (entryLength == 0) entryLength = len;
            if (len != entryLength || rsp.Count + len > Mtu) break;
            var e = new byte[len];
            BinaryPrimitives.WriteUInt16LittleEndian(e, a.Handle);
            if (group) BinaryPrimitives.WriteUInt16LittleEndian(e.AsSpan(2), a.GroupEnd);
            a.Value.AsSpan(0, len - header).CopyTo(e.AsSpan(header));
            rsp.AddRange(e);
        }
        if (entryLength == 0) return Error(op, start, AttErrorCode.AttributeNotFound);
        rsp[1] = (byte)entryLength;
        return [.. rsp];
    }

    private byte[] Read(byte[] pdu)
    {
        AttPdu.TryReadU16(pdu, pdu[0], out ushort handle);
        var a = _db.Find(handle);
        if (a is null) return Error(pdu[0], handle, AttErrorCode.InvalidHandle);
        if (!a.Readable) return Error(pdu[0], handle, AttErrorCode.ReadNotPermitted);
        int n = Math.Min(a.Value.Length, Mtu - 1);
        return [AttOpcode.ReadResponse, .. a.Value.AsSpan(0, n)];
    }

    private byte[] ReadBlob(byte[] pdu)
    {
        AttPdu.TryReadRange(pdu, pdu[0], out ushort handle, out ushort offset, out _);
        var a = _db.Find(handle);
        if (a is null) return Error(pdu[0], handle, AttErrorCode.InvalidHandle);
        if (!a.Readable) return Error(pdu[0], handle, AttErrorCode.ReadNotPermitted);
        if (offset > a.Value.Length) return Error(pdu[0], handle, AttErrorCode.InvalidOffset);
        if (a.Value.Length <= Mtu - 1) return Error(pdu[0], handle, AttErrorCode.AttributeNotLong);
        int n = Math.Min(a.Value.Length - offset, Mtu - 1);
        return [AttOpcode.ReadBlobResponse, .. a.Value.AsSpan(offset, n)];
    }

    private byte[] Write(byte[] pdu, out byte[]? indicationAfter)
    {
        indicationAfter = null;
        AttPdu.TryReadHandleValue(pdu, out ushort handle, out var value);
        var a = _db.Find(handle);
        if (a is null) return Error(pdu[0], handle, AttErrorCode.InvalidHandle);
        if (!a.Writable) return Error(pdu[0], handle, AttErrorCode.WriteNotPermitted);
        if (a.Type == AttUuid.FromUInt16(0x2902) && value.Length != 2)
            return Error(pdu[0], handle, AttErrorCode.InvalidAttributeValueLength);
        a.Value = value.ToArray();
        if (a.Type == SpineSense.Sensors.Gatt.SpineSenseGatt.ControlPoint)
        {
            ControlPointHandle = handle;
            ControlPointWrites.Enqueue(a.Value);
            indicationAfter = ControlPointResponder?.Invoke(a.Value);
        }
        return [AttOpcode.WriteResponse];
    }

    private IEnumerable<FakeAttribute> InRange(ushort start, ushort end)
    {
        foreach (var a in _db.Attributes)
            if (a.Handle >= start && a.Handle <= end) yield return a;
    }

    private static byte[] Error(byte op, ushort handle, AttErrorCode code)
    {
        var e = new byte[5];
        AttPdu.WriteErrorResponse(e, op, handle, code);
        return e;
    }

    public async ValueTask DisposeAsync()
    {
        await _transport.DisposeAsync();
        await _loop;
    }
}
