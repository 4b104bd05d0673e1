using SpineSense.Sensors.Att;

namespace SpineSense.Sensors.Gatt;

/// <summary>A primary service: its handle range (declaration … last attribute) and UUID.</summary>
public readonly record struct GattService(ushort StartHandle, ushort EndHandle, AttUuid Uuid);

/// <summary>A characteristic declaration: where its value lives and what it supports.</summary>
public readonly record struct GattCharacteristic(ushort DeclarationHandle, GattProperties Properties, ushort ValueHandle, AttUuid Uuid);

/// <summary>A characteristic descriptor (e.g. the CCCD 0x2902).</summary>
public readonly record struct GattDescriptor(ushort Handle, AttUuid Uuid);

/// <summary>A notification or indication as received: the value slices the received PDU (no copy) and is the receiver's.</summary>
public readonly record struct GattValue(ushort Handle, ReadOnlyMemory<byte> Value, bool IsIndication);

/// <summary>Characteristic properties bit field (Core Vol 3 Part G 3.3.1.1).</summary>
[Flags]
public enum GattProperties : byte
{
    None = 0,
    Broadcast = 0x01,
    Read = 0x02,
    WriteWithoutResponse = 0x04,
    Write = 0x08,
    Notify = 0x10,
    Indicate = 0x20,
    AuthenticatedSignedWrites = 0x40,
    ExtendedProperties = 0x80,
}

/// <summary>The standard GATT attribute types this client uses (Assigned Numbers 3.5–3.8).</summary>
public static class GattUuids
{
    public const ushort PrimaryService = 0x2800;
    public const ushort Characteristic = 0x2803;
    public const ushort ClientCharacteristicConfiguration = 0x2902;

    /// <summary>CCCD value enabling notifications (little-endian 0x0001).</summary>
    public const ushort CccdNotify = 0x0001;

    /// <summary>CCCD value enabling indications (little-endian 0x0002).</summary>
    public const ushort CccdIndicate = 0x0002;
}
