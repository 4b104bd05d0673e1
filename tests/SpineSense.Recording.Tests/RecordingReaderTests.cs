using SpineSense.Motion.Samples;
using SpineSense.Recording;

namespace SpineSense.Recording.Tests;

public class RecordingReaderTests
{
    private const string Head = "# spinesense-recording: 1\n";
    private const string Columns = "time_s,acc_x_g,acc_y_g,acc_z_g,gyr_x_dps,gyr_y_dps,gyr_z_dps\n";

    private static RecordingFormatException Rejects(string text, RecordingError error, int line)
    {
        var e = Assert.Throws<RecordingFormatException>(() => RecordingReader.Parse(text, "rec.csv"));
        Assert.Equal(error, e.Error);
        Assert.Equal(line, e.LineNumber);
        Assert.Equal("rec.csv", e.FilePath);
        Assert.StartsWith($"rec.csv:{line}: ", e.Message);
        Assert.DoesNotContain('\n', e.Message);
        return e;
    }

    [Fact]
    public void Reads_rows_and_metadata_of_a_valid_file()
    {
        var r = RecordingReader.Parse(Head + "# rate_hz: 200\n# seed:  42 \n" + Columns +
            "0.000000,-0.0123,0.9981,0.0542,0.12,-0.03,0.40\n0.005000,1e-3,+1.5,-2,0,-0.5,3.25\n");
        Assert.Equal(1, r.FormatVersion);
        Assert.Equal(2, r.Samples.Length);
        Assert.Equal(new ImuSample(0, -0.0123, 0.9981, 0.0542, 0.12, -0.03, 0.40), r.Samples[0]);
        Assert.Equal(new ImuSample(0.005, 0.001, 1.5, -2, 0, -0.5, 3.25), r.Samples[1]);
        Assert.Equal("200", r.Metadata["rate_hz"]);
        Assert.Equal("42", r.Metadata["seed"]);
        Assert.Equal(0.005, r.DurationS, 12);
    }

    [Fact]
    public void Accepts_crlf_line_endings() 
    {
        var r = RecordingReader.Parse((Head + "# a: b\n" + Columns + "0,0,1,0,0,0,0\n0.01,0,1,0,0,0,0\n").Replace("\n", "\r\n"));
        Assert.Equal(2, r.Samples.Length);
        Assert.Equal("b", r.Metadata["a"]);
        Assert.Equal(0.01, r.Samples[1].TimeS);
    }

    [Fact]
    public void Reads_last_row_without_trailing_newline()
    {
        var r = RecordingReader.Parse(Head + Columns + "0,0,1,0,0,0,0\n0.01,0.5,1,0,0,0,7.5");
        Assert.Equal(2, r.Samples.Length);
        Assert.Equal(7.5, r.Samples[1].GyrZDps);
    }

    [Fact]
    public void Accepts_comments_and_blank_lines_between_data_rows()
    {
        var r = RecordingReader.Parse(Head + Columns + "0,0,1,0,0,0,0\n# note: strap adjusted\n\n0.01,0,1,0,0,0,0\n");
        Assert.Equal(2, r.Samples.Length);
        Assert.Equal("strap adjusted", r.Metadata["note"]);
    }

    [Fact]
    public void Skips_utf8_byte_order_mark()
    {
        var r = RecordingReader.Parse("\uFEFF" + Head + Columns + "0,0,1,0,0,0,0\n");
        Assert.Single(r.Samples);
    }

    [Fact]
    public void Rejects_empty_file_on_line_1() => Rejects("", RecordingError.Empty, 1);

    [Fact]
    public void Rejects_whitespace_only_file_as_empty() => Rejects("\n \r\n", RecordingError.Empty, 1);

    [Fact]
    public void Rejects_missing_header_on_line_1()
    {
        var e = Rejects(Columns + "0,0,1,0,0,0,0\n", RecordingError.MissingHeader, 1);
        Assert.Contains("# spinesense-recording: 1", e.Message);
    }

    [Fact]
    public void Rejects_other_comment_as_first_line() => Rejects("# rate_hz: 200\n" + Head + Columns, RecordingError.MissingHeader, 1);

    [Fact]
    public void Rejects_unknown_format_version() => Rejects("# spinesense-recording: 2\n" + Columns + "0,0,1,0,0,0,0\n", RecordingError.UnsupportedVersion, 1);

    [Fact]
    public void Rejects_wrong_column_header_with_its_line()
    {
        var e = Rejects(Head + "# x: y\ntime,ax,ay,az,gx,gy,gz\n0,0,1,0,0,0,0\n", RecordingError.WrongColumnHeader, 3);
        Assert.Contains("time_s,acc_x_g", e.Message);
    }

    [Fact]
    public void Rejects_data_before_column_header() => Rejects(Head + "0,0,1,0,0,0,0\n", RecordingError.MissingColumnHeader, 2);

    [Fact]
    public void Rejects_file_ending_before_column_header() => Rejects(Head + "# rate_hz: 100\n", RecordingError.MissingColumnHeader, 2);

    [Fact]
    public void Rejects_header_without_data_rows() => Rejects(Head + Columns, RecordingError.NoData, 2);

    [Fact]
    public void Rejects_row_with_six_fields_naming_its_line()
    {
        var e = Rejects(Head + Columns + "0,0,1,0,0,0,0\n0.01,0,1,0,0,0\n", RecordingError.WrongFieldCount, 4);
        Assert.Equal("rec.csv:4: expected 7 comma-separated fields, got 6", e.Message);
    }

    [Fact]
    public void Rejects_row_with_eight_fields() =>
        Assert.EndsWith("got 8", Rejects(Head + Columns + "0,0,1,0,0,0,0,9\n", RecordingError.WrongFieldCount, 3).Message);

    [Fact]
    public void Rejects_row_with_trailing_comma() => Rejects(Head + Columns + "0,0,1,0,0,0,0,\n", RecordingError.WrongFieldCount, 3);

    [Theory]
    [InlineData("0,0,abc,0,0,0,0", "acc_y_g")]
    [InlineData("0,0,1,0,0,0,", "gyr_z_dps")]
    [InlineData("x,0,1,0,0,0,0", "time_s")]
    [InlineData("0,0,1,0,NaN,0,0", "gyr_x_dps")]
    [InlineData("0,0,1,0,0,Infinity,0", "gyr_y_dps")]
    [InlineData("0,1.2.3,1,0,0,0,0", "acc_x_g")]
    [InlineData("0,0,1,0,0,0,1e999", "gyr_z_dps")]
    [InlineData("0,0,1,0,0,0,1;5", "gyr_z_dps")]
    public void Rejects_non_numeric_field_naming_the_column(string row, string column)
    {
        var e = Rejects(Head + Columns + "# c: d\n" + row + "\n", RecordingError.NotANumber, 4);
        Assert.Contains(column, e.Message);
    }

    [Theory]
    [InlineData("0.02,0,1,0.", RecordingError.WrongFieldCount)] // cut inside a field
    [InlineData("0.02,0,1,0,0,0,-", RecordingError.NotANumber)] // cut after the sign of the last field
    [InlineData("\0\0\0\0", RecordingError.WrongFieldCount)] // a power cut can leave the file's tail zero-filled
    public void A_bad_last_row_without_line_end_is_reported_as_where_the_recording_was_cut_off(string cut, RecordingError error)
    {
        // Contract section 2 keeps it bad input (exit 2); the message says the rows before it are fine, and how to keep them.
        string text = Head + Columns + "0,0,1,0,0,0,0\n# gap\n0.01,0,1,0,0,0,0\n" + cut;
        var e = Rejects(text, error, 6);
        Assert.Contains("the recording looks cut off at line 6", e.Message);
        Assert.Contains("the 2 rows before it are intact, `head -n 5 rec.csv > intact.csv` keeps them", e.Message);
        string intact = string.Concat(text.Split('\n')[..5].Select(l => l + "\n"));
        Assert.Equal(2, RecordingReader.Parse(intact).Samples.Length);
    }

    [Fact]
    public void A_bad_last_row_with_its_line_end_is_not_called_cut_off() =>
        Assert.Equal("rec.csv:4: expected 7 comma-separated fields, got 4",
            Rejects(Head + Columns + "0,0,1,0,0,0,0\n0.01,0,1,0.\n", RecordingError.WrongFieldCount, 4).Message);

    [Fact]
    public void Rejects_time_going_backwards_naming_its_line() =>
        Rejects(Head + Columns + "0,0,1,0,0,0,0\n0.02,0,1,0,0,0,0\n# gap\n0.01,0,1,0,0,0,0\n", RecordingError.TimeNotIncreasing, 6);

    [Fact]
    public void Rejects_repeated_time() =>
        Assert.Contains("repeats", Rejects(Head + Columns + "0.5,0,1,0,0,0,0\n0.5,0,1,0,0,0,0\n", RecordingError.TimeNotIncreasing, 4).Message);

    [Fact]
    public void Reports_missing_file_as_the_same_exception_type()
    {
        string path = Path.Combine(Path.GetTempPath(), "spinesense-no-such-dir-" + Guid.NewGuid(), "rec.csv");
        var e = Assert.Throws<RecordingFormatException>(() => RecordingReader.Read(path));
        Assert.Equal(RecordingError.Io, e.Error);
        Assert.Equal(0, e.LineNumber);
        Assert.Equal($"{path}: directory not found", e.Message);
    }

    [Fact]
    public void Reports_directory_instead_of_file_as_io_error()
    {
        var e = Assert.Throws<RecordingFormatException>(() => RecordingReader.Read(Path.GetTempPath()));
        Assert.Equal(RecordingError.Io, e.Error);
    }

    [Fact]
    public void Reads_a_file_whose_rows_straddle_the_read_block_boundary()
    {
        // ~3.3 MB: several 1 MiB blocks, so rows are split across reads at arbitrary bytes.
        const int rows = 60_000;
        var expected = new ImuSample[rows];
        for (int i = 0; i < rows; i++)
            expected[i] = new ImuSample(i * 0.0025, Math.Sin(i) * 0.5, 1 - i * 1e-6, -0.25, i % 1000 * 0.1, -3.5, 0.0125);
        string path = Path.Combine(Path.GetTempPath(), $"spinesense-rec-{Guid.NewGuid()}.csv");
        try
        {
            RecordingWriter.Write(path, expected, [new("rate_hz", "400")]);
            var r = RecordingReader.Read(path);
            Assert.Equal(rows, r.Samples.Length);
            for (int i = 0; i < rows; i++)
            {
                Assert.Equal(expected[i].TimeS, r.Samples[i].TimeS, 1e-9);
                Assert.Equal(expected[i].AccXG, r.Samples[i].AccXG, 1e-6);
                Assert.Equal(expected[i].GyrXDps, r.Samples[i].GyrXDps, 1e-4);
            }
            Assert.Equal(400, r.EstimateRateHz(), 1e-6);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Estimates_rate_from_median_spacing_despite_gaps()
    {
        var text = Head + Columns;
        double t = 0;
        for (int i = 0; i < 100; i++)
        {
            text += $"{t:F6},0,1,0,0,0,0\n";
            t += i % 10 == 9 ? 0.5 : 0.01; // a lost packet every ten rows
        }
        Assert.Equal(100, RecordingReader.Parse(text).EstimateRateHz(), 1e-6);
    }
}
