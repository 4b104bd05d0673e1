using System.Globalization;

namespace SpineSense.Sensors.Replay;

/// <summary>
/// The raw packet log (docs/SENSORS.md, "Replay"): UTF-8 text, one notification per line, so a log can be read,
/// diffed and cut with ordinary tools.
/// <code>
/// #spinesense-packet-log v1
/// # link=ble:C0:11:22:33:44:55
/// host_arrival_us,characteristic,length,payload_hex
/// 1764000000123456,imu,244,01000000a0860100…
/// </code>
/// Line 1 is the magic and version. Lines starting with '#' are metadata/comments. The column header is required.
/// host_arrival_us: Unix epoch µs, never decreasing. characteristic: see <see cref="Name"/>. length: payload bytes
/// (0..512). payload_hex: exactly 2 × length lowercase or uppercase hex digits.
/// </summary>
public static class PacketLogFormat
{
    public const string Magic = "#spinesense-packet-log v1";
    public const string ColumnHeader = "host_arrival_us,characteristic,length,payload_hex";
    public const int MaxPayloadBytes = 512;

    public static string Name(SensorCharacteristic c) => c switch
    {
        SensorCharacteristic.ImuData => "imu",
        SensorCharacteristic.ControlPoint => "control",
        SensorCharacteristic.Status => "status",
        SensorCharacteristic.BatteryLevel => "battery",
        SensorCharacteristic.ManufacturerName => "manufacturer",
        SensorCharacteristic.ModelNumber => "model",
        SensorCharacteristic.FirmwareRevision => "firmware",
        SensorCharacteristic.SerialNumber => "serial",
        _ => throw new ArgumentOutOfRangeException(nameof(c), c, null),
    };

    public static bool TryParseName(ReadOnlySpan<char> name, out SensorCharacteristic c)
    {
        switch (name)
        {
            case "imu": c = SensorCharacteristic.ImuData; return true;
            case "control": c = SensorCharacteristic.ControlPoint; return true;
            case "status": c = SensorCharacteristic.Status; return true;
            case "battery": c = SensorCharacteristic.BatteryLevel; return true;
            case "manufacturer": c = SensorCharacteristic.ManufacturerName; return true;
            case "model": c = SensorCharacteristic.ModelNumber; return true;
            case "firmware": c = SensorCharacteristic.FirmwareRevision; return true;
            case "serial": c = SensorCharacteristic.SerialNumber; return true;
            default: c = default; return false;
        }
    }

    /// <summary>
    /// Parses one record line. On failure returns false with a message naming the field (no file/line: the caller adds them).
    /// </summary>
    public static bool TryParseRecord(ReadOnlySpan<char> line, out long hostArrivalUs, out SensorCharacteristic characteristic,
                                      out byte[] payload, out string error)
    {
        hostArrivalUs = 0; characteristic = default; payload = []; error = "";
        Span<Range> fields = stackalloc Range[5];
        int n = line.Split(fields, ',');
        if (n != 4) { error = $"expected 4 comma-separated fields, found {n}"; return false; }
        if (!long.TryParse(line[fields[0]], NumberStyles.None, CultureInfo.InvariantCulture, out hostArrivalUs))
        { error = $"host_arrival_us '{line[fields[0]]}' is not a non-negative whole number"; return false; }
        if (!TryParseName(line[fields[1]], out characteristic))
        { error = $"unknown characteristic '{line[fields[1]]}' (expected imu, control, status, battery, manufacturer, model, firmware or serial)"; return false; }
        if (!int.TryParse(line[fields[2]], NumberStyles.None, CultureInfo.InvariantCulture, out int length) || length > MaxPayloadBytes)
        { error = $"length '{line[fields[2]]}' is not a whole number 0..{MaxPayloadBytes}"; return false; }
        var hex = line[fields[3]];
        if (hex.Length != 2 * length) { error = $"payload has {hex.Length} hex digits, length {length} needs {2 * length}"; return false; }
        payload = new byte[length];
        if (Convert.FromHexString(hex, payload, out _, out _) != System.Buffers.OperationStatus.Done)
        { error = "payload_hex contains a character that is not a hex digit"; return false; }
        return true;
    }
}
