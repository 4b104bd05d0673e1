using SpineSense.Protocol.Clock;

namespace SpineSense.Protocol.Tests.Clock;

public class PacketOrderClassifierTests
{
    [Fact]
    public void Classifies_first_in_order_gap_late_duplicate()
    {
        var c = new PacketOrderClassifier();
        Assert.Equal(PacketArrivalKind.First, c.Classify(10).Kind);
        Assert.Equal(PacketArrivalKind.InOrder, c.Classify(11).Kind);
        PacketArrival gap = c.Classify(15);
        Assert.Equal(PacketArrivalKind.AfterGap, gap.Kind);
        Assert.Equal(3, gap.MissingBefore);
        Assert.Equal(3, c.Missing);
        Assert.Equal(PacketArrivalKind.Late, c.Classify(13).Kind);
        Assert.Equal(2, c.Missing);
        Assert.Equal(PacketArrivalKind.Duplicate, c.Classify(13).Kind);
        Assert.Equal(PacketArrivalKind.Duplicate, c.Classify(15).Kind);
        Assert.Equal(PacketArrivalKind.Duplicate, c.Classify(10).Kind);
        Assert.False(c.Classify(11).IsAccepted);
        Assert.Equal(4, c.Received);
        Assert.Equal(4, c.Duplicates);
        Assert.Equal(1, c.Late);
    }

    [Fact]
    public void Backfill_older_than_the_first_packet_grows_the_range_down()
    {
        var c = new PacketOrderClassifier();
        c.Classify(100);
        PacketArrival a = c.Classify(95);
        Assert.Equal(PacketArrivalKind.Late, a.Kind);
        Assert.Equal(4, c.Missing); // 96..99
        Assert.Equal(95, c.Lowest);
        foreach (long s in new long[] { 96, 97, 98, 99 }) Assert.Equal(PacketArrivalKind.Late, c.Classify(s).Kind);
        Assert.Equal(0, c.Missing);
        Assert.Equal(PacketArrivalKind.Duplicate, c.Classify(97).Kind);
    }

    [Fact]
    public void Rejects_packets_beyond_the_window_as_too_old()
    {
        var c = new PacketOrderClassifier();
        c.Classify(0);
        c.Classify(PacketOrderClassifier.WindowPackets + 5);
        Assert.Equal(PacketArrivalKind.TooOld, c.Classify(5).Kind);
        Assert.Equal(PacketArrivalKind.Late, c.Classify(6).Kind);
        Assert.Equal(1, c.TooOld);
    }

    [Fact]
    public void Slots_reused_after_the_window_moves_do_not_report_false_duplicates()
    {
        var c = new PacketOrderClassifier();
        for (long s = 0; s < 3 * PacketOrderClassifier.WindowPackets; s += 2) c.Classify(s); // every odd one lost
        long top = c.Highest;
        Assert.Equal(PacketArrivalKind.Late, c.Classify(top - 1).Kind);
        Assert.Equal(PacketArrivalKind.Late, c.Classify(top - PacketOrderClassifier.WindowPackets + 1).Kind);
    }

    [Fact]
    public void Recovers_exactly_the_sent_set_from_a_lossy_duplicating_reordering_link_across_wraps()
    {
        var random = new Random(1234);
        const int sent = 200_000; // > 3 wraps of the 16-bit sequence
        var arrivals = new List<(double time, ushort wire, long truth)>();
        var delivered = new HashSet<long>();
        for (long s = 0; s < sent; s++)
        {
            if (random.NextDouble() < 0.03) continue; // lost
            double t = s + random.NextDouble() * 3;   // reordering by up to 3 packets
            arrivals.Add((t, (ushort)s, s));
            delivered.Add(s);
            if (random.NextDouble() < 0.01) arrivals.Add((t + random.NextDouble() * 20, (ushort)s, s)); // duplicate
        }
        arrivals.Sort((a, b) => a.time.CompareTo(b.time));

        var unwrapper = new SequenceUnwrapper();
        var c = new PacketOrderClassifier();
        var accepted = new HashSet<long>();
        int duplicates = 0;
        foreach (var (_, wire, truth) in arrivals)
        {
            long e = unwrapper.Unwrap(wire);
            Assert.Equal(truth, e);
            PacketArrival a = c.Classify(e);
            if (a.IsAccepted) Assert.True(accepted.Add(e), $"accepted {e} twice");
            else duplicates++;
        }
        Assert.Equal(delivered, accepted);
        Assert.Equal(arrivals.Count - delivered.Count, duplicates);
        long span = c.Highest - c.Lowest + 1;
        Assert.Equal(span - delivered.Count, c.Missing);
    }
}
