using System.Buffers.Binary;

namespace SpineSense.Protocol.Gatt;

/// <summary>
/// GATT identifiers of the SpineSense sensor (firmware-protocol/PROTOCOL.md section 2).
/// The custom 128-bit UUIDs spell "SPN" + "SpineSense" in ASCII; the 16-bit ones are Bluetooth SIG assigned numbers.
/// </summary>
public static class SpineSenseUuids
{
    /// <summary>The SpineSense primary service.</summary>
    public static readonly Guid Service = new("53504e01-5370-696e-6553-656e73650000");

    /// <summary>IMU data packets (notify). Payload: <see cref="Packets.ImuPacket"/>.</summary>
    public static readonly Guid ImuData = new("53504e02-5370-696e-6553-656e73650000");

    /// <summary>Control point (write with response + indicate). Payload: <see cref="Control.ControlCommand"/> / <see cref="Control.ControlResponse"/>.</summary>
    public static readonly Guid ControlPoint = new("53504e03-5370-696e-6553-656e73650000");

    /// <summary>Sensor status (read + notify). Payload: <see cref="Status.SensorStatus"/>.</summary>
    public static readonly Guid Status = new("53504e04-5370-696e-6553-656e73650000");

    /// <summary>Standard Device Information service (Bluetooth SIG 0x180A).</summary>
    public const ushort DeviceInformationService16 = 0x180A;
    /// <summary>Standard Battery service (Bluetooth SIG 0x180F).</summary>
    public const ushort BatteryService16 = 0x180F;
    /// <summary>Battery Level characteristic, one byte 0..100 % (0x2A19).</summary>
    public const ushort BatteryLevel16 = 0x2A19;
    /// <summary>Client Characteristic Configuration descriptor (0x2902): 0x0001 notify, 0x0002 indicate.</summary>
    public const ushort ClientCharacteristicConfiguration16 = 0x2902;
    public const ushort ManufacturerName16 = 0x2A29;
    public const ushort ModelNumber16 = 0x2A24;
    public const ushort SerialNumber16 = 0x2A25;
    public const ushort HardwareRevision16 = 0x2A27;
    public const ushort FirmwareRevision16 = 0x2A26;

    /// <summary>CCCD value enabling notifications (little-endian on the wire).</summary>
    public const ushort CccdNotify = 0x0001;
    /// <summary>CCCD value enabling indications (little-endian on the wire).</summary>
    public const ushort CccdIndicate = 0x0002;

    /// <summary>Bluetooth base UUID 0000xxxx-0000-1000-8000-00805F9B34FB (Core spec Vol 3 Part B 2.5.1).</summary>
    public static readonly Guid BluetoothBase = new("00000000-0000-1000-8000-00805f9b34fb");

    /// <summary>Expands a 16-bit SIG UUID to 128 bits using the Bluetooth base UUID.</summary>
    public static Guid FromShort(ushort uuid16) => new($"0000{uuid16:x4}-0000-1000-8000-00805f9b34fb");

    /// <summary>
    /// Writes <paramref name="uuid"/> in ATT byte order: the 128-bit value little-endian, i.e. the
    /// textual form's bytes reversed (Core spec Vol 3 Part F 3.2.1). Needs 16 bytes.
    /// </summary>
    public static bool TryWriteAttBytes(Guid uuid, Span<byte> destination)
    {
        if (destination.Length < 16 || !uuid.TryWriteBytes(destination, bigEndian: true, out _))
        {
            return false;
        }
        destination[..16].Reverse();
        return true;
    }

    /// <summary>Reads a 128-bit UUID in ATT byte order (little-endian), or a 16-bit one expanded with the base UUID.</summary>
    public static bool TryReadAttBytes(ReadOnlySpan<byte> source, out Guid uuid)
    {
        if (source.Length == 2)
        {
            uuid = FromShort(BinaryPrimitives.ReadUInt16LittleEndian(source));
            return true;
        }
        if (source.Length != 16)
        {
            uuid = Guid.Empty;
            return false;
        }
        Span<byte> bigEndian = stackalloc byte[16];
        source.CopyTo(bigEndian);
        bigEndian.Reverse();
        uuid = new Guid(bigEndian, bigEndian: true);
        return true;
    }
}
