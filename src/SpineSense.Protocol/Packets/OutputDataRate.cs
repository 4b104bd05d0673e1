namespace SpineSense.Protocol.Packets;

/// <summary>
/// Output data rate codes (PROTOCOL.md 3.3). 4 bits in the config byte; 0 and 9..15 are invalid.
/// The 10x-Hz family matches ST LSM6DS* parts, the decimal family Bosch BMI* parts.
/// </summary>
public enum OutputDataRate : byte
{
    Hz52 = 1,
    Hz100 = 2,
    Hz104 = 3,
    Hz200 = 4,
    Hz208 = 5,
    Hz400 = 6,
    Hz416 = 7,
    Hz833 = 8,
}
