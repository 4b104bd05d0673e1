namespace SpineSense.Motion.Filters;

/// <summary>
/// Digital Butterworth design by the bilinear transform with pre-warping — what SciPy's
/// <c>butter(N, fc, btype, fs=fs, output='sos')</c> computes, in the same section order (the pole pair
/// farthest from the unit circle first, the overall gain folded into the first section). Checked against
/// SciPy by tests that read tools/filters/reference.json.
/// </summary>
public static class Butterworth
{
    /// <summary>Low-pass sections of even <paramref name="order"/> (2, 4, 6 …).</summary>
    public static BiquadCoefficients[] LowPass(int order, double cutoffHz, double sampleRateHz) =>
        Design(order, cutoffHz, sampleRateHz, highPass: false);

    /// <summary>As <see cref="LowPass(int, double, double)"/>, written into <paramref name="sections"/> (order / 2 of
    /// them) instead of a new array: a caller that redesigns while running allocates nothing.</summary>
    public static void LowPass(int order, double cutoffHz, double sampleRateHz, Span<BiquadCoefficients> sections) =>
        Design(order, cutoffHz, sampleRateHz, highPass: false, sections);

    /// <summary>High-pass sections of even <paramref name="order"/>.</summary>
    public static BiquadCoefficients[] HighPass(int order, double cutoffHz, double sampleRateHz) =>
        Design(order, cutoffHz, sampleRateHz, highPass: true);

    private static BiquadCoefficients[] Design(int order, double cutoffHz, double sampleRateHz, bool highPass)
    {
        if (order < 2 || order % 2 != 0) throw new ArgumentOutOfRangeException(nameof(order), "order must be even and ≥ 2");
        var sections = new BiquadCoefficients[order / 2];
        Design(order, cutoffHz, sampleRateHz, highPass, sections);
        return sections;
    }

    private static void Design(int order, double cutoffHz, double sampleRateHz, bool highPass, Span<BiquadCoefficients> sections)
    {
        if (order < 2 || order % 2 != 0) throw new ArgumentOutOfRangeException(nameof(order), "order must be even and ≥ 2");
        if (sections.Length != order / 2) throw new ArgumentException("order / 2 sections are designed", nameof(sections));
        if (!(cutoffHz > 0) || !(cutoffHz < sampleRateHz / 2))
            throw new ArgumentOutOfRangeException(nameof(cutoffHz), "cutoff must lie between 0 and the Nyquist frequency");
        double fs2 = 2 * sampleRateHz;
        double warped = fs2 * Math.Tan(Math.PI * cutoffHz / sampleRateHz); // pre-warp so the -3 dB point lands on fc
        int pairs = order / 2;
        // Analog prototype poles on the unit circle: p_k = exp(iπ(2k + N − 1) / 2N), k = 1..N/2 (upper half).
        // Pairs near the real axis lie farthest from the unit circle after the transform; SciPy puts those first.
        for (int k = 0; k < pairs; k++)
        {
            double theta = Math.PI * (2 * (k + 1) + order - 1) / (2.0 * order);
            double pr = Math.Cos(theta), pi = Math.Sin(theta);
            if (highPass)
            {
                // s → ωc / s maps a prototype pole p to ωc / p = ωc · conj(p) (|p| = 1).
                pr *= warped; pi = -pi * warped;
            }
            else { pr *= warped; pi *= warped; }
            // Bilinear transform z = (2fs + s) / (2fs − s) of the pole.
            double dr = fs2 - pr, di = -pi;            // denominator 2fs − s
            double nr = fs2 + pr, ni = pi;             // numerator 2fs + s
            double den = dr * dr + di * di;
            double zr = (nr * dr + ni * di) / den, zi = (ni * dr - nr * di) / den;
            double a1 = -2 * zr, a2 = zr * zr + zi * zi;
            // Zeros at z = −1 (low-pass) or z = +1 (high-pass); unit gain at DC or Nyquist respectively.
            double b1Sign = highPass ? -1 : 1;
            double gain = highPass ? (1 - a1 + a2) / 4 : (1 + a1 + a2) / 4;
            sections[pairs - 1 - k] = new BiquadCoefficients(gain, 2 * b1Sign * gain, gain, a1, a2);
        }
        FoldGainIntoFirst(sections);
    }

    // SciPy keeps the numerators of later sections monic-ish ([1, ±2, 1]) and carries the product of the gains
    // in the first section; do the same so the coefficients compare one to one.
    private static void FoldGainIntoFirst(Span<BiquadCoefficients> s)
    {
        double total = 1;
        for (int i = 0; i < s.Length; i++) total *= s[i].B0;
        for (int i = 0; i < s.Length; i++)
        {
            double g = i == 0 ? total : 1;
            double unit = s[i].B0;
            s[i] = s[i] with { B0 = g, B1 = s[i].B1 / unit * g, B2 = s[i].B2 / unit * g };
        }
    }
}
