namespace SpineSense.Storage.LineProtocol;

/// <summary>
/// Escapes a measurement and its tags once (per session), so the per-sample path only copies bytes:
/// see <see cref="LineProtocolBuffer.BeginPrepared"/>.
/// </summary>
public static class PointPrefix
{
    /// <summary>Tags should be given sorted by key (InfluxDB's own order; it saves the server a sort).</summary>
    public static byte[] Build(string measurement, params ReadOnlySpan<(string Key, string Value)> tags)
    {
        var b = new LineProtocolBuffer(256);
        b.Measurement(measurement);
        foreach (var (k, v) in tags) b.Tag(k, v);
        return b.PendingLine.ToArray();
    }
}
