namespace SpineSense.Simulation.Kinematics;

/// <summary>Smooth movement profiles. All are C² at their ends so the sensor model's second derivatives stay finite.</summary>
public static class Profiles
{
    /// <summary>
    /// Minimum-jerk position profile (Flash &amp; Hogan 1985) for τ in [0, 1]: 10τ³ − 15τ⁴ + 6τ⁵.
    /// Zero velocity and acceleration at both ends; peak speed 1.875× the mean.
    /// </summary>
    public static double MinJerk(double tau)
    {
        if (tau <= 0) return 0;
        if (tau >= 1) return 1;
        double t3 = tau * tau * tau;
        return t3 * (10 - 15 * tau + 6 * tau * tau);
    }

    /// <summary>A C² bump: 0 at both ends, 1 in the middle (sin⁴ shape), for τ in [0, 1].</summary>
    public static double Bump(double tau)
    {
        if (tau <= 0 || tau >= 1) return 0;
        double s = Math.Sin(Math.PI * tau);
        double s2 = s * s;
        return s2 * s2;
    }

    /// <summary>
    /// Quintic that joins position/velocity/acceleration (p0, v0, a0) to (p1, v1, a1) over DurationS seconds:
    /// used where a movement must end moving (take-off, landing) instead of at rest.
    /// </summary>
    public readonly record struct Quintic(double C0, double C1, double C2, double C3, double C4, double C5, double DurationS)
    {
        public static Quintic Join(double p0, double v0, double a0, double p1, double v1, double a1, double durationS)
        {
            double T = durationS, T2 = T * T, T3 = T2 * T, T4 = T3 * T, T5 = T4 * T;
            double c3 = (20 * (p1 - p0) - (8 * v1 + 12 * v0) * T - (3 * a0 - a1) * T2) / (2 * T3);
            double c4 = (30 * (p0 - p1) + (14 * v1 + 16 * v0) * T + (3 * a0 - 2 * a1) * T2) / (2 * T4);
            double c5 = (12 * (p1 - p0) - 6 * (v1 + v0) * T - (a0 - a1) * T2) / (2 * T5);
            return new Quintic(p0, v0, a0 / 2, c3, c4, c5, durationS);
        }

        public double At(double t)
        {
            t = Math.Clamp(t, 0, DurationS);
            return C0 + t * (C1 + t * (C2 + t * (C3 + t * (C4 + t * C5))));
        }
    }
}
