using SpineSense.Cli.Input;

namespace SpineSense.Cli.Tests;

public sealed class RecordFilesTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("spinesense-recordfiles-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task A_fifo_is_not_opened_again_to_guess_which_file_it_is()
    {
        // `analyze FIFO` whose writer sent a bad first line and closed hung forever after the reader's own message:
        // the hint opened the FIFO a second time, which waits for a writer that never comes (likewise replay:FIFO).
        string fifo = Path.Combine(_dir, "rec.csv");
        var mkfifo = System.Diagnostics.Process.Start("mkfifo", [fifo]);
        await mkfifo.WaitForExitAsync();
        Assert.Equal(0, mkfifo.ExitCode);
        try
        {
            var probe = Task.Run(() => (RecordFiles.PacketLogHint(fifo), RecordFiles.IsRecording(fifo)));
            Assert.Equal(("", false), await probe.WaitAsync(TimeSpan.FromSeconds(10)));
        }
        finally
        {
            // Read-write never blocks on a Linux FIFO, and it lets a probe stuck in its open() go.
            using var release = new FileStream(fifo, FileMode.Open, FileAccess.ReadWrite);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_regular_file_still_gets_its_hint_also_through_a_symbolic_link(bool linked)
    {
        // A link's own length is that of its target's path, shorter than either first line: the target is measured.
        string log = Path.Combine(_dir, "rec.log"), rec = Path.Combine(_dir, "rec.csv");
        File.WriteAllText(log, SpineSense.Sensors.Replay.PacketLogFormat.Magic + "\n");
        File.WriteAllText(rec, SpineSense.Recording.RecordingFormat.HeaderLine + "\n");
        if (linked)
        {
            File.Move(log, log + ".real");
            File.Move(rec, rec + ".real");
            File.CreateSymbolicLink(log, "rec.log.real");
            File.CreateSymbolicLink(rec, "rec.csv.real");
        }
        Assert.Contains("packet log", RecordFiles.PacketLogHint(log));
        Assert.Equal("", RecordFiles.PacketLogHint(rec));
        Assert.True(RecordFiles.IsRecording(rec));
        Assert.False(RecordFiles.IsRecording(log));
    }
}
