namespace SpineSense.Sensors.Ble;

/// <summary>BlueZ socket security level (BT_SECURITY_*). Medium and above make the kernel encrypt (and pair if needed).</summary>
public enum BleSecurity : byte
{
    /// <summary>No encryption — the SpineSense layout requires none.</summary>
    Low = 1,
    /// <summary>Encrypted, unauthenticated (Just Works) pairing.</summary>
    Medium = 2,
    /// <summary>Encrypted, authenticated (MITM-protected) pairing.</summary>
    High = 3,
}
