namespace SpineSense.Protocol.Status;

/// <summary>Status byte 2. Bits 2..7 reserved (sent 0, ignored).</summary>
[Flags]
public enum PowerFlags : byte
{
    None = 0,
    Charging = 0x01,
    ExternalPower = 0x02,
}
