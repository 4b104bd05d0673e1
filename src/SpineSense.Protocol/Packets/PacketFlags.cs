namespace SpineSense.Protocol.Packets;

/// <summary>Low nibble of a data packet's header byte (PROTOCOL.md 3.2).</summary>
[Flags]
public enum PacketFlags : byte
{
    None = 0,
    /// <summary>Resent from flash in answer to a ResendFrom command (not live).</summary>
    Backfill = 0x01,
    /// <summary>The sensor lost samples immediately before this packet (IMU FIFO or flash overflow):
    /// expect a timestamp gap although the sequence is contiguous.</summary>
    Overrun = 0x02,
    /// <summary>Reserved in v1: sent as 0, ignored by receivers.</summary>
    Reserved = 0x04,
    /// <summary>Compact format (8-byte header, exactly one sample) for 20-byte payloads at ATT MTU 23.</summary>
    Compact = 0x08,
}
