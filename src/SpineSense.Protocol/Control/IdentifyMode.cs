namespace SpineSense.Protocol.Control;

/// <summary>What the sensor does on Identify, so an athlete finds which sensor is theirs. At least one bit.</summary>
[Flags]
public enum IdentifyMode : byte
{
    None = 0,
    Blink = 0x01,
    Buzz = 0x02,
}
