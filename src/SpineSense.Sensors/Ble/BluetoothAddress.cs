using System.Globalization;

namespace SpineSense.Sensors.Ble;

/// <summary>A 48-bit Bluetooth device address, written most significant octet first ("C0:11:22:33:44:55").
/// On the wire and in BlueZ's bdaddr_t the octets are reversed (least significant first).</summary>
public readonly record struct BluetoothAddress(ulong Value)
{
    public static BluetoothAddress Parse(string text) =>
        TryParse(text, out var a) ? a : throw new FormatException($"'{text}' is not a Bluetooth address (expected XX:XX:XX:XX:XX:XX)");

    public static bool TryParse(string text, out BluetoothAddress address)
    {
        address = default;
        if (text.Length != 17) return false;
        ulong v = 0;
        for (int i = 0; i < 6; i++)
        {
            if (i > 0 && text[i * 3 - 1] != ':' && text[i * 3 - 1] != '-') return false;
            if (!byte.TryParse(text.AsSpan(i * 3, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out byte b)) return false;
            v = (v << 8) | b;
        }
        address = new BluetoothAddress(v);
        return true;
    }

    /// <summary>Reads a bdaddr_t (6 bytes, least significant octet first).</summary>
    public static BluetoothAddress ReadBdAddr(ReadOnlySpan<byte> bdaddr)
    {
        ulong v = 0;
        for (int i = 5; i >= 0; i--) v = (v << 8) | bdaddr[i];
        return new BluetoothAddress(v);
    }

    /// <summary>Writes a bdaddr_t (6 bytes, least significant octet first).</summary>
    public void WriteBdAddr(Span<byte> bdaddr)
    {
        for (int i = 0; i < 6; i++) bdaddr[i] = (byte)(Value >> (8 * i));
    }

    public override string ToString()
    {
        Span<char> s = stackalloc char[17];
        for (int i = 0; i < 6; i++)
        {
            byte b = (byte)(Value >> (8 * (5 - i)));
            b.TryFormat(s[(i * 3)..], out _, "X2", CultureInfo.InvariantCulture);
            if (i < 5) s[i * 3 + 2] = ':';
        }
        return new string(s);
    }
}
