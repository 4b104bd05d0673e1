namespace SpineSense.Protocol.Packets;

/// <summary>Gyroscope full-scale codes (PROTOCOL.md 3.4): raw × FS / 32768 = degrees/second.</summary>
public enum GyroRange : byte
{
    Dps250 = 0,
    Dps500 = 1,
    Dps1000 = 2,
    Dps2000 = 3,
}
