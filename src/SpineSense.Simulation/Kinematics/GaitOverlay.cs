namespace SpineSense.Simulation.Kinematics;

/// <summary>
/// Pelvis oscillations of walking or side-stepping, added to a track whose hip moves from place to place.
/// Per step: vertical bob (≈ ±0.3 g at the lumbar spine for 2 cm at 1.8 Hz, as in trunk-accelerometry gait
/// studies, e.g. Moe-Nilssen 1998), a heel-strike jolt, and per stride (two steps) lateral sway,
/// pelvic rotation and lateral tilt. Amplitudes fade in and out over the first and last step.
/// </summary>
public sealed class GaitOverlay : MotionOverlay
{
    private readonly double _stepS;
    private readonly int _steps;
    private readonly double _bobM, _swayM, _rotationDeg, _tiltDeg, _flexDeg, _strikeM;
    private readonly double _phase;

    /// <param name="stepS">Duration of one step (0.45–0.65 s for slow walking).</param>
    /// <param name="strikeM">Depth of the C² heel-strike dip (1–3 mm gives 0.2–0.6 g spikes).</param>
    public GaitOverlay(double startS, int steps, double stepS, double bobM, double swayM, double rotationDeg,
        double tiltDeg, double flexDeg, double strikeM, bool startWithLeft)
        : base(startS, startS + steps * stepS)
    {
        _stepS = stepS;
        _steps = steps;
        _bobM = bobM;
        _swayM = swayM;
        _rotationDeg = rotationDeg;
        _tiltDeg = tiltDeg;
        _flexDeg = flexDeg;
        _strikeM = strikeM;
        _phase = startWithLeft ? 0 : Math.PI;
    }

    public override void Apply(double timeS, ref Pose pose)
    {
        double t = timeS - StartS;
        double total = _steps * _stepS;
        if (t <= 0 || t >= total) return;
        // Envelope: rise over the first step, fall over the last (min-jerk ramps keep it C²).
        double env = Profiles.MinJerk(t / _stepS) * Profiles.MinJerk((total - t) / _stepS);
        double stepPhase = 2 * Math.PI * t / _stepS;
        double stridePhase = stepPhase / 2 + _phase;
        // Lowest at heel strike (start of each step), highest at mid-stance.
        pose.HipZM += env * _bobM * -Math.Cos(stepPhase) * 0.5 - env * _bobM * 0.5;
        pose.HipYM += env * _swayM * Math.Sin(stridePhase);
        pose.RotationDeg += env * _rotationDeg * Math.Sin(stridePhase);
        pose.LateralDeg += env * _tiltDeg * Math.Sin(stridePhase + 0.6);
        pose.FlexionDeg += env * _flexDeg * Math.Sin(stepPhase + 1.0);
        // Heel-strike jolt: a 90 ms dip right after each foot contact.
        double sinceStrike = t - Math.Floor(t / _stepS) * _stepS;
        const double strikeS = 0.09;
        if (sinceStrike < strikeS && t > _stepS * 0.5)
            pose.HipZM -= env * _strikeM * Profiles.Bump(sinceStrike / strikeS);
    }
}
