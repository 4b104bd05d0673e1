using System.Buffers.Binary;

namespace SpineSense.Sensors.Att;

/// <summary>
/// Pure ATT PDU encoding and decoding (Core 5.4 Vol 3 Part F 3.4) over spans: no allocation, no I/O.
/// Writers return the byte count written; readers are Try-shaped and never throw on malformed input.
/// All multi-byte fields are little-endian.
/// </summary>
public static class AttPdu
{
    /// <summary>The LE default ATT_MTU; every device must accept PDUs of this size.</summary>
    public const int DefaultMtu = 23;

    /// <summary>Largest ATT_MTU this host asks for: 247 fills one LE Data Length Extension packet (251 − 4 L2CAP).</summary>
    public const int PreferredMtu = 247;

    /// <summary>Largest value ATT allows (3.2.9).</summary>
    public const int MaxAttributeValueLength = 512;

    // ── requests (client → server) ─────────────────────────────────────────────────────────────────────────────

    // Exchange MTU Request: | 0x02 | Client Rx MTU (2) |
    public static int WriteExchangeMtuRequest(Span<byte> pdu, ushort clientRxMtu) =>
        WriteOpcodeU16(pdu, AttOpcode.ExchangeMtuRequest, clientRxMtu);

    // Find Information Request: | 0x04 | Starting Handle (2) | Ending Handle (2) |
    public static int WriteFindInformationRequest(Span<byte> pdu, ushort startHandle, ushort endHandle) =>
        WriteRange(pdu, AttOpcode.FindInformationRequest, startHandle, endHandle);

    // Find By Type Value Request: | 0x06 | Start (2) | End (2) | Attribute Type (2, 16-bit only) | Value (0..MTU−7) |
    public static int WriteFindByTypeValueRequest(Span<byte> pdu, ushort startHandle, ushort endHandle, ushort type16, ReadOnlySpan<byte> value)
    {
        WriteRange(pdu, AttOpcode.FindByTypeValueRequest, startHandle, endHandle);
        BinaryPrimitives.WriteUInt16LittleEndian(pdu[5..], type16);
        value.CopyTo(pdu[7..]);
        return 7 + value.Length;
    }

    // Read By Type Request: | 0x08 | Start (2) | End (2) | Attribute Type (2 or 16) |
    public static int WriteReadByTypeRequest(Span<byte> pdu, ushort startHandle, ushort endHandle, AttUuid type)
    {
        WriteRange(pdu, AttOpcode.ReadByTypeRequest, startHandle, endHandle);
        return 5 + type.Write(pdu[5..]);
    }

    // Read Request: | 0x0A | Handle (2) |
    public static int WriteReadRequest(Span<byte> pdu, ushort handle) => WriteOpcodeU16(pdu, AttOpcode.ReadRequest, handle);

    // Read Blob Request: | 0x0C | Handle (2) | Offset (2) |
    public static int WriteReadBlobRequest(Span<byte> pdu, ushort handle, ushort offset) =>
        WriteRange(pdu, AttOpcode.ReadBlobRequest, handle, offset);

    // Read By Group Type Request: | 0x10 | Start (2) | End (2) | Group Type (2 or 16) |
    public static int WriteReadByGroupTypeRequest(Span<byte> pdu, ushort startHandle, ushort endHandle, AttUuid groupType)
    {
        WriteRange(pdu, AttOpcode.ReadByGroupTypeRequest, startHandle, endHandle);
        return 5 + groupType.Write(pdu[5..]);
    }

    // Write Request: | 0x12 | Handle (2) | Value (0..MTU−3) |   (Write Command is the same with 0x52)
    public static int WriteWriteRequest(Span<byte> pdu, ushort handle, ReadOnlySpan<byte> value, bool withResponse = true)
    {
        WriteOpcodeU16(pdu, withResponse ? AttOpcode.WriteRequest : AttOpcode.WriteCommand, handle);
        value.CopyTo(pdu[3..]);
        return 3 + value.Length;
    }

    // Handle Value Confirmation: | 0x1E |
    public static int WriteHandleValueConfirmation(Span<byte> pdu)
    {
        pdu[0] = AttOpcode.HandleValueConfirmation;
        return 1;
    }

    // ── server → client (used by fake peripherals and by the client to refuse server requests) ──────────────────

    // Error Response: | 0x01 | Request Opcode In Error (1) | Attribute Handle In Error (2) | Error Code (1) |
    public static int WriteErrorResponse(Span<byte> pdu, byte requestOpcode, ushort handle, AttErrorCode code)
    {
        pdu[0] = AttOpcode.ErrorResponse;
        pdu[1] = requestOpcode;
        BinaryPrimitives.WriteUInt16LittleEndian(pdu[2..], handle);
        pdu[4] = (byte)code;
        return 5;
    }

    // Exchange MTU Response: | 0x03 | Server Rx MTU (2) |
    public static int WriteExchangeMtuResponse(Span<byte> pdu, ushort serverRxMtu) =>
        WriteOpcodeU16(pdu, AttOpcode.ExchangeMtuResponse, serverRxMtu);

    // Handle Value Notification / Indication: | 0x1B or 0x1D | Handle (2) | Value (0..MTU−3) |
    public static int WriteHandleValue(Span<byte> pdu, ushort handle, ReadOnlySpan<byte> value, bool indication)
    {
        WriteOpcodeU16(pdu, indication ? AttOpcode.HandleValueIndication : AttOpcode.HandleValueNotification, handle);
        value.CopyTo(pdu[3..]);
        return 3 + value.Length;
    }

    // ── readers ─────────────────────────────────────────────────────────────────────────────────────────────────

    public static bool TryReadErrorResponse(ReadOnlySpan<byte> pdu, out byte requestOpcode, out ushort handle, out byte errorCode)
    {
        if (pdu.Length != 5 || pdu[0] != AttOpcode.ErrorResponse)
        {
            requestOpcode = 0; handle = 0; errorCode = 0;
            return false;
        }
        requestOpcode = pdu[1];
        handle = BinaryPrimitives.ReadUInt16LittleEndian(pdu[2..]);
        errorCode = pdu[4];
        return true;
    }

    /// <summary>Reads an opcode followed by one 16-bit field (MTU request/response, read request).</summary>
    public static bool TryReadU16(ReadOnlySpan<byte> pdu, byte opcode, out ushort value)
    {
        if (pdu.Length != 3 || pdu[0] != opcode) { value = 0; return false; }
        value = BinaryPrimitives.ReadUInt16LittleEndian(pdu[1..]);
        return true;
    }

    /// <summary>Reads an opcode followed by a handle range (or handle + offset for Read Blob) and the rest.</summary>
    public static bool TryReadRange(ReadOnlySpan<byte> pdu, byte opcode, out ushort first, out ushort second, out ReadOnlySpan<byte> rest)
    {
        if (pdu.Length < 5 || pdu[0] != opcode) { first = 0; second = 0; rest = default; return false; }
        first = BinaryPrimitives.ReadUInt16LittleEndian(pdu[1..]);
        second = BinaryPrimitives.ReadUInt16LittleEndian(pdu[3..]);
        rest = pdu[5..];
        return true;
    }

    /// <summary>Reads a PDU shaped | opcode | handle (2) | value |: notifications, indications, write requests/commands.</summary>
    public static bool TryReadHandleValue(ReadOnlySpan<byte> pdu, out ushort handle, out ReadOnlySpan<byte> value)
    {
        if (pdu.Length < 3) { handle = 0; value = default; return false; }
        handle = BinaryPrimitives.ReadUInt16LittleEndian(pdu[1..]);
        value = pdu[3..];
        return true;
    }

    /// <summary>
    /// Splits a Read By Type (0x09) or Read By Group Type (0x11) response: | opcode | Length (1) | Attribute Data List |,
    /// every entry <paramref name="entryLength"/> bytes. False when the list is empty or not a whole number of entries,
    /// or entries are shorter than <paramref name="minEntryLength"/>.
    /// </summary>
    public static bool TryReadDataList(ReadOnlySpan<byte> pdu, byte opcode, int minEntryLength, out int entryLength, out ReadOnlySpan<byte> entries)
    {
        entryLength = 0; entries = default;
        if (pdu.Length < 2 || pdu[0] != opcode) return false;
        int len = pdu[1];
        var list = pdu[2..];
        if (len < minEntryLength || list.Length == 0 || list.Length % len != 0) return false;
        entryLength = len;
        entries = list;
        return true;
    }

    /// <summary>
    /// Splits a Find Information Response: | 0x05 | Format (1: 16-bit UUIDs, 2: 128-bit) | (Handle, UUID) pairs |.
    /// </summary>
    public static bool TryReadFindInformation(ReadOnlySpan<byte> pdu, out int entryLength, out ReadOnlySpan<byte> entries)
    {
        entryLength = 0; entries = default;
        if (pdu.Length < 2 || pdu[0] != AttOpcode.FindInformationResponse) return false;
        int len = pdu[1] switch { 1 => 4, 2 => 18, _ => 0 };
        var list = pdu[2..];
        if (len == 0 || list.Length == 0 || list.Length % len != 0) return false;
        entryLength = len;
        entries = list;
        return true;
    }

    /// <summary>Splits a Find By Type Value Response: | 0x07 | (Found Attribute Handle, Group End Handle) × n |.</summary>
    public static bool TryReadHandlesInformation(ReadOnlySpan<byte> pdu, out ReadOnlySpan<byte> entries)
    {
        entries = default;
        if (pdu.Length < 5 || pdu[0] != AttOpcode.FindByTypeValueResponse || (pdu.Length - 1) % 4 != 0) return false;
        entries = pdu[1..];
        return true;
    }

    private static int WriteOpcodeU16(Span<byte> pdu, byte opcode, ushort value)
    {
        pdu[0] = opcode;
        BinaryPrimitives.WriteUInt16LittleEndian(pdu[1..], value);
        return 3;
    }

    private static int WriteRange(Span<byte> pdu, byte opcode, ushort first, ushort second)
    {
        pdu[0] = opcode;
        BinaryPrimitives.WriteUInt16LittleEndian(pdu[1..], first);
        BinaryPrimitives.WriteUInt16LittleEndian(pdu[3..], second);
        return 5;
    }
}
