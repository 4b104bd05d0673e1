namespace SpineSense.Simulation.Kinematics;

/// <summary>
/// Postural sway, breathing and heartbeat added to every pose (smooth sums of sinusoids with random frequencies
/// and phases, so gyro and accelerometer see consistent derivatives):
/// <list type="bullet">
/// <item>Trunk sway: components spread log-uniformly over 0.05–6 Hz with angle amplitude ∝ f^-1.4 (a steep power
/// spectrum, as quiet-stance sway spectra fall off above ~1 Hz), ≈ 0.45° RMS at gain 1 (quiet standing).</item>
/// <item>Hip sway: 0.05–3 Hz with displacement ∝ 1/f², ≈ 4 mm RMS horizontally at gain 1.</item>
/// <item>Breathing: ≈ 0.3° of flexion and 1.5 mm of hip height at 0.2–0.33 Hz, always present.</item>
/// <item>Heartbeat (ballistocardiogram): ≈ 3 mg along the spine at 55–85 bpm with harmonics to 5×, always present.</item>
/// </list>
/// </summary>
public sealed class SwayModel
{
    private const int Components = 12;
    private const int Channels = 6;
    private readonly double[] _freq = new double[Channels * Components];
    private readonly double[] _phase = new double[Channels * Components];
    private readonly double[] _amp = new double[Channels * Components];
    private readonly double _breathHz, _breathPhase, _breathDeg, _breathM;
    private readonly double _heartHz;
    private readonly double[] _heartAmpM = new double[5];
    private readonly double[] _heartPhase = new double[5];

    // Per-channel RMS at gain 1: flexion, lateral, rotation (deg), hip x, y, z (m).
    private static readonly double[] RmsAtGainOne = [0.45, 0.3, 0.45, 0.004, 0.004, 0.0008];

    /// <summary>No sway, breathing or heartbeat at all (for tests that need the designed motion exactly).</summary>
    public static SwayModel None() => new(new Random(0), silent: true);

    public SwayModel(Random rng) : this(rng, silent: false) { }

    private SwayModel(Random rng, bool silent)
    {
        for (int c = 0; c < Channels; c++)
        {
            bool angle = c < 3;
            double fMax = angle ? 6.0 : 3.0;
            double sumSq = 0;
            for (int k = 0; k < Components; k++)
            {
                int i = c * Components + k;
                // Log-uniform spread with jitter, so each athlete's sway has its own spectrum.
                double u = (k + rng.NextDouble()) / Components;
                _freq[i] = 0.05 * Math.Pow(fMax / 0.05, u);
                _phase[i] = rng.NextDouble() * 2 * Math.PI;
                // Angle ∝ f^-1.4 (rate ∝ f^-0.4: most of the trunk's quiet-stance rate is below 2 Hz), position ∝ f^-2.
                double a = (0.7 + 0.6 * rng.NextDouble()) * Math.Pow(_freq[i], angle ? -1.4 : -2.0);
                _amp[i] = a;
                sumSq += a * a / 2;
            }
            double scale = RmsAtGainOne[c] / Math.Sqrt(sumSq);
            for (int k = 0; k < Components; k++) _amp[c * Components + k] *= scale;
        }
        _breathHz = 0.2 + rng.NextDouble() * 0.13;
        _breathPhase = rng.NextDouble() * 2 * Math.PI;
        _breathDeg = silent ? 0 : 0.2 + rng.NextDouble() * 0.2;
        _breathM = silent ? 0 : 0.0015;
        _heartHz = (55 + 30 * rng.NextDouble()) / 60;
        for (int h = 0; h < _heartAmpM.Length; h++)
        {
            // Acceleration amplitude 3 mg / harmonic number, converted to displacement: a / (2πf)².
            double w = 2 * Math.PI * _heartHz * (h + 1);
            _heartAmpM[h] = silent ? 0 : 0.003 * Geometry.Angles.StandardGravity / (h + 1) / (w * w);
            _heartPhase[h] = rng.NextDouble() * 2 * Math.PI;
        }
    }

    /// <summary>Adds sway scaled by the pose's own <see cref="Pose.SwayGain"/>, plus breathing and heartbeat.</summary>
    public void Apply(double timeS, ref Pose pose)
    {
        double gain = pose.SwayGain;
        double breath = Math.Sin(2 * Math.PI * _breathHz * timeS + _breathPhase);
        pose.FlexionDeg += _breathDeg * breath;
        pose.HipZM += _breathM * breath;
        for (int h = 0; h < _heartAmpM.Length; h++)
            pose.HipZM += _heartAmpM[h] * Math.Sin(2 * Math.PI * _heartHz * (h + 1) * timeS + _heartPhase[h]);
        if (gain <= 0) return;
        pose.FlexionDeg += gain * Sum(0, timeS);
        pose.LateralDeg += gain * Sum(1, timeS);
        pose.RotationDeg += gain * Sum(2, timeS);
        pose.HipXM += gain * Sum(3, timeS);
        pose.HipYM += gain * Sum(4, timeS);
        pose.HipZM += gain * Sum(5, timeS);
    }

    private double Sum(int channel, double t)
    {
        double s = 0;
        int i0 = channel * Components;
        for (int i = i0; i < i0 + Components; i++) s += _amp[i] * Math.Sin(2 * Math.PI * _freq[i] * t + _phase[i]);
        return s;
    }
}
