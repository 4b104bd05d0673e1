using System.Buffers.Binary;
using SpineSense.Sensors.Att;

namespace SpineSense.Sensors.Gatt;

// GATT discovery procedures (Core 5.4 Vol 3 Part G 4.4–4.7). Each repeats its request from just past the last handle
// returned until the range is exhausted or the server answers "Attribute Not Found", which is how a server says "no
// more" — not a failure.
public sealed partial class GattClient
{
    private const ushort LastHandle = 0xFFFF;

    /// <summary>Discover All Primary Services (Read By Group Type on 0x2800).</summary>
    public async Task<IReadOnlyList<GattService>> DiscoverPrimaryServicesAsync(CancellationToken cancel)
    {
        var services = new List<GattService>();
        ushort start = 1;
        var groupType = AttUuid.FromUInt16(GattUuids.PrimaryService);
        while (true)
        {
            var req = new byte[7];
            AttPdu.WriteReadByGroupTypeRequest(req, start, LastHandle, groupType);
            byte[]? rsp = await RequestUntilNotFoundAsync(req, AttOpcode.ReadByGroupTypeResponse, cancel).ConfigureAwait(false);
            if (rsp is null) break;
            // entry: | Attribute Handle (2) | End Group Handle (2) | UUID (2 or 16) |
            if (!AttPdu.TryReadDataList(rsp, AttOpcode.ReadByGroupTypeResponse, 6, out int len, out var entries) || (len != 6 && len != 20))
                throw Malformed(rsp);
            ushort end = 0;
            for (int i = 0; i < entries.Length; i += len)
            {
                var e = entries.Slice(i, len);
                ushort handle = BinaryPrimitives.ReadUInt16LittleEndian(e);
                end = BinaryPrimitives.ReadUInt16LittleEndian(e[2..]);
                AttUuid.TryRead(e[4..], out var uuid);
                CheckAdvances(handle, end, start, rsp);
                services.Add(new GattService(handle, end, uuid));
            }
            if (end == LastHandle) break;
            start = (ushort)(end + 1);
        }
        return services;
    }

    /// <summary>Discover Primary Service by Service UUID (Find By Type Value on 0x2800 with the UUID as value).</summary>
    public async Task<IReadOnlyList<GattService>> FindPrimaryServicesAsync(AttUuid serviceUuid, CancellationToken cancel)
    {
        var services = new List<GattService>();
        var value = new byte[16];
        int valueLength = serviceUuid.Write(value);
        ushort start = 1;
        while (true)
        {
            var req = new byte[7 + valueLength];
            AttPdu.WriteFindByTypeValueRequest(req, start, LastHandle, GattUuids.PrimaryService, value.AsSpan(0, valueLength));
            byte[]? rsp = await RequestUntilNotFoundAsync(req, AttOpcode.FindByTypeValueResponse, cancel).ConfigureAwait(false);
            if (rsp is null) break;
            if (!AttPdu.TryReadHandlesInformation(rsp, out var entries)) throw Malformed(rsp);
            ushort end = 0;
            for (int i = 0; i < entries.Length; i += 4)
            {
                ushort handle = BinaryPrimitives.ReadUInt16LittleEndian(entries[i..]);
                end = BinaryPrimitives.ReadUInt16LittleEndian(entries[(i + 2)..]);
                CheckAdvances(handle, end, start, rsp);
                services.Add(new GattService(handle, end, serviceUuid));
            }
            if (end == LastHandle) break;
            start = (ushort)(end + 1);
        }
        return services;
    }

    /// <summary>Discover All Characteristics of a Service (Read By Type on 0x2803 within its range).</summary>
    public async Task<IReadOnlyList<GattCharacteristic>> DiscoverCharacteristicsAsync(GattService service, CancellationToken cancel)
    {
        var found = new List<GattCharacteristic>();
        var type = AttUuid.FromUInt16(GattUuids.Characteristic);
        ushort start = service.StartHandle;
        while (start <= service.EndHandle)
        {
            var req = new byte[7];
            AttPdu.WriteReadByTypeRequest(req, start, service.EndHandle, type);
            byte[]? rsp = await RequestUntilNotFoundAsync(req, AttOpcode.ReadByTypeResponse, cancel).ConfigureAwait(false);
            if (rsp is null) break;
            // entry: | Declaration Handle (2) | Properties (1) | Value Handle (2) | UUID (2 or 16) |
            if (!AttPdu.TryReadDataList(rsp, AttOpcode.ReadByTypeResponse, 7, out int len, out var entries) || (len != 7 && len != 21))
                throw Malformed(rsp);
            ushort last = 0;
            for (int i = 0; i < entries.Length; i += len)
            {
                var e = entries.Slice(i, len);
                ushort decl = BinaryPrimitives.ReadUInt16LittleEndian(e);
                var props = (GattProperties)e[2];
                ushort valueHandle = BinaryPrimitives.ReadUInt16LittleEndian(e[3..]);
                AttUuid.TryRead(e[5..], out var uuid);
                CheckAdvances(decl, valueHandle, start, rsp);
                found.Add(new GattCharacteristic(decl, props, valueHandle, uuid));
                last = decl;
            }
            if (last >= service.EndHandle) break;
            start = (ushort)(last + 1);
        }
        return found;
    }

    /// <summary>Discover All Characteristic Descriptors in [<paramref name="startHandle"/>, <paramref name="endHandle"/>]
    /// (Find Information). For a characteristic the range is value handle + 1 up to the next declaration − 1.</summary>
    public async Task<IReadOnlyList<GattDescriptor>> DiscoverDescriptorsAsync(ushort startHandle, ushort endHandle, CancellationToken cancel)
    {
        var found = new List<GattDescriptor>();
        ushort start = startHandle;
        while (start != 0 && start <= endHandle)
        {
            var req = new byte[5];
            AttPdu.WriteFindInformationRequest(req, start, endHandle);
            byte[]? rsp = await RequestUntilNotFoundAsync(req, AttOpcode.FindInformationResponse, cancel).ConfigureAwait(false);
            if (rsp is null) break;
            if (!AttPdu.TryReadFindInformation(rsp, out int len, out var entries)) throw Malformed(rsp);
            ushort last = 0;
            for (int i = 0; i < entries.Length; i += len)
            {
                var e = entries.Slice(i, len);
                ushort handle = BinaryPrimitives.ReadUInt16LittleEndian(e);
                AttUuid.TryRead(e[2..], out var uuid);
                CheckAdvances(handle, handle, start, rsp);
                found.Add(new GattDescriptor(handle, uuid));
                last = handle;
            }
            if (last >= endHandle) break;
            start = (ushort)(last + 1);
        }
        return found;
    }

    private async Task<byte[]?> RequestUntilNotFoundAsync(byte[] req, byte responseOpcode, CancellationToken cancel)
    {
        try
        {
            return await RequestAsync(req, responseOpcode, cancel).ConfigureAwait(false);
        }
        catch (SensorLinkException e) when (e.Error == SensorLinkError.AttError && e.AttError == (byte)AttErrorCode.AttributeNotFound)
        {
            return null;
        }
    }

    // A server must return handles at or after the requested start, in order; anything else would loop forever.
    private static void CheckAdvances(ushort handle, ushort end, ushort start, byte[] rsp)
    {
        if (handle < start || end < handle)
            throw new SensorLinkException(SensorLinkError.ProtocolError,
                $"The sensor returned handle 0x{handle:X4}..0x{end:X4} for a search starting at 0x{start:X4} (opcode 0x{rsp[0]:X2}); refusing to loop");
    }
}
