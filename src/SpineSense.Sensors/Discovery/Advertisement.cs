using System.Text;
using SpineSense.Sensors.Att;

namespace SpineSense.Sensors.Discovery;

/// <summary>
/// What a device advertised (Core Supplement Part A, data types): its flags, service UUIDs and local name.
/// Parsed from the EIR/AD bytes of a Device Found event: a sequence of | Length (1) | AD Type (1) | Data (Length−1) |.
/// </summary>
public sealed record Advertisement(byte Flags, IReadOnlyList<AttUuid> ServiceUuids, string? LocalName, sbyte? TxPowerDbm)
{
    public const byte TypeFlags = 0x01;
    public const byte TypeIncomplete16 = 0x02;
    public const byte TypeComplete16 = 0x03;
    public const byte TypeIncomplete128 = 0x06;
    public const byte TypeComplete128 = 0x07;
    public const byte TypeShortName = 0x08;
    public const byte TypeCompleteName = 0x09;
    public const byte TypeTxPower = 0x0A;

    public static readonly Advertisement Empty = new(0, [], null, null);

    /// <summary>
    /// Parses AD structures. A zero length ends the data (what follows is padding). A structure running past the end
    /// makes the whole advertisement malformed (false) — radios corrupt packets and a half-read name is worse than none.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> data, out Advertisement advertisement)
    {
        byte flags = 0;
        sbyte? tx = null;
        string? name = null;
        bool completeName = false;
        var uuids = new List<AttUuid>();
        int i = 0;
        while (i < data.Length)
        {
            int len = data[i];
            if (len == 0) break;
            if (i + 1 + len > data.Length) { advertisement = Empty; return false; }
            byte type = data[i + 1];
            var value = data.Slice(i + 2, len - 1);
            switch (type)
            {
                case TypeFlags when value.Length >= 1: flags = value[0]; break;
                case TypeIncomplete16 or TypeComplete16:
                    if (value.Length % 2 != 0) { advertisement = Empty; return false; }
                    for (int j = 0; j < value.Length; j += 2) { AttUuid.TryRead(value.Slice(j, 2), out var u); uuids.Add(u); }
                    break;
                case TypeIncomplete128 or TypeComplete128:
                    if (value.Length % 16 != 0) { advertisement = Empty; return false; }
                    for (int j = 0; j < value.Length; j += 16) { AttUuid.TryRead(value.Slice(j, 16), out var u); uuids.Add(u); }
                    break;
                case TypeCompleteName:
                    name = Encoding.UTF8.GetString(value); completeName = true; break;
                case TypeShortName when !completeName:
                    name = Encoding.UTF8.GetString(value); break;
                case TypeTxPower when value.Length >= 1: tx = (sbyte)value[0]; break;
            }
            i += 1 + len;
        }
        advertisement = new Advertisement(flags, uuids, name, tx);
        return true;
    }
}
