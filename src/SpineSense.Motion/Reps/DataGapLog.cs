namespace SpineSense.Motion.Reps;

/// <summary>
/// The latest packet-loss gaps long enough to hide most of a rep (its deepest part). Alternating work goes left,
/// right, left: the same side twice with such a gap between means the other side's rep went unseen in it
/// (<see cref="RepSequencer"/>), not that the athlete repeated a side. Fixed ring of the last few gaps, allocated once.
/// </summary>
internal sealed class DataGapLog
{
    private const int Capacity = 4;
    private const double UnseenRepGapS = 1.0;
    private readonly double[] _startS = new double[Capacity], _endS = new double[Capacity];
    private int _next;
    private double _lastTickS = double.NaN;

    public DataGapLog() => Array.Fill(_endS, double.NegativeInfinity);

    /// <summary>Notes a tick of the stream; a pause of <see cref="UnseenRepGapS"/> or more since the last one is a gap.</summary>
    public void Tick(double nowS)
    {
        if (nowS - _lastTickS >= UnseenRepGapS)
        {
            _startS[_next] = _lastTickS;
            _endS[_next] = nowS;
            _next = (_next + 1) % Capacity;
        }
        _lastTickS = nowS;
    }

    /// <summary>Whether a remembered gap overlaps the span from afterS to beforeS (ended after one, began before the other).</summary>
    public bool AnyBetween(double afterS, double beforeS)
    {
        for (int i = 0; i < Capacity; i++)
            if (_endS[i] > afterS && _startS[i] < beforeS) return true;
        return false;
    }
}
