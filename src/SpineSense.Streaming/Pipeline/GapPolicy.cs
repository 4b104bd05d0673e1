namespace SpineSense.Streaming.Pipeline;

/// <summary>
/// How the order stage treats missing packets. A hole in the sequence holds back the packets after it (the analyzer
/// needs samples in time order) until the hole is filled by a reordered or resent packet, or given up.
/// </summary>
/// <param name="ReorderWindowPackets">Packets held behind a hole before asking the sensor to resend it: a packet
/// merely reordered on the air arrives within one or two.</param>
/// <param name="GiveUpS">Sensor time held behind a hole before declaring it lost (counted) and moving on, seconds.
/// Bounds the extra alert latency a lost packet can cause. Nothing arrives while the link is down, so a dropout
/// does not run this down: the reconnect's backfill fills the hole first.</param>
/// <param name="MaxPendingPackets">Hard bound on held packets (memory per session); beyond it the oldest hole is given up.</param>
/// <param name="MinWaitAfterRequest">Host time a resend request gets before its hole may be given up: when the pipeline
/// runs behind the link (a backlog in the link's queue), sensor time races ahead of the answer.</param>
public sealed record GapPolicy(int ReorderWindowPackets = 2, double GiveUpS = 3, int MaxPendingPackets = 1024,
    TimeSpan? MinWaitAfterRequest = null)
{
    public static GapPolicy Default { get; } = new();

    public TimeSpan EffectiveMinWait => MinWaitAfterRequest ?? TimeSpan.FromSeconds(1);

    public GapPolicy Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(ReorderWindowPackets, 1);
        if (!(GiveUpS > 0)) throw new ArgumentOutOfRangeException(nameof(GiveUpS), GiveUpS, "must be positive");
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxPendingPackets, 1);
        return this;
    }
}
