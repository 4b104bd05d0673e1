using System.Diagnostics;

namespace SpineSense.Streaming.Live;

/// <summary>
/// Collects alert latencies: from the moment the packet that completed the crossing came off the link to the moment
/// the pipeline raised the alert event. Thread-safe; shared by many sessions in the load tool.
/// </summary>
public sealed class LatencyRecorder
{
    private readonly object _gate = new();
    private readonly List<double> _ms = [];

    public void Record(long receivedTimestamp)
    {
        if (receivedTimestamp == 0) return;
        double ms = Stopwatch.GetElapsedTime(receivedTimestamp).TotalMilliseconds;
        lock (_gate) _ms.Add(ms);
    }

    public int Count { get { lock (_gate) return _ms.Count; } }

    /// <summary>The <paramref name="p"/>-th percentile (0..100) in ms, NaN without samples.</summary>
    public double Percentile(double p)
    {
        double[] sorted;
        lock (_gate) sorted = _ms.ToArray();
        if (sorted.Length == 0) return double.NaN;
        Array.Sort(sorted);
        int i = (int)Math.Ceiling(p / 100 * sorted.Length) - 1;
        return sorted[Math.Clamp(i, 0, sorted.Length - 1)];
    }
}
