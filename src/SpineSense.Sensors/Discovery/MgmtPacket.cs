using System.Buffers.Binary;

namespace SpineSense.Sensors.Discovery;

/// <summary>
/// BlueZ management API packets (doc/mgmt-api.txt in the BlueZ tree), pure encode/decode. Every packet is
/// | Opcode or Event code (le16) | Controller Index (le16) | Parameter Length (le16) | Parameters |.
/// </summary>
public static class MgmtPacket
{
    public const int HeaderLength = 6;

    /// <summary>"No controller": commands about the subsystem, not one adapter.</summary>
    public const ushort IndexNone = 0xFFFF;

    public const ushort OpReadIndexList = 0x0003;
    public const ushort OpStartDiscovery = 0x0023;
    public const ushort OpStopDiscovery = 0x0024;
    public const ushort OpGetConnInfo = 0x0031;

    /// <summary>What Get Connection Information returns for an RSSI or TX power the controller does not know.</summary>
    public const sbyte ConnInfoUnknown = 127;

    public const ushort EvCommandComplete = 0x0001;
    public const ushort EvCommandStatus = 0x0002;
    public const ushort EvIndexRemoved = 0x0005;
    public const ushort EvDeviceFound = 0x0012;
    public const ushort EvDiscovering = 0x0013;

    /// <summary>Address-type bitmask for Start Discovery: LE public (bit 1) | LE random (bit 2).</summary>
    public const byte DiscoveryTypeLe = 0x06;

    public const byte StatusSuccess = 0x00;
    public const byte StatusBusy = 0x0A;
    public const byte StatusNotSupported = 0x0C;
    public const byte StatusInvalidParameters = 0x0D;
    public const byte StatusNotPowered = 0x0F;
    public const byte StatusRfKilled = 0x12;
    public const byte StatusPermissionDenied = 0x14;

    public static byte[] Command(ushort opcode, ushort index, ReadOnlySpan<byte> parameters)
    {
        var p = new byte[HeaderLength + parameters.Length];
        BinaryPrimitives.WriteUInt16LittleEndian(p, opcode);
        BinaryPrimitives.WriteUInt16LittleEndian(p.AsSpan(2), index);
        BinaryPrimitives.WriteUInt16LittleEndian(p.AsSpan(4), (ushort)parameters.Length);
        parameters.CopyTo(p.AsSpan(HeaderLength));
        return p;
    }

    /// <summary>Splits a packet into header fields and parameters; false if the length field disagrees.</summary>
    public static bool TryRead(ReadOnlySpan<byte> packet, out ushort code, out ushort index, out ReadOnlySpan<byte> parameters)
    {
        code = 0; index = 0; parameters = default;
        if (packet.Length < HeaderLength) return false;
        int length = BinaryPrimitives.ReadUInt16LittleEndian(packet[4..]);
        if (packet.Length != HeaderLength + length) return false;
        code = BinaryPrimitives.ReadUInt16LittleEndian(packet);
        index = BinaryPrimitives.ReadUInt16LittleEndian(packet[2..]);
        parameters = packet[HeaderLength..];
        return true;
    }

    /// <summary>Command Complete / Command Status: | Command Opcode (le16) | Status (1) | Return Parameters |.</summary>
    public static bool TryReadCommandResult(ReadOnlySpan<byte> parameters, out ushort opcode, out byte status, out ReadOnlySpan<byte> returned)
    {
        opcode = 0; status = 0; returned = default;
        if (parameters.Length < 3) return false;
        opcode = BinaryPrimitives.ReadUInt16LittleEndian(parameters);
        status = parameters[2];
        returned = parameters[3..];
        return true;
    }

    /// <summary>
    /// Device Found: | Address (6) | Address Type (1) | RSSI (s8, dBm) | Flags (le32) | EIR Data Length (le16) | EIR Data |.
    /// </summary>
    public static bool TryReadDeviceFound(ReadOnlySpan<byte> parameters, out Ble.BluetoothAddress address, out byte addressType,
                                          out sbyte rssiDbm, out ReadOnlySpan<byte> eir)
    {
        address = default; addressType = 0; rssiDbm = 0; eir = default;
        if (parameters.Length < 14) return false;
        int eirLength = BinaryPrimitives.ReadUInt16LittleEndian(parameters[12..]);
        if (parameters.Length != 14 + eirLength) return false;
        address = Ble.BluetoothAddress.ReadBdAddr(parameters);
        addressType = parameters[6];
        rssiDbm = (sbyte)parameters[7];
        eir = parameters[14..];
        return true;
    }

    /// <summary>Get Connection Information parameters: | Address (6) | Address Type (1) |.</summary>
    public static byte[] GetConnInfoParameters(Ble.BluetoothAddress address, Ble.BleAddressType type)
    {
        var p = new byte[7];
        address.WriteBdAddr(p);
        p[6] = (byte)type;
        return p;
    }

    /// <summary>
    /// Get Connection Information return parameters: | Address (6) | Address Type (1) | RSSI (s8) | TX Power (s8) |
    /// Max TX Power (s8) |. <paramref name="rssiDbm"/> is null when the controller reports 127 (unknown).
    /// </summary>
    public static bool TryReadConnInfo(ReadOnlySpan<byte> returned, out Ble.BluetoothAddress address, out byte addressType, out sbyte? rssiDbm)
    {
        address = default; addressType = 0; rssiDbm = null;
        if (returned.Length < 10) return false;
        address = Ble.BluetoothAddress.ReadBdAddr(returned);
        addressType = returned[6];
        sbyte rssi = (sbyte)returned[7];
        rssiDbm = rssi == ConnInfoUnknown ? null : rssi;
        return true;
    }

    public static string DescribeStatus(byte status) => status switch
    {
        0x01 => "unknown command",
        0x03 => "failed",
        0x07 => "no resources",
        0x08 => "timeout",
        StatusBusy => "busy (another discovery is running)",
        0x0B => "rejected",
        StatusNotSupported => "not supported",
        StatusInvalidParameters => "invalid parameters",
        StatusNotPowered => "adapter powered off",
        StatusRfKilled => "blocked by rfkill",
        StatusPermissionDenied => "permission denied",
        0x11 => "invalid controller index",
        _ => "status 0x" + status.ToString("X2", System.Globalization.CultureInfo.InvariantCulture),
    };
}
