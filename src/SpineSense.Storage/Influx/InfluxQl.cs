using System.Globalization;
using System.Text;

namespace SpineSense.Storage.Influx;

/// <summary>
/// Building InfluxQL from values that may come from users. Values become string literals with <c>\</c> and
/// <c>'</c> escaped (and control characters refused), identifiers are double-quoted with <c>\</c> and <c>"</c> escaped,
/// times are integers formatted here. No user text is ever pasted into a statement as it is.
/// </summary>
public static class InfluxQl
{
    /// <summary><c>'value'</c> with backslash and single quote escaped.</summary>
    public static string StringLiteral(string value)
    {
        var sb = new StringBuilder(value.Length + 2).Append('\'');
        foreach (char c in value)
        {
            if (char.IsControl(c))
                throw new StorageException(StorageErrorCode.InvalidInput, "a query value must not contain control characters (newline, tab ...)");
            if (c is '\\' or '\'') sb.Append('\\');
            sb.Append(c);
        }
        return sb.Append('\'').ToString();
    }

    /// <summary><c>"identifier"</c> with backslash and double quote escaped.</summary>
    public static string Identifier(string name)
    {
        var sb = new StringBuilder(name.Length + 2).Append('"');
        foreach (char c in name)
        {
            if (char.IsControl(c))
                throw new StorageException(StorageErrorCode.InvalidInput, "an identifier must not contain control characters");
            if (c is '\\' or '"') sb.Append('\\');
            sb.Append(c);
        }
        return sb.Append('"').ToString();
    }

    /// <summary>
    /// A time bound as an integer nanosecond literal (InfluxQL compares bare integers with time in ns), clamped to the
    /// range InfluxDB can store (years 1677–2262), so "until DateTimeOffset.MaxValue" means "until the end".
    /// </summary>
    public static string TimeNs(long unixUs)
    {
        const long MaxNs = 9_223_372_036_854_775_806, MaxUs = MaxNs / 1000;
        long ns = unixUs >= MaxUs ? MaxNs : unixUs <= -MaxUs ? -MaxNs : unixUs * 1000;
        return ns.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>A duration in microseconds, e.g. <c>1500u</c>.</summary>
    public static string DurationUs(long us) => us.ToString(CultureInfo.InvariantCulture) + "u";
}
