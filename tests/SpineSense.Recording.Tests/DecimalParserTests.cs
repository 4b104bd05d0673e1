using System.Globalization;
using SpineSense.Recording;

namespace SpineSense.Recording.Tests;

public class DecimalParserTests
{
    [Theory]
    [InlineData("0.000000")]
    [InlineData("-0.0123")]
    [InlineData("0.1")]
    [InlineData("123456.789012")]
    [InlineData("-1999.99990")]
    [InlineData("0.30000000000000004")]
    [InlineData("9007199254740993")]
    [InlineData("1.5e-3")]
    [InlineData(" 2.5 ")]
    [InlineData("+7")]
    [InlineData(".5")]
    [InlineData("5.")]
    public void Parses_exactly_like_the_runtime(string text)
    {
        // Every decimal must round to the same double the runtime produces: analysis compares against truth at 1e-9.
        var ok = DecimalParserProbe.TryParse(text, out double v);
        Assert.True(ok);
        Assert.Equal(double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture), v);
    }

    [Fact]
    public void Matches_runtime_on_a_million_random_decimals()
    {
        var rng = new Random(7);
        for (int i = 0; i < 1_000_000; i++)
        {
            double x = (rng.NextDouble() - 0.5) * Math.Pow(10, rng.Next(-6, 8));
            string s = x.ToString("F" + rng.Next(0, 12), CultureInfo.InvariantCulture);
            Assert.True(DecimalParserProbe.TryParse(s, out double v), s);
            Assert.Equal(double.Parse(s, CultureInfo.InvariantCulture), v);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("-")]
    [InlineData(".")]
    [InlineData("1,5")]
    [InlineData("NaN")]
    [InlineData("-Infinity")]
    [InlineData("0x10")]
    public void Rejects_non_numbers(string text) => Assert.False(DecimalParserProbe.TryParse(text, out _));
}
