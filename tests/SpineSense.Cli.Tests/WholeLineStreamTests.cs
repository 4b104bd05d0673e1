using System.Text;
using SpineSense.Cli.Output;
using SpineSense.Motion.Samples;
using SpineSense.Recording;

namespace SpineSense.Cli.Tests;

public sealed class WholeLineStreamTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("spinesense-lines-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static ImuSample[] Samples(int count, double rateHz = 208) =>
        Enumerable.Range(0, count).Select(i => new ImuSample(i / rateHz, 0.01 * Math.Sin(i * 0.1), 0.998 + 1e-6 * i,
            -0.0421, 12.3456 * Math.Cos(i * 0.05), -0.0312, i % 7 * 0.1111)).ToArray();

    /// <summary>Writes as <c>spinesense record</c> does: rows buffered by the writer, handed on every second of data.</summary>
    private static void Record(Stream file, ImuSample[] samples, int rowsPerFlush)
    {
        using var lines = new WholeLineStream(file);
        RecordingWriter writer;
        try
        {
            writer = new RecordingWriter(lines, [new("source", "test")], leaveOpen: true);
        }
        catch (IOException)
        {
            return; // full before the header was written
        }
        try
        {
            for (int i = 0; i < samples.Length; i++)
            {
                writer.Append(samples[i]);
                if ((i + 1) % rowsPerFlush == 0) writer.Flush();
            }
            writer.Flush();
        }
        catch (IOException)
        {
            // What the recorder does after the failure: one more quiet try (it must not write anything twice).
            try { writer.Flush(); } catch (IOException) { }
        }
    }

    [Theory]
    [InlineData(100)]      // inside the header
    [InlineData(5_000)]    // inside the first second's rows
    [InlineData(23_456)]   // a few seconds in, mid-row
    [InlineData(200_000)]  // inside one of the writer's own 64 KiB flushes (many rows per second)
    public void A_disk_that_fills_mid_write_leaves_a_file_ending_on_a_whole_row_with_every_sample_that_fit(long diskBytes)
    {
        var samples = Samples(20_000);
        var whole = new MemoryStream();
        RecordingWriter.Write(whole, samples, [new("source", "test")]);
        byte[] full = whole.ToArray();
        Assert.True(full.Length > diskBytes);
        // Every row whose line end fit on the disk, and nothing else.
        int rowsThatFit = full.AsSpan(0, (int)diskBytes).Count((byte)'\n') - 3;
        string path = Path.Combine(_dir, "rec.csv");

        Record(new DiskFullAfter(path, FileMode.CreateNew, diskBytes), samples, rowsPerFlush: diskBytes > 100_000 ? 5_000 : 208);

        byte[] kept = File.ReadAllBytes(path);
        Assert.Equal(full.AsSpan(0, kept.Length).ToArray(), kept); // a prefix: no row written twice or out of order
        if (rowsThatFit <= 0)
        {
            Assert.True(kept.Length == 0 || kept[^1] == '\n', Encoding.UTF8.GetString(kept));
            return;
        }
        Assert.Equal((byte)'\n', kept[^1]);
        var read = RecordingReader.Read(path);
        Assert.Equal(rowsThatFit, read.Samples.Length);
        Assert.Equal(samples[rowsThatFit - 1].TimeS, read.Samples[^1].TimeS, 1e-6);
    }

    [Fact]
    public void A_line_written_in_pieces_reaches_the_file_only_when_it_ends()
    {
        string path = Path.Combine(_dir, "log.txt");
        using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read, bufferSize: 0);
        using var lines = new WholeLineStream(file);
        lines.Write("first\nsec"u8);
        Assert.Equal("first\n", ReadShared(path));
        lines.Write("ond"u8);
        Assert.Equal("first\n", ReadShared(path));
        lines.Write("\nthi"u8);
        Assert.Equal("first\nsecond\n", ReadShared(path));
        Assert.Equal(13, lines.CommittedBytes);
    }

    [Fact]
    public void After_a_failed_write_nothing_more_is_written()
    {
        // A retry of the same rows would duplicate the ones that fit; a later row after a lost one would be a silent gap.
        string path = Path.Combine(_dir, "rec.csv");
        using (var lines = new WholeLineStream(new DiskFullAfter(path, FileMode.CreateNew, 8)))
        {
            Assert.Throws<IOException>(() => lines.Write("row 1\nrow 2\n"u8));
            var again = Assert.Throws<IOException>(() => lines.Write("row 2\n"u8));
            Assert.Contains("an earlier write failed", again.Message);
            lines.Sync(); // what was kept can still be made durable
        }
        Assert.Equal("row 1\n", File.ReadAllText(path));
    }

    private static string ReadShared(string path)
    {
        using var s = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        return new StreamReader(s).ReadToEnd();
    }
}
