using System.Text;
using SpineSense.Storage.LineProtocol;

namespace SpineSense.Storage.Tests.LineProtocol;

public class LineProtocolBufferTests
{
    private static string Text(LineProtocolBuffer b) => Encoding.UTF8.GetString(b.WrittenSpan);

    [Theory]
    [InlineData("cpu", "cpu")]
    [InlineData("a,b", @"a\,b")]
    [InlineData("a b", @"a\ b")]
    [InlineData("a=b", "a=b")]              // '=' needs no escape in a measurement
    [InlineData("a\"b", "a\"b")]            // quotes are literal outside string values
    [InlineData("ä ö,ü", @"ä\ ö\,ü")]       // non-ASCII passes as UTF-8
    public void Escapes_measurement_commas_and_spaces_only(string name, string expected)
    {
        var b = new LineProtocolBuffer();
        b.Measurement(name).Field("f", 1L).End(5);
        Assert.Equal(expected + " f=1i 5\n", Text(b));
    }

    [Theory]
    [InlineData("k", "v", "k=v")]
    [InlineData("k,1", "v,1", @"k\,1=v\,1")]
    [InlineData("k 1", "v 1", @"k\ 1=v\ 1")]
    [InlineData("k=1", "v=1", @"k\=1=v\=1")]
    [InlineData("k\"", "O'Neil \"Jr\"", "k\"=O'Neil\\ \"Jr\"")]
    [InlineData(", =", " =,", @"\,\ \==\ \=\,")]
    public void Escapes_tag_keys_and_values_commas_spaces_equals(string key, string value, string expected)
    {
        var b = new LineProtocolBuffer();
        b.Measurement("m").Tag(key, value).Field("f", 1L).End(1);
        Assert.Equal("m," + expected + " f=1i 1\n", Text(b));
    }

    [Theory]
    [InlineData("f", "f")]
    [InlineData("a,b", @"a\,b")]
    [InlineData("a b", @"a\ b")]
    [InlineData("a=b", @"a\=b")]
    public void Escapes_field_keys_commas_spaces_equals(string key, string expected)
    {
        var b = new LineProtocolBuffer();
        b.Measurement("m").Field(key, 2.5).End(1);
        Assert.Equal("m " + expected + "=2.5 1\n", Text(b));
    }

    [Theory]
    [InlineData("plain", "\"plain\"")]
    [InlineData("say \"hi\"", "\"say \\\"hi\\\"\"")]
    [InlineData(@"C:\path\", "\"C:\\\\path\\\\\"")]
    [InlineData("a,b c=d", "\"a,b c=d\"")]                // no escaping of , space = inside quotes
    [InlineData("line1\nline2", "\"line1\nline2\"")]        // newline allowed inside a quoted string
    [InlineData("\\\"", "\"\\\\\\\"\"")]                   // backslash then quote
    public void Escapes_string_field_values_quotes_and_backslashes(string value, string expected)
    {
        var b = new LineProtocolBuffer();
        b.Measurement("m").Field("s", value).End(1);
        Assert.Equal("m s=" + expected + " 1\n", Text(b));
    }

    [Theory]
    [InlineData("a\nb")]
    [InlineData("a\rb")]
    [InlineData("a\tb")]
    [InlineData("a\\b")]
    [InlineData("trailing\\")]
    [InlineData("")]
    public void Refuses_names_that_cannot_be_written_the_same_on_1x_and_2x(string bad)
    {
        foreach (var write in new Action<LineProtocolBuffer>[]
                 {
                     b => b.Measurement(bad),
                     b => b.Measurement("m").Tag(bad, "v"),
                     b => b.Measurement("m").Tag("k", bad),
                     b => b.Measurement("m").Field(bad, 1L),
                 })
        {
            var b = new LineProtocolBuffer();
            b.Measurement("ok").Field("f", 1L).End(1);
            var e = Assert.Throws<StorageException>(() => write(b));
            Assert.Equal(StorageErrorCode.InvalidInput, e.Code);
            Assert.Equal("ok f=1i 1\n", Text(b)); // the half-built point is gone, earlier points stay
            b.Measurement("next").Field("f", 2L).End(2);
            Assert.Equal("ok f=1i 1\nnext f=2i 2\n", Text(b));
        }
    }

    [Fact]
    public void Refuses_comment_measurements_and_the_time_key()
    {
        Assert.Throws<StorageException>(() => new LineProtocolBuffer().Measurement("#m"));
        Assert.Throws<StorageException>(() => new LineProtocolBuffer().Measurement("m").Tag("time", "x"));
        Assert.Throws<StorageException>(() => new LineProtocolBuffer().Measurement("m").Field("time", 1L));
    }

    [Fact]
    public void Writes_integers_with_i_suffix_floats_bools_and_timestamps()
    {
        var b = new LineProtocolBuffer();
        b.Measurement("m").Field("i", long.MinValue).Field("f", -0.000015).Field("big", 1.5e300).Field("t", true).Field("z", 0.0)
            .End(1_700_000_000_000_000_123);
        Assert.Equal("m i=-9223372036854775808i,f=-1.5E-05,big=1.5E+300,t=true,z=0 1700000000000000123\n", Text(b));
    }

    [Fact]
    public void Leaves_out_non_finite_floats_and_drops_a_point_without_fields()
    {
        var b = new LineProtocolBuffer();
        b.Measurement("m").Field("a", double.NaN).Field("b", 1.0).Field("c", double.PositiveInfinity).End(1);
        Assert.False(b.Measurement("m").Field("a", double.NaN).End(2));
        Assert.Equal("m b=1 1\n", Text(b));
        Assert.Equal(1, b.Points);
    }

    [Theory]
    [InlineData(0.0, 5, "0")]
    [InlineData(1.0, 5, "1")]
    [InlineData(-1.0, 5, "-1")]
    [InlineData(0.98765432, 5, "0.98765")]
    [InlineData(-0.000004, 5, "0")]           // rounds to zero at 1e-5
    [InlineData(0.00001, 5, "0.00001")]
    [InlineData(-0.00001, 5, "-0.00001")]
    [InlineData(12.5, 3, "12.5")]
    [InlineData(-2000.0625, 3, "-2000.062")]  // half to even, as Math.Round
    [InlineData(123456.789, 3, "123456.789")]
    [InlineData(1e20, 3, "1E+20")]             // beyond fixed range: shortest round-trip text
    public void Formats_fixed_point_fields_exactly(double value, int decimals, string expected)
    {
        var b = new LineProtocolBuffer();
        b.BeginPrepared("m"u8);
        b.FixedField("v"u8, value, decimals);
        b.End(1);
        Assert.Equal($"m v={expected} 1\n", Text(b));
    }

    [Fact]
    public void Fixed_point_round_trips_within_half_a_unit_of_the_last_place()
    {
        var rng = new Random(7);
        var b = new LineProtocolBuffer();
        for (int i = 0; i < 20000; i++)
        {
            double v = (rng.NextDouble() - 0.5) * 4000;
            b.Clear();
            b.BeginPrepared("m"u8);
            b.FixedField("v"u8, v, 3);
            b.End(0);
            string s = Text(b);
            double back = double.Parse(s[4..s.IndexOf(' ', 4)], System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(Math.Abs(back - v) <= 0.0005 + 1e-9, $"{v} -> {s}");
        }
    }

    [Fact]
    public void Fixed_point_text_equals_decimal_formatting_for_every_digit_count()
    {
        var rng = new Random(11);
        var b = new LineProtocolBuffer();
        for (int i = 0; i < 100_000; i++)
        {
            int decimals = rng.Next(0, 8);
            long scaled = rng.NextInt64(-(long)Math.Pow(10, rng.Next(0, 16)), (long)Math.Pow(10, rng.Next(0, 16)));
            double v = scaled / Math.Pow(10, decimals);
            b.Clear();
            b.BeginPrepared("m"u8);
            b.FixedField("v"u8, v, decimals);
            b.End(0);
            string s = Text(b);
            string got = s[4..s.IndexOf(' ', 4)];
            decimal expected = Math.Round((decimal)Math.Round(v * Math.Pow(10, decimals)) / (decimal)Math.Pow(10, decimals), decimals);
            Assert.Equal(expected.ToString("0.#########", System.Globalization.CultureInfo.InvariantCulture), got);
        }
    }

    [Fact]
    public void Prepared_prefix_equals_the_escaped_measurement_and_tags()
    {
        Assert.Equal(@"imu,athlete=Ann\ O'Neil\,\=", Encoding.UTF8.GetString(PointPrefix.Build("imu", ("athlete", "Ann O'Neil,="))));
    }
}
