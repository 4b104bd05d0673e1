using System.Globalization;

namespace SpineSense.Recording;

/// <summary>
/// Parses one CSV field (UTF-8 bytes) as a finite double without allocating. Plain decimals
/// (<c>-12.345678</c>, the writer's own output and what most tools write) take an exact fast path;
/// anything else (exponents, more than 15 significant digits) goes through the runtime parser.
/// </summary>
internal static class DecimalParser
{
    // Clinger's fast path: an integer mantissa below 2^53 and a power of ten up to 10^22 are both
    // exact doubles, and IEEE division rounds correctly, so m / 10^k is the correctly rounded value.
    private static readonly double[] Pow10 =
    [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];

    private const int MaxFastDigits = 15; // 10^15 < 2^53

    public static bool TryParse(ReadOnlySpan<byte> field, out double value)
    {
        field = TrimBlanks(field);
        if (TryParseFast(field, out value)) return true;
        return double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out value)
            && double.IsFinite(value);
    }

    private static bool TryParseFast(ReadOnlySpan<byte> s, out double value)
    {
        value = 0;
        int i = 0;
        bool negative = false;
        if (s.Length > 0 && (s[0] == (byte)'-' || s[0] == (byte)'+'))
        {
            negative = s[0] == (byte)'-';
            i = 1;
        }
        ulong mantissa = 0;
        int significant = 0, fractionDigits = 0, digits = 0;
        bool seenPoint = false;
        for (; i < s.Length; i++)
        {
            uint d = (uint)(s[i] - (byte)'0');
            if (d <= 9)
            {
                digits++;
                if (seenPoint) fractionDigits++;
                if (mantissa == 0 && d == 0) continue; // leading zeros are not significant
                if (++significant > MaxFastDigits) return false;
                mantissa = mantissa * 10 + d;
            }
            else if (s[i] == (byte)'.' && !seenPoint) seenPoint = true;
            else return false;
        }
        if (digits == 0 || fractionDigits >= Pow10.Length) return false;
        double v = mantissa / Pow10[fractionDigits];
        value = negative ? -v : v;
        return true;
    }

    private static ReadOnlySpan<byte> TrimBlanks(ReadOnlySpan<byte> s)
    {
        int a = 0, b = s.Length;
        while (a < b && (s[a] == (byte)' ' || s[a] == (byte)'\t')) a++;
        while (b > a && (s[b - 1] == (byte)' ' || s[b - 1] == (byte)'\t')) b--;
        return s[a..b];
    }
}
