namespace SpineSense.Streaming.Live;

/// <summary>
/// Link and pipeline counters since the session started. Nothing is dropped silently: every sample that did not reach
/// the analyzer or a sink is in one of these counters.
/// </summary>
/// <param name="State">Link state text: connected, reconnecting, lost, closed.</param>
/// <param name="PacketsReceived">Data packets decoded (including duplicates and backfill).</param>
/// <param name="PacketsLost">Sequence numbers never delivered (gaps the backfill could not fill).</param>
/// <param name="PacketsRecovered">Packets that arrived through "resend from sequence" backfill or late reordering.</param>
/// <param name="Duplicates">Packets seen twice and ignored.</param>
/// <param name="Malformed">Payloads the decoder rejected.</param>
/// <param name="LinkDropped">Payloads the link dropped because the pipeline fell behind (its bounded channel).</param>
/// <param name="SinkDropped">Items a slow sink's bounded buffer dropped (storage, live feed).</param>
/// <param name="Reconnects">Successful reconnects after a loss.</param>
/// <param name="BatteryPct">Last battery level reported, if any.</param>
/// <param name="RssiDbm">The link's signal strength when the health was taken, dBm; null when the link does not know
/// (not connected, replay, no permission for the management socket).</param>
public sealed record LiveLinkHealth(
    string State,
    long PacketsReceived, long PacketsLost, long PacketsRecovered, long Duplicates, long Malformed,
    long LinkDropped, long SinkDropped, int Reconnects, double? BatteryPct,
    double? RssiDbm = null)
{
    /// <summary>Lost packets as a percentage of expected packets.</summary>
    public double LossPct => PacketsReceived + PacketsLost == 0 ? 0 : 100.0 * PacketsLost / (PacketsReceived - Duplicates + PacketsLost);
}
