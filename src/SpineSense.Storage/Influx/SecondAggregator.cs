using System.Text;
using SpineSense.Storage.LineProtocol;

namespace SpineSense.Storage.Influx;

/// <summary>
/// Per-second min/max/count of a session's series, computed by the writer as samples go by and written as one point per
/// second (<c>angles_1s</c>, <c>imu_1s</c>): wide review windows read ~200× fewer points (a one-hour view: 3,600 instead
/// of 720,000). A second is emitted when the next one starts and at the session end; samples older than the current
/// second (out of order) are left out of the aggregate (they are still stored raw). Same samples → same point: replays
/// and exports rewrite it identically. Allocation-free after construction; not thread-safe (used under the batch lock).
/// </summary>
internal sealed class SecondAggregator
{
    private static ReadOnlySpan<byte> CountKey => "n"u8;

    private readonly byte[] _prefix;
    private readonly byte[][] _minKeys, _maxKeys;
    private readonly int[] _decimals;
    private readonly double[] _min, _max;
    private long _sec = long.MinValue;
    private int _n;

    public SecondAggregator(string measurement, string athlete, IReadOnlyList<string> channels, int[] decimals)
    {
        _prefix = PointPrefix.Build(measurement, (InfluxSchema.TagAthlete, athlete));
        _minKeys = channels.Select(c => Encoding.UTF8.GetBytes(c + "_min")).ToArray();
        _maxKeys = channels.Select(c => Encoding.UTF8.GetBytes(c + "_max")).ToArray();
        _decimals = decimals;
        _min = new double[channels.Count];
        _max = new double[channels.Count];
    }

    /// <summary>Starts a sample at <paramref name="timeS"/>; returns false when it is out of order (then skip <see cref="Add"/>).</summary>
    public bool Begin(LineProtocolBuffer b, double timeS, SessionPoints points)
    {
        if (!(timeS >= 0)) return false;
        long sec = (long)timeS;
        if (sec == _sec) { _n++; return true; }
        if (sec < _sec) return false;
        Emit(b, points);
        _sec = sec;
        _n = 1;
        for (int i = 0; i < _min.Length; i++) { _min[i] = double.PositiveInfinity; _max[i] = double.NegativeInfinity; }
        return true;
    }

    public void Add(int channel, double value)
    {
        if (value < _min[channel]) _min[channel] = value;
        if (value > _max[channel]) _max[channel] = value;
    }

    /// <summary>Writes the current second (if any) as a point.</summary>
    public void Emit(LineProtocolBuffer b, SessionPoints points)
    {
        if (_n == 0) return;
        b.BeginPrepared(_prefix);
        b.IntegerField(CountKey, _n);
        for (int i = 0; i < _min.Length; i++)
        {
            b.FixedField(_minKeys[i], _min[i], _decimals[i]);
            b.FixedField(_maxKeys[i], _max[i], _decimals[i]);
        }
        b.End(points.Timestamp((double)_sec));
        _n = 0;
    }
}
