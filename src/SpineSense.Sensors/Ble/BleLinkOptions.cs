namespace SpineSense.Sensors.Ble;

/// <summary>
/// Settings for a Bluetooth LE link.
/// </summary>
/// <param name="AddressType">Random for most sensors; public if the firmware uses its IEEE address.</param>
/// <param name="Security">Socket security level; raise it if the sensor answers "insufficient encryption".</param>
/// <param name="PreferredMtu">ATT_MTU offered in the MTU exchange; 247 lets one notification carry a 244-byte packet.</param>
/// <param name="ConnectTimeout">How long to wait for the LE connection to come up.</param>
/// <param name="RequestTimeout">ATT request timeout; ATT fixes 30 s (Vol 3 Part F 3.3.3).</param>
/// <param name="RssiPollInterval">How often the connection's RSSI is asked of the kernel (2 s: signal changes slowly,
/// and each poll is a round trip to the controller).</param>
public sealed record BleLinkOptions(
    BleAddressType AddressType = BleAddressType.Random,
    BleSecurity Security = BleSecurity.Low,
    ushort PreferredMtu = 247,
    TimeSpan? ConnectTimeout = null,
    TimeSpan? RequestTimeout = null,
    TimeSpan? RssiPollInterval = null)
{
    public TimeSpan EffectiveRssiPollInterval => RssiPollInterval ?? TimeSpan.FromSeconds(2);

    public TimeSpan EffectiveConnectTimeout => ConnectTimeout ?? TimeSpan.FromSeconds(20);
}
