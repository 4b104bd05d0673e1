namespace SpineSense.Motion.Reps;

/// <summary>
/// The recent excursion signal resampled onto a uniform 100 Hz grid (linear interpolation between input
/// samples, so jittered timestamps do not warp the smoothing filter), in a fixed ring buffer:
/// what the tempo-phase solver looks back over when a rep ends. Allocated once per stream
/// (capacity × 3 doubles: 36 KB for 30 s), so memory stays small even at 833 Hz.
/// </summary>
public sealed class SignalHistory
{
    /// <summary>Grid spacing, seconds (100 Hz: 10 ms phase resolution is plenty for a 0.1 s target).</summary>
    public const double SpacingS = 0.01;

    private readonly double[] _t, _e, _flex;
    private int _head, _count;
    private double _prevT = double.NaN, _prevE, _prevFlex, _nextT;

    public SignalHistory(double spanS)
    {
        int capacity = (int)Math.Ceiling(spanS / SpacingS) + 2;
        _t = new double[capacity];
        _e = new double[capacity];
        _flex = new double[capacity];
    }

    public int Count => _count;
    public int Capacity => _t.Length;
    public double LastTimeS => _count == 0 ? double.NegativeInfinity : _t[(_head - 1 + _t.Length) % _t.Length];

    /// <summary>
    /// Adds an input sample; stores every grid point up to <paramref name="timeS"/> interpolated from the
    /// previous input. Returns true when at least one point was stored (the newest is the last grid point).
    /// </summary>
    public bool TryAdd(double timeS, double excursionDeg, double flexionDeg)
    {
        bool stored = false;
        if (double.IsNaN(_prevT) || timeS - _prevT > _t.Length * SpacingS)
        {
            // First sample, or a gap longer than the whole buffer: restart the grid here.
            _count = 0;
            Store(timeS, excursionDeg, flexionDeg);
            _nextT = timeS + SpacingS;
            stored = true;
        }
        else
        {
            double span = timeS - _prevT;
            while (_nextT <= timeS)
            {
                double w = span > 0 ? (_nextT - _prevT) / span : 1;
                Store(_nextT, _prevE + (excursionDeg - _prevE) * w, _prevFlex + (flexionDeg - _prevFlex) * w);
                _nextT += SpacingS;
                stored = true;
            }
        }
        _prevT = timeS; _prevE = excursionDeg; _prevFlex = flexionDeg;
        return stored;
    }

    /// <summary>The newest stored excursion, degrees.</summary>
    public double LastExcursionDeg => _count == 0 ? 0 : _e[(_head - 1 + _t.Length) % _t.Length];

    private void Store(double t, double e, double flex)
    {
        _t[_head] = t;
        _e[_head] = e;
        _flex[_head] = flex;
        _head = (_head + 1) % _t.Length;
        if (_count < _t.Length) _count++;
    }

    public void Clear() { _head = _count = 0; _prevT = double.NaN; }

    /// <summary>Copies the points with time ≥ <paramref name="fromS"/> into the spans; returns how many.</summary>
    public int CopySince(double fromS, Span<double> t, Span<double> e, Span<double> flex)
    {
        int start = _count;
        for (int i = 0; i < _count; i++)
        {
            int idx = (_head - _count + i + _t.Length) % _t.Length;
            if (_t[idx] >= fromS) { start = i; break; }
        }
        int n = 0;
        for (int i = start; i < _count && n < t.Length; i++, n++)
        {
            int idx = (_head - _count + i + _t.Length) % _t.Length;
            t[n] = _t[idx]; e[n] = _e[idx]; flex[n] = _flex[idx];
        }
        return n;
    }
}
