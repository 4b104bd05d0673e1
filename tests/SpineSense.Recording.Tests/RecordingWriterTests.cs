using System.Text;
using SpineSense.Motion.Samples;
using SpineSense.Recording;

namespace SpineSense.Recording.Tests;

public class RecordingWriterTests
{
    private static string WriteToString(ImuSample[] samples, IEnumerable<KeyValuePair<string, string>>? metadata = null)
    {
        using var ms = new MemoryStream();
        RecordingWriter.Write(ms, samples, metadata);
        return Encoding.UTF8.GetString(ms.ToArray());
    }

    [Fact]
    public void Writes_header_metadata_and_columns_in_contract_order()
    {
        string text = WriteToString([new ImuSample(0.0025, -0.0123, 0.9981, 0.0542, 0.12, -0.03, 0.4)],
            [new("rate_hz", "400"), new("seed", "7")]);
        Assert.Equal(
            "# spinesense-recording: 1\n# rate_hz: 400\n# seed: 7\n" + RecordingFormat.ColumnHeader + "\n" +
            "0.002500,-0.0123,0.9981,0.0542,0.12,-0.03,0.4\n", text);
    }

    [Fact]
    public void Round_trips_quantised_sensor_values_within_written_precision()
    {
        var rng = new Random(3);
        var samples = new ImuSample[5000];
        double t = 0.1;
        for (int i = 0; i < samples.Length; i++)
        {
            t += 0.0048 + rng.NextDouble() * 0.0004;
            // int16 counts at ±4 g and ±500 dps, the sensor's resolution
            samples[i] = new ImuSample(t,
                rng.Next(-32768, 32768) / 8192.0, rng.Next(-32768, 32768) / 8192.0, rng.Next(-32768, 32768) / 8192.0,
                rng.Next(-32768, 32768) * 0.0175, rng.Next(-32768, 32768) * 0.0175, rng.Next(-32768, 32768) * 0.0175);
        }
        var back = RecordingReader.Parse(WriteToString(samples, [new("rate_hz", "208")])).Samples;
        Assert.Equal(samples.Length, back.Length);
        for (int i = 0; i < samples.Length; i++)
        {
            Assert.Equal(samples[i].TimeS, back[i].TimeS, 5.01e-7);
            Assert.Equal(samples[i].AccXG, back[i].AccXG, 5.01e-7);
            Assert.Equal(samples[i].AccYG, back[i].AccYG, 5.01e-7);
            Assert.Equal(samples[i].AccZG, back[i].AccZG, 5.01e-7);
            Assert.Equal(samples[i].GyrXDps, back[i].GyrXDps, 5.01e-5);
            Assert.Equal(samples[i].GyrYDps, back[i].GyrYDps, 5.01e-5);
            Assert.Equal(samples[i].GyrZDps, back[i].GyrZDps, 5.01e-5);
        }
    }

    [Fact]
    public void Writes_invariant_culture_under_a_comma_decimal_culture()
    {
        var old = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            // The test host runs globalization-invariant, so build a comma-decimal culture by hand.
            var comma = (System.Globalization.CultureInfo)System.Globalization.CultureInfo.InvariantCulture.Clone();
            comma.NumberFormat.NumberDecimalSeparator = ",";
            comma.NumberFormat.NumberGroupSeparator = ".";
            System.Globalization.CultureInfo.CurrentCulture = comma;
            Assert.Equal("1,5", 1.5.ToString(System.Globalization.CultureInfo.CurrentCulture));
            string text = WriteToString([new ImuSample(1.5, 0.25, 1, 0, 0, 0, 0)]);
            Assert.EndsWith("1.500000,0.25,1,0,0,0,0\n", text);
        }
        finally { System.Globalization.CultureInfo.CurrentCulture = old; }
    }

    [Fact]
    public void Never_writes_negative_zero()
    {
        Assert.EndsWith("0.000000,0,0,0,0,0,0\n", WriteToString([new ImuSample(0, -1e-9, -0.0, 0, -1e-7, 0, 0)]));
    }

    [Fact]
    public void Refuses_times_that_would_not_read_back_as_strictly_increasing()
    {
        using var ms = new MemoryStream();
        using var w = new RecordingWriter(ms);
        w.Append(new ImuSample(1.0, 0, 1, 0, 0, 0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => w.Append(new ImuSample(1.0000002, 0, 1, 0, 0, 0, 0)));
        Assert.Throws<ArgumentOutOfRangeException>(() => w.Append(new ImuSample(0.5, 0, 1, 0, 0, 0, 0)));
    }

    [Fact]
    public void Refuses_non_finite_values()
    {
        using var ms = new MemoryStream();
        using var w = new RecordingWriter(ms);
        Assert.Throws<ArgumentOutOfRangeException>(() => w.Append(new ImuSample(0, double.NaN, 1, 0, 0, 0, 0)));
    }

    [Fact]
    public void Refuses_metadata_keys_that_would_break_the_comment_syntax()
    {
        using var ms = new MemoryStream();
        Assert.Throws<ArgumentException>(() => new RecordingWriter(ms, [new("a:b", "c")]));
        Assert.Throws<ArgumentException>(() => new RecordingWriter(ms, [new("a", "line\nbreak")]));
    }
}
