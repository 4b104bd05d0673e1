namespace SpineSense.Protocol.Packets;

/// <summary>Accelerometer full-scale codes (PROTOCOL.md 3.4): raw × FS / 32768 = g.</summary>
public enum AccelRange : byte
{
    G2 = 0,
    G4 = 1,
    G8 = 2,
    G16 = 3,
}
