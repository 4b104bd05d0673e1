namespace SpineSense.Simulation.Kinematics;

/// <summary>
/// One countermovement jump from standing: dip, push-off, ballistic flight (free fall, so the accelerometer
/// reads ≈ 0 g), a 50–80 ms landing impact (3–6 g at the lumbar spine, cf. drop-landing studies) and knee-bend
/// absorption. Adds hip height and trunk lean to the underlying standing pose. Pieces join in position,
/// velocity and acceleration.
/// </summary>
public sealed class JumpOverlay : MotionOverlay
{
    private readonly Profiles.Quintic[] _pieces;
    private readonly double[] _starts;
    private readonly double _dipS, _dipLeanDeg, _landS, _landLeanDeg;

    /// <summary>Time the feet leave the ground and land again (s), for tests and truth.</summary>
    public double TakeoffS { get; }
    public double TouchdownS { get; }

    public JumpOverlay(double startS, double dipM, double flightHeightM, double impactS, double dipLeanDeg, double landLeanDeg)
        : base(startS, startS + Layout(dipM, flightHeightM, impactS, out _))
    {
        const double g = Geometry.Angles.StandardGravity;
        double v0 = Math.Sqrt(2 * g * flightHeightM);
        double flightS = 2 * v0 / g;
        const double dipDownS = 0.45, pushS = 0.32, absorbS = 0.32, recoverS = 0.8;
        // Travel during the impact as for a steady deceleration from −v0 to −0.3·v0, so the quintic has no extra wiggle.
        double landDepthM = impactS * 1.3 * v0 / 2;
        _pieces =
        [
            Profiles.Quintic.Join(0, 0, 0, -dipM, 0, 0.8 * g, dipDownS),
            Profiles.Quintic.Join(-dipM, 0, 0.8 * g, 0, v0, -g, pushS),
            Profiles.Quintic.Join(0, v0, -g, 0, -v0, -g, flightS), // exact parabola: a quintic reproduces it
            Profiles.Quintic.Join(0, -v0, -g, -landDepthM, -0.3 * v0, 1.0 * g, impactS),
            Profiles.Quintic.Join(-landDepthM, -0.3 * v0, 1.0 * g, -0.6 * dipM, 0, 0, absorbS),
            Profiles.Quintic.Join(-0.6 * dipM, 0, 0, 0, 0, 0, recoverS),
        ];
        _starts = new double[_pieces.Length];
        double t = 0;
        for (int i = 0; i < _pieces.Length; i++)
        {
            _starts[i] = t;
            t += _pieces[i].DurationS;
        }
        TakeoffS = startS + dipDownS + pushS;
        TouchdownS = TakeoffS + flightS;
        _dipS = dipDownS + pushS;
        _dipLeanDeg = dipLeanDeg;
        _landS = TouchdownS - startS;
        _landLeanDeg = landLeanDeg;
    }

    private static double Layout(double dipM, double flightHeightM, double impactS, out double flightS)
    {
        double v0 = Math.Sqrt(2 * Geometry.Angles.StandardGravity * flightHeightM);
        flightS = 2 * v0 / Geometry.Angles.StandardGravity;
        return 0.45 + 0.32 + flightS + impactS + 0.32 + 0.8;
    }

    public override void Apply(double timeS, ref Pose pose)
    {
        double t = timeS - StartS;
        if (t <= 0 || timeS >= EndS) return;
        int i = _pieces.Length - 1;
        while (i > 0 && t < _starts[i]) i--;
        pose.HipZM += _pieces[i].At(t - _starts[i]);
        // Trunk leans forward in the countermovement and again while absorbing the landing.
        pose.FlexionDeg += _dipLeanDeg * Profiles.Bump(t / _dipS); // upright again at take-off
        if (t > _landS) pose.FlexionDeg += _landLeanDeg * Profiles.Bump((t - _landS) / 0.9);
    }
}
