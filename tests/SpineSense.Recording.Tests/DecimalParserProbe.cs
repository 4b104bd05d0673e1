using System.Text;
using SpineSense.Recording;

namespace SpineSense.Recording.Tests;

internal static class DecimalParserProbe
{
    public static bool TryParse(string field, out double value) =>
        DecimalParser.TryParse(Encoding.UTF8.GetBytes(field), out value);
}
