namespace SpineSense.Motion.Filters;

/// <summary>
/// A running second-order section (transposed direct form II: two state values, good numerics at low
/// cutoff/rate ratios). A mutable struct so a filter chain lives inline in its owner without allocation.
/// </summary>
public struct Biquad
{
    private readonly BiquadCoefficients _c;
    private double _z1, _z2;

    public Biquad(BiquadCoefficients coefficients) => _c = coefficients;

    public readonly BiquadCoefficients Coefficients => _c;

    public double Step(double x)
    {
        double y = _c.B0 * x + _z1;
        _z1 = _c.B1 * x - _c.A1 * y + _z2;
        _z2 = _c.B2 * x - _c.A2 * y;
        return y;
    }

    /// <summary>
    /// Sets the state to the steady state of a constant input <paramref name="x"/> (SciPy's <c>lfilter_zi</c>
    /// scaled by x), so a filter started or restarted after a gap does not ring from zero.
    /// </summary>
    public void Reset(double x)
    {
        double y = _c.DcGain * x;
        _z2 = _c.B2 * x - _c.A2 * y;
        _z1 = _c.B1 * x - _c.A1 * y + _z2;
    }
}
