namespace SpineSense.Sensors.Ble;

/// <summary>LE address type, numbered as BlueZ's BDADDR_LE_PUBLIC / BDADDR_LE_RANDOM and the mgmt API.</summary>
public enum BleAddressType : byte
{
    /// <summary>IEEE-assigned public address.</summary>
    Public = 1,
    /// <summary>Random (static or private) address — what most sensors advertise with.</summary>
    Random = 2,
}
