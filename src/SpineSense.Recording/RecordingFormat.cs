namespace SpineSense.Recording;

/// <summary>The fixed text of the contract's recording CSV (contract section 2).</summary>
public static class RecordingFormat
{
    /// <summary>The only format version this code reads and writes.</summary>
    public const int Version = 1;

    /// <summary>Key of the mandatory first line <c># spinesense-recording: 1</c>.</summary>
    public const string HeaderKey = "spinesense-recording";

    public const string HeaderLine = "# spinesense-recording: 1";

    public const string ColumnHeader = "time_s,acc_x_g,acc_y_g,acc_z_g,gyr_x_dps,gyr_y_dps,gyr_z_dps";

    public const int FieldCount = 7;

    internal static ReadOnlySpan<byte> ColumnHeaderUtf8 => "time_s,acc_x_g,acc_y_g,acc_z_g,gyr_x_dps,gyr_y_dps,gyr_z_dps"u8;

    internal static ReadOnlySpan<byte> HeaderKeyUtf8 => "spinesense-recording"u8;

    internal static readonly string[] FieldNames =
        ["time_s", "acc_x_g", "acc_y_g", "acc_z_g", "gyr_x_dps", "gyr_y_dps", "gyr_z_dps"];
}
