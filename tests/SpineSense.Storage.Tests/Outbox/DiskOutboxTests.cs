using System.Text;
using SpineSense.Storage.Outbox;

namespace SpineSense.Storage.Tests.Outbox;

public sealed class DiskOutboxTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("spinesense-outbox-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private DiskOutbox Open(long max = 1L << 30) => new(_dir, max, TimeSpan.FromMilliseconds(100));

    private static byte[] Batch(int i) => Encoding.UTF8.GetBytes($"m f={i}i {i}\n");

    private static List<string> DrainAll(DiskOutbox o)
    {
        var got = new List<string>();
        while (o.TryPeek(out var r)) { got.Add(Encoding.UTF8.GetString(r.Payload)); o.Ack(r); }
        return got;
    }

    [Fact]
    public void Gives_batches_back_in_append_order_and_empties_on_ack()
    {
        using var o = Open();
        for (int i = 0; i < 100; i++) o.Append(Batch(i), 1);
        Assert.Equal(100, o.PendingPoints);
        var got = DrainAll(o);
        Assert.Equal(Enumerable.Range(0, 100).Select(i => $"m f={i}i {i}\n"), got);
        Assert.Equal(0, o.PendingPoints);
        Assert.False(o.TryPeek(out _));
    }

    [Fact]
    public void Peek_without_ack_returns_the_same_record_again()
    {
        using var o = Open();
        o.Append(Batch(1), 1);
        o.Append(Batch(2), 1);
        Assert.True(o.TryPeek(out var a));
        Assert.True(o.TryPeek(out var b));
        Assert.Equal(a.Seq, b.Seq);
        Assert.Equal(a.Payload, b.Payload);
    }

    [Fact]
    public void Read_ahead_hands_out_records_in_order_but_acknowledges_only_the_oldest()
    {
        using var o = Open();
        for (int i = 0; i < 5; i++) o.Append(Batch(i), 2);
        byte[]? b0 = null, b1 = null, b2 = null;
        Assert.True(o.TryReadNext(ref b0, out var r0));
        Assert.True(o.TryReadNext(ref b1, out var r1));
        Assert.True(o.TryReadNext(ref b2, out var r2));
        Assert.Equal(new[] { "m f=0i 0\n", "m f=1i 1\n", "m f=2i 2\n" },
            new[] { r0, r1, r2 }.Select(r => Encoding.UTF8.GetString(r.Data.Span)));
        Assert.Equal([r0.Seq + 1, r0.Seq + 2], new[] { r1.Seq, r2.Seq });
        // A later answer arriving first cannot be acknowledged past the oldest outstanding record.
        Assert.Throws<InvalidOperationException>(() => o.Ack(r1));
        Assert.Equal(10, o.PendingPoints);
        o.Ack(r0);
        o.Ack(r1);
        Assert.Equal(6, o.PendingPoints);
        // The oldest outstanding one is still the peeked one, whatever was read ahead.
        Assert.True(o.TryPeek(out var oldest));
        Assert.Equal(r2.Seq, oldest.Seq);
        Assert.True(o.TryReadNext(ref b0, out var r3));
        Assert.Equal("m f=3i 3\n", Encoding.UTF8.GetString(r3.Data.Span));
    }

    [Fact]
    public void Rewind_restarts_read_ahead_at_the_oldest_unacknowledged_record()
    {
        using var o = Open();
        for (int i = 0; i < 4; i++) o.Append(Batch(i), 1);
        byte[]? b = null;
        Assert.True(o.TryReadNext(ref b, out var r0));
        o.Ack(r0);
        Assert.True(o.TryReadNext(ref b, out _));
        Assert.True(o.TryReadNext(ref b, out _));
        o.Rewind(); // record 1 failed: 1 and 2 are sent again
        var again = new List<string>();
        while (o.TryReadNext(ref b, out var r)) again.Add(Encoding.UTF8.GetString(r.Data.Span));
        Assert.Equal(new[] { "m f=1i 1\n", "m f=2i 2\n", "m f=3i 3\n" }, again);
    }

    [Fact]
    public void Records_read_ahead_but_not_acknowledged_are_replayed_after_a_restart()
    {
        using (var o = Open())
        {
            for (int i = 0; i < 6; i++) o.Append(Batch(i), 1);
            byte[]? b = null;
            for (int i = 0; i < 4; i++) Assert.True(o.TryReadNext(ref b, out _)); // 4 in flight ...
            Assert.True(o.TryPeek(out var first));
            o.Ack(first);                                                        // ... only the first answered
        }
        using var reopened = Open();
        Assert.Equal(Enumerable.Range(1, 5).Select(i => $"m f={i}i {i}\n"), DrainAll(reopened));
    }

    [Fact]
    public void Reopening_replays_only_what_was_not_acknowledged()
    {
        using (var o = Open())
        {
            for (int i = 0; i < 10; i++) o.Append(Batch(i), 3);
            for (int i = 0; i < 4; i++) { Assert.True(o.TryPeek(out var r)); o.Ack(r); }
        }
        using (var o = Open())
        {
            Assert.Equal(18, o.PendingPoints);
            Assert.Equal(Enumerable.Range(4, 6).Select(i => $"m f={i}i {i}\n"), DrainAll(o));
            o.Append(Batch(99), 1); // sequence continues after a restart
            Assert.Equal(new[] { "m f=99i 99\n" }, DrainAll(o));
        }
    }

    [Fact]
    public void A_torn_last_record_is_cut_off_and_the_rest_survives()
    {
        using (var o = Open())
            for (int i = 0; i < 5; i++) o.Append(Batch(i), 1);
        string seg = Directory.GetFiles(_dir, "*.seg").Single();
        long len = new FileInfo(seg).Length;
        using (var f = File.Open(seg, FileMode.Open)) f.SetLength(len - 3); // crash in the middle of the last append
        using (var o = Open())
        {
            Assert.Equal(4, o.PendingPoints);
            Assert.Equal(Enumerable.Range(0, 4).Select(i => $"m f={i}i {i}\n"), DrainAll(o));
            o.Append(Batch(5), 1);
            Assert.Equal(new[] { "m f=5i 5\n" }, DrainAll(o));
        }
    }

    [Fact]
    public void A_damaged_record_ends_the_readable_part_at_the_damage()
    {
        using (var o = Open())
            for (int i = 0; i < 3; i++) o.Append(Batch(i), 1);
        string seg = Directory.GetFiles(_dir, "*.seg").Single();
        var bytes = File.ReadAllBytes(seg);
        int second = 16 + Batch(0).Length;
        bytes[second + 16 + 2] ^= 0xFF; // flip a payload byte of record 2: its CRC no longer matches
        File.WriteAllBytes(seg, bytes);
        using var reopened = Open();
        Assert.Equal(new[] { "m f=0i 0\n" }, DrainAll(reopened));
    }

    [Fact]
    public void Refuses_appends_past_the_bound_with_a_clear_error_and_takes_them_again_after_acks()
    {
        using var o = Open(max: 1000);
        int accepted = 0;
        StorageException? e = null;
        try { for (; accepted < 100; accepted++) o.Append(new byte[100], 1); }
        catch (StorageException ex) { e = ex; }
        Assert.NotNull(e);
        Assert.Equal(StorageErrorCode.OutboxFull, e.Code);
        Assert.Contains("full", e.Message);
        Assert.Equal(8, accepted); // 8 × (16 + 100) = 928 ≤ 1000 < 1044
        Assert.True(o.Bytes <= 1000);
    }

    [Fact]
    public void Acknowledged_segments_are_deleted_so_the_outbox_shrinks()
    {
        using var o = Open();
        var big = new byte[1 << 20];
        for (int i = 0; i < 12; i++) o.Append(big, 1); // > 8 MB: the active segment rolls once acknowledged
        Assert.True(o.Bytes > 12L << 20);
        DrainAll(o);
        Assert.Equal(0, o.Bytes);
        Assert.Empty(Directory.GetFiles(_dir, "*.seg"));
        o.Append(Batch(1), 1);
        Assert.Single(DrainAll(o));
    }

    [Fact]
    public void A_second_process_cannot_open_the_same_outbox()
    {
        using var first = Open();
        var e = Assert.Throws<StorageException>(() => Open());
        Assert.Equal(StorageErrorCode.LocalStorage, e.Code);
        Assert.Contains("in use", e.Message);
    }

    [Fact]
    public void Reject_keeps_the_batch_for_inspection_and_moves_on()
    {
        using var o = Open();
        o.Append(Batch(1), 1);
        o.Append(Batch(2), 1);
        Assert.True(o.TryPeek(out var r));
        o.Reject(r);
        Assert.Equal(new[] { "m f=2i 2\n" }, DrainAll(o));
        Assert.Equal("m f=1i 1\n", File.ReadAllText(Path.Combine(_dir, "rejected.lp")));
    }

    [Fact]
    public void Appends_and_acks_go_on_while_an_fsync_is_running_and_the_next_sync_covers_them()
    {
        using var inFsync = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        int fsyncs = 0;
        var o = new DiskOutbox(_dir, 1L << 30, TimeSpan.FromMilliseconds(100))
        {
            FlushToDisk = f =>
            {
                // The first fsync is held (a slow disk after a burst); the test releases it.
                if (Interlocked.Increment(ref fsyncs) == 1) { inFsync.Set(); release.Wait(TimeSpan.FromSeconds(30)); }
                f.Flush(flushToDisk: true);
            },
        };
        try
        {
            o.Append(Batch(1), 1);
            var sync = Task.Run(o.Sync);
            Assert.True(inFsync.Wait(TimeSpan.FromSeconds(10)), "Sync did not reach the fsync");

            // Appender and sender must not wait for the disk: an fsync under the record lock would stall both here.
            var work = Task.Run(() =>
            {
                o.Append(Batch(2), 1);
                Assert.True(o.TryPeek(out var first));
                o.Ack(first);
            });
            bool finished = work.Wait(TimeSpan.FromSeconds(5));
            release.Set();
            Assert.True(finished, "Append/Ack waited for the fsync in progress");
            Assert.True(sync.Wait(TimeSpan.FromSeconds(10)));
            Assert.Equal(1, o.PendingPoints);

            // What they did during the fsync is dirty again, so the next Sync flushes once more and persists the ack.
            o.Sync();
            Assert.Equal(2, Volatile.Read(ref fsyncs));
        }
        finally
        {
            release.Set();
            o.Dispose();
        }

        using var reopened = Open();
        Assert.Equal(new[] { "m f=2i 2\n" }, DrainAll(reopened));
    }
}
