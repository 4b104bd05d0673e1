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
/// Evaluating ~80 sinusoids per pose dominates the simulator's cost, so loops that step time uniformly pass a
/// <see cref="Cursor"/>: each term's phasor is then rotated by a fixed step (4 multiplications instead of a sine)
/// and re-synchronised exactly every 1024 steps.
/// </summary>
public sealed class SwayModel
{
    private const int Components = 12;
    private const int SwayChannels = 6;
    private const int HeartHarmonics = 5;
    private const int ResyncSteps = 1024;

    // Term arrays: sway terms first (scaled by the pose's gain), then breathing and heartbeat (always on).
    private readonly double[] _amp, _omega, _phase;
    private readonly int[] _channel;
    private readonly int _scaledTerms;

    // Per-channel RMS at gain 1: flexion, lateral, rotation (deg), hip x, y, z (m). Pose channel = index + 1.
    private static readonly double[] RmsAtGainOne = [0.45, 0.3, 0.45, 0.004, 0.004, 0.0008];

    /// <summary>No sway, breathing or heartbeat at all (for tests that need the designed motion exactly).</summary>
    public static SwayModel None() => new(new Random(0), silent: true);

    public SwayModel(Random rng) : this(rng, silent: false) { }

    private SwayModel(Random rng, bool silent)
    {
        int terms = SwayChannels * Components + 2 + HeartHarmonics;
        _amp = new double[terms];
        _omega = new double[terms];
        _phase = new double[terms];
        _channel = new int[terms];
        _scaledTerms = SwayChannels * Components;
        for (int c = 0; c < SwayChannels; c++)
        {
            bool angle = c < 3;
            double fMax = angle ? 6.0 : 3.0;
            double sumSq = 0;
            for (int k = 0; k < Components; k++)
            {
                int i = c * Components + k;
                // Log-uniform spread with jitter, so each athlete's sway has its own spectrum.
                double u = (k + rng.NextDouble()) / Components;
                double f = 0.05 * Math.Pow(fMax / 0.05, u);
                _omega[i] = 2 * Math.PI * f;
                _phase[i] = rng.NextDouble() * 2 * Math.PI;
                _channel[i] = c + 1;
                // Angle ∝ f^-1.4 (rate ∝ f^-0.4: most of the trunk's quiet-stance rate is below 2 Hz), position ∝ f^-2.
                double a = (0.7 + 0.6 * rng.NextDouble()) * Math.Pow(f, angle ? -1.4 : -2.0);
                _amp[i] = a;
                sumSq += a * a / 2;
            }
            double scale = silent ? 0 : RmsAtGainOne[c] / Math.Sqrt(sumSq);
            for (int k = 0; k < Components; k++) _amp[c * Components + k] *= scale;
        }
        int b = _scaledTerms;
        double breathHz = 0.2 + rng.NextDouble() * 0.13, breathPhase = rng.NextDouble() * 2 * Math.PI;
        double breathDeg = 0.2 + rng.NextDouble() * 0.2;
        (_amp[b], _omega[b], _phase[b], _channel[b]) = (silent ? 0 : breathDeg, 2 * Math.PI * breathHz, breathPhase, 1);
        (_amp[b + 1], _omega[b + 1], _phase[b + 1], _channel[b + 1]) = (silent ? 0 : 0.0015, 2 * Math.PI * breathHz, breathPhase, 6);
        double heartHz = (55 + 30 * rng.NextDouble()) / 60;
        for (int h = 0; h < HeartHarmonics; h++)
        {
            // Acceleration amplitude 3 mg / harmonic number, converted to displacement: a / ω².
            int i = b + 2 + h;
            double w = 2 * Math.PI * heartHz * (h + 1);
            _amp[i] = silent ? 0 : 0.003 * Geometry.Angles.StandardGravity / (h + 1) / (w * w);
            _omega[i] = w;
            _phase[i] = rng.NextDouble() * 2 * Math.PI;
            _channel[i] = 6;
        }
    }

    /// <summary>Per-loop state for uniform time steps (not thread-safe; one per loop).</summary>
    public sealed class Cursor
    {
        internal Cursor(int terms)
        {
            Sin = new double[terms];
            Cos = new double[terms];
            StepSin = new double[terms];
            StepCos = new double[terms];
        }

        internal readonly double[] Sin, Cos, StepSin, StepCos;
        internal double LastTimeS = double.NaN, StepS = double.NaN;
        internal int SinceSync;
        internal bool StepReady;
    }

    public Cursor NewCursor() => new(_amp.Length);

    /// <summary>Adds sway (scaled by the pose's <see cref="Pose.SwayGain"/>), breathing and heartbeat; exact evaluation.</summary>
    public void Apply(double timeS, ref Pose pose)
    {
        Span<double> add = stackalloc double[Pose.ChannelCount];
        double gain = pose.SwayGain;
        for (int i = 0; i < _amp.Length; i++)
        {
            double v = _amp[i] * Math.Sin(_omega[i] * timeS + _phase[i]);
            add[_channel[i]] += i < _scaledTerms ? gain * v : v;
        }
        AddTo(ref pose, add);
    }

    private static void AddTo(ref Pose pose, ReadOnlySpan<double> add)
    {
        pose.FlexionDeg += add[1];
        pose.LateralDeg += add[2];
        pose.RotationDeg += add[3];
        pose.HipXM += add[4];
        pose.HipYM += add[5];
        pose.HipZM += add[6];
    }

    /// <summary>As <see cref="Apply(double, ref Pose)"/>, stepping phasors when calls come at a constant time step.</summary>
    public void Apply(double timeS, ref Pose pose, Cursor cursor)
    {
        double step = timeS - cursor.LastTimeS;
        bool uniform = cursor.SinceSync < ResyncSteps && Math.Abs(step - cursor.StepS) < 1e-12 * Math.Max(1, Math.Abs(timeS));
        if (uniform)
        {
            if (!cursor.StepReady)
            {
                for (int i = 0; i < _amp.Length; i++) (cursor.StepSin[i], cursor.StepCos[i]) = Math.SinCos(_omega[i] * step);
                cursor.StepReady = true;
            }
            for (int i = 0; i < _amp.Length; i++)
            {
                double s = cursor.Sin[i], c = cursor.Cos[i];
                cursor.Sin[i] = s * cursor.StepCos[i] + c * cursor.StepSin[i];
                cursor.Cos[i] = c * cursor.StepCos[i] - s * cursor.StepSin[i];
            }
            cursor.SinceSync++;
        }
        else
        {
            for (int i = 0; i < _amp.Length; i++) (cursor.Sin[i], cursor.Cos[i]) = Math.SinCos(_omega[i] * timeS + _phase[i]);
            if (!(Math.Abs(step - cursor.StepS) < 1e-12 * Math.Max(1, Math.Abs(timeS)))) cursor.StepReady = false;
            cursor.StepS = step;
            cursor.SinceSync = 0;
        }
        cursor.LastTimeS = timeS;
        Span<double> add = stackalloc double[Pose.ChannelCount];
        double gain = pose.SwayGain;
        for (int i = 0; i < _amp.Length; i++)
        {
            double v = _amp[i] * cursor.Sin[i];
            add[_channel[i]] += i < _scaledTerms ? gain * v : v;
        }
        AddTo(ref pose, add);
    }
}
