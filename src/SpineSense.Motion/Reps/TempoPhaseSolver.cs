using SpineSense.Motion.Filters;

namespace SpineSense.Motion.Reps;

/// <summary>
/// Finds the phases of one rep in a stretch of excursion signal (away from the start = increasing):
/// a movement phase starts where its speed rises above 10% of that phase's peak speed and ends where it
/// falls back below (contract section 5). The speed comes from a zero-phase Butterworth smoothing of the
/// buffered signal, so boundaries are not delayed. Scratch buffers are allocated once.
/// </summary>
public sealed class TempoPhaseSolver
{
    /// <summary>Fraction of a phase's peak speed that bounds it (contract: 10%).</summary>
    public const double PeakSpeedFraction = 0.10;

    private readonly double[] _smooth, _speed;
    private readonly double _cutoffHz;
    // Designed for _designRateHz (NaN: not yet) by the first rep, redesigned only when the rate changes; always into
    // this array, so that no rep allocates (a new array per design cost 64 B at the first rep of every analyzer).
    private const int SmoothingOrder = 2;
    private readonly BiquadCoefficients[] _lowPass = new BiquadCoefficients[SmoothingOrder / 2];
    private double _designRateHz = double.NaN;

    public TempoPhaseSolver(int capacity, double smoothingCutoffHz = 4.0)
    {
        _smooth = new double[capacity];
        _speed = new double[capacity];
        _cutoffHz = smoothingCutoffHz;
    }

    /// <summary>
    /// Solves phases on <paramref name="t"/>/<paramref name="e"/> (excursion, degrees). The eccentric peak
    /// speed is sought before the deepest point and the concentric after it. False when either phase has no
    /// movement (speed never positive in its direction).
    /// </summary>
    public bool TrySolve(ReadOnlySpan<double> t, ReadOnlySpan<double> e, ReadOnlySpan<double> flex, out TempoPhases phases)
    {
        phases = default;
        int n = t.Length;
        if (n < 5) return false;
        Span<double> s = _smooth.AsSpan(0, n), v = _speed.AsSpan(0, n);
        e.CopyTo(s);
        double rateHz = (n - 1) / (t[n - 1] - t[0]);
        if (rateHz > 2.5 * _cutoffHz)
        {
            if (double.IsNaN(_designRateHz) || Math.Abs(rateHz - _designRateHz) > 0.1 * _designRateHz)
            {
                Butterworth.LowPass(SmoothingOrder, _cutoffHz, rateHz, _lowPass);
                _designRateHz = rateHz;
            }
            new BiquadCascade(_lowPass).FilterForwardBackward(s);
        }
        for (int i = 1; i < n - 1; i++) v[i] = (s[i + 1] - s[i - 1]) / (t[i + 1] - t[i - 1]);
        v[0] = (s[1] - s[0]) / (t[1] - t[0]);
        v[n - 1] = (s[n - 1] - s[n - 2]) / (t[n - 1] - t[n - 2]);

        int bottom = 0;
        for (int i = 1; i < n; i++) if (s[i] > s[bottom]) bottom = i;
        int eccPeak = ArgMax(v, 0, bottom, sign: 1);
        int conPeak = ArgMax(v, bottom, n - 1, sign: -1);
        if (eccPeak < 0 || conPeak < 0) return false;
        double eccThr = PeakSpeedFraction * v[eccPeak], conThr = PeakSpeedFraction * -v[conPeak];

        double eccStart = CrossBackward(t, v, eccPeak, eccThr, 1);
        double eccEnd = CrossForward(t, v, eccPeak, eccThr, 1);
        double conStart = CrossBackward(t, v, conPeak, conThr, -1);
        double conEnd = CrossForward(t, v, conPeak, conThr, -1);
        if (conStart < eccEnd) conStart = eccEnd; // a bounce with no pause: the phases touch

        double peakFlex = double.NegativeInfinity, minFlex = double.PositiveInfinity;
        for (int i = 0; i < n; i++)
        {
            if (t[i] < eccStart || t[i] > conEnd) continue;
            if (flex[i] > peakFlex) peakFlex = flex[i];
            if (flex[i] < minFlex) minFlex = flex[i];
        }
        if (double.IsNegativeInfinity(peakFlex)) { peakFlex = flex[bottom]; minFlex = flex[bottom]; }
        phases = new TempoPhases(eccStart, eccEnd, conStart, conEnd, s[bottom] - Math.Min(s[0], s[n - 1]), peakFlex, minFlex);
        return true;
    }

    private static int ArgMax(ReadOnlySpan<double> v, int from, int to, int sign)
    {
        int best = -1; double bestV = 0;
        for (int i = from; i <= to; i++)
            if (sign * v[i] > bestV) { bestV = sign * v[i]; best = i; }
        return best;
    }

    // Walks back from the peak to the last sample below the threshold; interpolates the crossing time.
    private static double CrossBackward(ReadOnlySpan<double> t, ReadOnlySpan<double> v, int peak, double thr, int sign)
    {
        for (int i = peak; i > 0; i--)
        {
            double a = sign * v[i - 1], b = sign * v[i];
            if (a < thr) return t[i - 1] + (t[i] - t[i - 1]) * (thr - a) / (b - a);
        }
        return t[0];
    }

    private static double CrossForward(ReadOnlySpan<double> t, ReadOnlySpan<double> v, int peak, double thr, int sign)
    {
        for (int i = peak; i < t.Length - 1; i++)
        {
            double a = sign * v[i], b = sign * v[i + 1];
            if (b < thr) return t[i] + (t[i + 1] - t[i]) * (a - thr) / (a - b);
        }
        return t[^1];
    }
}
