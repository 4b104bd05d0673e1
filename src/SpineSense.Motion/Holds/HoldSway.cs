using SpineSense.Motion.Geometry;

namespace SpineSense.Motion.Holds;

/// <summary>
/// A hold's sway: RMS angular deviation of the segment orientation from its mean, degrees. Orientations are taken as
/// small-angle rotation vectors relative to the one at <see cref="Begin"/>; RMS about the mean = sqrt(E|r|² − |E r|²),
/// so running sums suffice (no allocation per sample).
/// </summary>
internal sealed class HoldSway
{
    private Quat _reference;
    private Vec3 _sum;
    private double _sumSq;
    private int _n;

    /// <summary>Starts over with <paramref name="orientation"/> as the reference and first sample.</summary>
    public void Begin(in Quat orientation)
    {
        _reference = orientation;
        _sum = Vec3.Zero;
        _sumSq = 0;
        _n = 0;
        Accumulate(orientation);
    }

    public void Accumulate(in Quat orientation)
    {
        Quat d = _reference.Conjugate() * orientation;
        double sign = d.W < 0 ? -1 : 1;
        var r = new Vec3(d.X, d.Y, d.Z) * (2 * sign * Angle.DegPerRad); // small-angle rotation vector, degrees
        _sum += r;
        _sumSq += Vec3.Dot(r, r);
        _n++;
    }

    /// <summary>RMS deviation from the mean of the samples since <see cref="Begin"/>, degrees; 0 before any.</summary>
    public double RmsDeg()
    {
        double sway = 0;
        if (_n > 0)
        {
            Vec3 mean = _sum * (1.0 / _n);
            sway = Math.Sqrt(Math.Max(0, _sumSq / _n - Vec3.Dot(mean, mean)));
        }
        return sway;
    }
}
