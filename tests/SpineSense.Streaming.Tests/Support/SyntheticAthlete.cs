using SpineSense.Motion.Samples;

namespace SpineSense.Streaming.Tests.Support;

/// <summary>
/// A minimal, exactly known lumbar signal for pipeline tests (the physical simulator lives in SpineSense.Simulation):
/// nominal mounting, pure sagittal rotation, no noise. Forward flexion θ puts world-up at (0, cos θ, sin θ) in the
/// sensor frame and is a negative rate about sensor +x (contract section 1: +x right, +y up, +z posterior).
/// </summary>
public static class SyntheticAthlete
{
    public const double RateHz = 200;

    /// <summary>Stand <paramref name="standS"/>, then sets of hinge reps to <paramref name="depthDeg"/>, resting in between.</summary>
    public static ImuSample[] HingeSets(int sets, int reps, double depthDeg = 60, double standS = 4, double restS = 25,
        double repS = 3, double pauseS = 1, double tailS = 20)
    {
        var angles = new List<double>();
        void Hold(double seconds, double deg) { for (int i = 0; i < seconds * RateHz; i++) angles.Add(deg); }
        Hold(standS, 0);
        for (int s = 0; s < sets; s++)
        {
            for (int r = 0; r < reps; r++)
            {
                int n = (int)(repS * RateHz);
                // Minimum-jerk-like smooth excursion 0 → depth → 0 (raised cosine).
                for (int i = 0; i < n; i++) angles.Add(depthDeg * 0.5 * (1 - Math.Cos(2 * Math.PI * i / n)));
                Hold(pauseS, 0);
            }
            Hold(s < sets - 1 ? restS : tailS, 0);
        }
        return FromFlexion(angles);
    }

    /// <param name="upAccG">Linear acceleration of the sensor along world up per sample, g (none when null): the
    /// specific force is then (1 + a)·up.</param>
    public static ImuSample[] FromFlexion(IReadOnlyList<double> flexionDeg, IReadOnlyList<double>? upAccG = null)
    {
        var samples = new ImuSample[flexionDeg.Count];
        for (int i = 0; i < samples.Length; i++)
        {
            double th = flexionDeg[i] * Math.PI / 180;
            double prev = flexionDeg[Math.Max(0, i - 1)], next = flexionDeg[Math.Min(samples.Length - 1, i + 1)];
            double rateDps = (next - prev) / ((i == 0 || i == samples.Length - 1 ? 1 : 2) / RateHz);
            double f = 1 + (upAccG?[i] ?? 0);
            samples[i] = new ImuSample(i / RateHz, 0, f * Math.Cos(th), f * Math.Sin(th), -rateDps, 0, 0);
        }
        return samples;
    }
}
