namespace SpineSense.Simulation.Kinematics;

/// <summary>
/// Postural sway and breathing: sums of a few sinusoids with random frequencies and phases per channel
/// (smooth, so gyro and accelerometer see consistent derivatives). At gain 1 (quiet standing) the trunk sways
/// about 0.5° RMS in the 0.05–0.8 Hz band and the hip about 4 mm, matching quiet-stance trunk sway reports;
/// breathing adds ≈ 0.3° of flexion at 0.2–0.33 Hz.
/// </summary>
public sealed class SwayModel
{
    private const int Components = 5;
    private readonly double[] _freq = new double[6 * Components];
    private readonly double[] _phase = new double[6 * Components];
    private readonly double[] _amp = new double[6 * Components];
    private readonly double _breathHz, _breathPhase, _breathDeg;

    // Per-channel RMS at gain 1: flexion, lateral, rotation (deg), hip x, y, z (m).
    private static readonly double[] RmsAtGainOne = [0.45, 0.3, 0.45, 0.004, 0.004, 0.0008];

    public SwayModel(Random rng)
    {
        for (int c = 0; c < 6; c++)
        {
            for (int k = 0; k < Components; k++)
            {
                int i = c * Components + k;
                _freq[i] = 0.05 + rng.NextDouble() * 0.75;
                _phase[i] = rng.NextDouble() * 2 * Math.PI;
                _amp[i] = RmsAtGainOne[c] * Math.Sqrt(2.0 / Components) * (0.6 + 0.8 * rng.NextDouble());
            }
        }
        _breathHz = 0.2 + rng.NextDouble() * 0.13;
        _breathPhase = rng.NextDouble() * 2 * Math.PI;
        _breathDeg = 0.2 + rng.NextDouble() * 0.2;
    }

    /// <summary>Adds sway scaled by the pose's own <see cref="Pose.SwayGain"/>.</summary>
    public void Apply(double timeS, ref Pose pose)
    {
        double gain = pose.SwayGain;
        if (gain <= 0) return;
        pose.FlexionDeg += gain * Sum(0, timeS) + _breathDeg * Math.Sin(2 * Math.PI * _breathHz * timeS + _breathPhase);
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
