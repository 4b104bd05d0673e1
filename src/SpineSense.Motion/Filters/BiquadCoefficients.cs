namespace SpineSense.Motion.Filters;

/// <summary>
/// One second-order section, normalised so a0 = 1, in SciPy's <c>sos</c> row order
/// <c>[b0, b1, b2, 1, a1, a2]</c>: <c>H(z) = (b0 + b1 z⁻¹ + b2 z⁻²) / (1 + a1 z⁻¹ + a2 z⁻²)</c>.
/// </summary>
public readonly record struct BiquadCoefficients(double B0, double B1, double B2, double A1, double A2)
{
    /// <summary>Gain at DC (z = 1).</summary>
    public double DcGain => (B0 + B1 + B2) / (1 + A1 + A2);

    /// <summary>|H| at <paramref name="frequencyHz"/> for a section running at <paramref name="sampleRateHz"/>.</summary>
    public double Magnitude(double frequencyHz, double sampleRateHz)
    {
        double w = 2 * Math.PI * frequencyHz / sampleRateHz;
        double c1 = Math.Cos(w), s1 = Math.Sin(w), c2 = Math.Cos(2 * w), s2 = Math.Sin(2 * w);
        double nr = B0 + B1 * c1 + B2 * c2, ni = -(B1 * s1 + B2 * s2);
        double dr = 1 + A1 * c1 + A2 * c2, di = -(A1 * s1 + A2 * s2);
        return Math.Sqrt((nr * nr + ni * ni) / (dr * dr + di * di));
    }
}
