using SpineSense.Simulation.Geometry;

namespace SpineSense.Simulation.Sensor;

/// <summary>
/// The sensor rides on skin and a strap, not on bone: a base-excited spring–damper between the spine and the
/// sensor, for translation (world frame) and for small rotations (sensor frame). Slow movement passes through
/// unchanged; sharp events (landings, heel strikes, fast reversals) make the sensor overshoot and ring for a few
/// cycles at the skin–strap resonance (10–25 Hz translation, 8–18 Hz rotation in skin-mounted accelerometry).
/// </summary>
public sealed record SoftTissue(double TranslationHz, double TranslationDamping, double RotationHz, double RotationDamping)
{
    /// <summary>Rigidly attached sensor (no wobble).</summary>
    public static SoftTissue? Rigid => null;

    public static SoftTissue Draw(Random rng) =>
        new(12 + 13 * rng.NextDouble(), 0.25 + 0.25 * rng.NextDouble(), 8 + 10 * rng.NextDouble(), 0.3 + 0.3 * rng.NextDouble());

    /// <summary>State of both oscillators, stepped with the synthesiser's internal step (semi-implicit Euler, ωh ≪ 1).</summary>
    internal struct State
    {
        public Vec3 D, DDot, Theta, ThetaDot;

        /// <summary>Advances by <paramref name="h"/> under bone acceleration <paramref name="accWorld"/> (m/s², gravity excluded)
        /// and bone angular acceleration <paramref name="alphaSensor"/> (rad/s², sensor frame); returns the sensor's extra
        /// acceleration (world) and extra angular rate (sensor frame) relative to the bone.</summary>
        public (Vec3 ExtraAcc, Vec3 ExtraRate) Step(SoftTissue p, Vec3 accWorld, Vec3 alphaSensor, double h)
        {
            double wt = 2 * Math.PI * p.TranslationHz, wr = 2 * Math.PI * p.RotationHz;
            Vec3 ddd = -1 * (wt * wt * D) - 2 * p.TranslationDamping * wt * DDot - accWorld;
            DDot += ddd * h;
            D += DDot * h;
            Vec3 tdd = -1 * (wr * wr * Theta) - 2 * p.RotationDamping * wr * ThetaDot - alphaSensor;
            ThetaDot += tdd * h;
            Theta += ThetaDot * h;
            return (ddd, ThetaDot);
        }
    }
}
