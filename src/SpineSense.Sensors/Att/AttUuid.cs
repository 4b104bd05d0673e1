using System.Buffers.Binary;
using System.Globalization;

namespace SpineSense.Sensors.Att;

/// <summary>
/// A Bluetooth UUID held as its 128-bit value. 16-bit UUIDs are aliases inside the Bluetooth Base UUID
/// <c>0000xxxx-0000-1000-8000-00805F9B34FB</c>, so a 16-bit UUID on the wire and its 128-bit form compare equal.
/// On the wire every UUID is little-endian (Core Vol 3 Part B 2.5.1): the string's last byte goes first.
/// </summary>
public readonly record struct AttUuid(UInt128 Value)
{
    private static readonly UInt128 BaseUuid = Parse128("00000000-0000-1000-8000-00805f9b34fb");
    private static readonly UInt128 ShortMask = new(0xFFFF_FFFF_0000_0000UL, 0);

    public static AttUuid FromUInt16(ushort shortUuid) => new(BaseUuid | ((UInt128)shortUuid << 96));

    /// <summary>True when this UUID has a 16-bit alias (it lies in the Base UUID with the top 16 of 32 bits zero).</summary>
    public bool Is16Bit => (Value & ~ShortMask) == BaseUuid && (ushort)(Value >> 112) == 0;

    public ushort As16Bit => (ushort)(Value >> 96);

    /// <summary>2 for 16-bit aliases, else 16: how many bytes it takes in a PDU.</summary>
    public int WireLength => Is16Bit ? 2 : 16;

    /// <summary>From a <see cref="Guid"/> written in the usual textual order (as SpineSense.Protocol's constants are).</summary>
    public static AttUuid FromGuid(Guid guid)
    {
        Span<byte> bigEndian = stackalloc byte[16];
        guid.TryWriteBytes(bigEndian, bigEndian: true, out _);
        return new AttUuid(BinaryPrimitives.ReadUInt128BigEndian(bigEndian));
    }

    /// <summary>Parses "2a19", "0x2A19" or the canonical 36-character form.</summary>
    public static AttUuid Parse(string text)
    {
        if (TryParse(text, out var uuid)) return uuid;
        throw new FormatException($"'{text}' is not a Bluetooth UUID (expected 4 hex digits or xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)");
    }

    public static bool TryParse(string text, out AttUuid uuid)
    {
        uuid = default;
        string t = text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? text[2..] : text;
        if (t.Length == 4 && ushort.TryParse(t, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out ushort s))
        {
            uuid = FromUInt16(s);
            return true;
        }
        if (t.Length != 36 || t[8] != '-' || t[13] != '-' || t[18] != '-' || t[23] != '-') return false;
        string hex = t.Replace("-", "", StringComparison.Ordinal);
        if (!UInt128.TryParse(hex, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var v)) return false;
        uuid = new AttUuid(v);
        return true;
    }

    private static UInt128 Parse128(string text) => Parse(text).Value;

    /// <summary>Reads a 2- or 16-byte little-endian UUID; false for any other length.</summary>
    public static bool TryRead(ReadOnlySpan<byte> wire, out AttUuid uuid)
    {
        switch (wire.Length)
        {
            case 2: uuid = FromUInt16(BinaryPrimitives.ReadUInt16LittleEndian(wire)); return true;
            case 16: uuid = new AttUuid(BinaryPrimitives.ReadUInt128LittleEndian(wire)); return true;
            default: uuid = default; return false;
        }
    }

    /// <summary>Writes the shortest wire form (<see cref="WireLength"/> bytes); returns the byte count.</summary>
    public int Write(Span<byte> destination)
    {
        if (Is16Bit)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(destination, As16Bit);
            return 2;
        }
        BinaryPrimitives.WriteUInt128LittleEndian(destination, Value);
        return 16;
    }

    /// <summary>Writes the full 128-bit little-endian form (16 bytes), as advertising data and Find By Type Value use.</summary>
    public void Write128(Span<byte> destination) => BinaryPrimitives.WriteUInt128LittleEndian(destination, Value);

    public override string ToString()
    {
        if (Is16Bit) return "0x" + As16Bit.ToString("X4", CultureInfo.InvariantCulture);
        string h = Value.ToString("x32", CultureInfo.InvariantCulture);
        return $"{h[..8]}-{h[8..12]}-{h[12..16]}-{h[16..20]}-{h[20..]}";
    }
}
