using System.Diagnostics;
using SpineSense.Sensors;

namespace SpineSense.Streaming.Live;

/// <summary>
/// Collects alert latencies, two ways: from the link's arrival stamp of the packet that completed the crossing
/// (includes the wait in the link's queue; meaningful when the link stamps real host time, e.g. the simulated sensor
/// at speed 1) and from the moment the pipeline took that packet off the link (pipeline work only), each to the moment
/// the alert event was raised. Thread-safe; shared by many sessions in the load tool.
/// </summary>
public sealed class LatencyRecorder
{
    private readonly object _gate = new();
    private readonly List<double> _fromArrivalMs = [];
    private readonly List<double> _pipelineMs = [];

    public void Record(long receivedTimestamp, long hostArrivalUs)
    {
        double pipeline = receivedTimestamp == 0 ? double.NaN : Stopwatch.GetElapsedTime(receivedTimestamp).TotalMilliseconds;
        double fromArrival = hostArrivalUs == 0 ? double.NaN : (HostClock.NowUs(TimeProvider.System) - hostArrivalUs) / 1000.0;
        lock (_gate)
        {
            if (!double.IsNaN(pipeline)) _pipelineMs.Add(pipeline);
            if (!double.IsNaN(fromArrival)) _fromArrivalMs.Add(fromArrival);
        }
    }

    public int Count { get { lock (_gate) return _pipelineMs.Count; } }

    /// <summary>The <paramref name="p"/>-th percentile (0..100) from packet arrival, ms; NaN without samples.</summary>
    public double FromArrivalPercentile(double p) => Percentile(_fromArrivalMs, p);

    /// <summary>The <paramref name="p"/>-th percentile (0..100) of pipeline time, ms; NaN without samples.</summary>
    public double PipelinePercentile(double p) => Percentile(_pipelineMs, p);

    private double Percentile(List<double> values, double p)
    {
        double[] sorted;
        lock (_gate) sorted = values.ToArray();
        if (sorted.Length == 0) return double.NaN;
        Array.Sort(sorted);
        int i = (int)Math.Ceiling(p / 100 * sorted.Length) - 1;
        return sorted[Math.Clamp(i, 0, sorted.Length - 1)];
    }
}
