namespace SpineSense.Motion.Filters;

/// <summary>
/// A running chain of up to two sections (a 4th-order Butterworth), inline state, no allocation per sample.
/// Also a zero-phase (forward-backward) pass over a buffer, for the offline tempo-phase solver.
/// </summary>
public struct BiquadCascade
{
    private Biquad _s0, _s1;
    private readonly int _count;

    public BiquadCascade(BiquadCoefficients[] sections)
    {
        if (sections.Length is < 1 or > 2) throw new ArgumentOutOfRangeException(nameof(sections), "one or two sections");
        _count = sections.Length;
        _s0 = new Biquad(sections[0]);
        _s1 = sections.Length > 1 ? new Biquad(sections[1]) : default;
    }

    public double Step(double x)
    {
        double y = _s0.Step(x);
        return _count > 1 ? _s1.Step(y) : y;
    }

    public void Reset(double x)
    {
        _s0.Reset(x);
        if (_count > 1) _s1.Reset(x * _s0.Coefficients.DcGain);
    }

    /// <summary>
    /// Zero-phase filtering of <paramref name="data"/> in place: forward then backward, each pass started in
    /// the steady state of its first value (like SciPy's <c>filtfilt</c> without padding).
    /// </summary>
    public void FilterForwardBackward(Span<double> data)
    {
        if (data.Length == 0) return;
        Reset(data[0]);
        for (int i = 0; i < data.Length; i++) data[i] = Step(data[i]);
        Reset(data[^1]);
        for (int i = data.Length - 1; i >= 0; i--) data[i] = Step(data[i]);
    }
}
