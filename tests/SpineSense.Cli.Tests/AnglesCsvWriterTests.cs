using System.Globalization;
using System.Text;
using SpineSense.Cli.Analyze;
using SpineSense.Motion.Results;

namespace SpineSense.Cli.Tests;

public class AnglesCsvWriterTests
{
    private static string TimeColumn(double timeS)
    {
        var stream = new MemoryStream();
        using (var writer = new AnglesCsvWriter(stream)) writer.Write(timeS, new SpineAngles(1, 2, 3));
        string[] lines = Encoding.ASCII.GetString(stream.ToArray()).Split('\n');
        Assert.Equal(AnglesCsvWriter.Header, lines[0]);
        return lines[1].Split(',')[0];
    }

    [Theory]
    [InlineData("0.000092", "0.000092")]
    [InlineData("1e-5", "0.00001")]
    [InlineData("0.1000", "0.1")]
    [InlineData("-0.00001", "-0.00001")]
    [InlineData("123456.789", "123456.789")]
    [InlineData("1e20", "100000000000000000000")]
    [InlineData("1.25e25", "12500000000000000000000000")]
    [InlineData("4503599627370495.5", "4503599627370495.5")]
    [InlineData("0.30000000000000004", "0.30000000000000004")]
    public void Time_s_is_the_inputs_value_in_plain_decimals(string input, string expected)
    {
        double timeS = double.Parse(input, CultureInfo.InvariantCulture);
        string written = TimeColumn(timeS);
        Assert.Equal(expected, written);
        Assert.Equal(timeS, double.Parse(written, CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1e-31)]
    [InlineData(1e300)]
    [InlineData(double.MaxValue)]
    [InlineData(double.Epsilon)]
    [InlineData(-1.2345678901234567e-30)]
    public void Every_finite_time_reads_back_as_the_same_double_bit_for_bit(double timeS)
    {
        // Beyond 10^±30 the exponent form is kept (the row's buffer has room for 128 bytes): still the same value.
        string written = TimeColumn(timeS);
        Assert.Equal(BitConverter.DoubleToInt64Bits(timeS),
            BitConverter.DoubleToInt64Bits(double.Parse(written, CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void A_negative_zero_time_keeps_its_sign()
    {
        // xUnit folds 0.0 and -0.0 into one InlineData case, so the sign gets its own claim.
        string written = TimeColumn(-0.0);
        Assert.Equal("-0", written);
        Assert.True(double.IsNegative(double.Parse(written, CultureInfo.InvariantCulture)));
    }
}
