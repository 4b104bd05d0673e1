using SpineSense.Motion.Samples;

namespace SpineSense.Recording;

/// <summary>
/// A parsed recording: its samples in file order (time strictly increasing) and the
/// <c># key: value</c> comment lines as metadata (e.g. <c>rate_hz</c>, <c>seed</c>).
/// </summary>
public sealed class ImuRecording
{
    public ImuRecording(string source, int formatVersion, ImuSample[] samples, IReadOnlyDictionary<string, string> metadata)
    {
        ArgumentNullException.ThrowIfNull(samples);
        Source = source;
        FormatVersion = formatVersion;
        Samples = samples;
        Metadata = metadata;
    }

    /// <summary>File path or source name the recording was read from.</summary>
    public string Source { get; }

    /// <summary>The number after <c># spinesense-recording:</c> (1).</summary>
    public int FormatVersion { get; }

    /// <summary>All data rows. Never empty when produced by <see cref="RecordingReader"/>.</summary>
    public ImuSample[] Samples { get; }

    /// <summary>Comment lines <c># key: value</c>, keys trimmed and case-sensitive; a repeated key keeps its last value.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    public double FirstTimeS => Samples.Length == 0 ? 0 : Samples[0].TimeS;

    public double LastTimeS => Samples.Length == 0 ? 0 : Samples[^1].TimeS;

    /// <summary>Seconds from the first to the last row. Analyze compares it with the calibration window.</summary>
    public double DurationS => LastTimeS - FirstTimeS;

    /// <summary>
    /// Output data rate estimated from the median row spacing, in Hz, so lost packets (long gaps)
    /// and timestamp jitter do not bias it. 0 with fewer than two rows.
    /// </summary>
    public double EstimateRateHz()
    {
        if (Samples.Length < 2) return 0;
        var dt = new double[Samples.Length - 1];
        for (int i = 1; i < Samples.Length; i++) dt[i - 1] = Samples[i].TimeS - Samples[i - 1].TimeS;
        Array.Sort(dt);
        double median = dt.Length % 2 == 1 ? dt[dt.Length / 2] : 0.5 * (dt[dt.Length / 2 - 1] + dt[dt.Length / 2]);
        return median > 0 ? 1.0 / median : 0;
    }
}
