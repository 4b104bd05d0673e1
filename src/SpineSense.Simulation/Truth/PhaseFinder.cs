using SpineSense.Simulation.Geometry;
using SpineSense.Simulation.Kinematics;
using SpineSense.Simulation.Sessions;

namespace SpineSense.Simulation.Truth;

/// <summary>
/// Applies the contract's phase rule (section 5) to the noise-free kinematics: the primary signal of a rep is
/// its true (flexion, lateral, rotation) change since the rep began, projected on the rep's direction of
/// excursion (so for hinges it is flexion, for each-side work the tilt toward that side). A phase starts when
/// the signal's speed rises above 10% of that phase's peak speed and ends when it falls back below.
/// </summary>
public static class PhaseFinder
{
    public const double ThresholdOfPeak = 0.10;
    private const double StepS = 0.001;

    public readonly record struct Phases(double EccStartS, double EccEndS, double ConStartS, double ConEndS, double PeakFlexionDeg);

    /// <param name="lowerBoundS">Do not search before this (the previous rep's end).</param>
    /// <param name="upperBoundS">Do not search after this (the next rep's start).</param>
    public static Phases Find(MotionTimeline timeline, DesignedRep rep, double lowerBoundS, double upperBoundS)
    {
        double from = Math.Max(lowerBoundS, rep.T0 - 0.6);
        double to = Math.Min(upperBoundS, rep.T3 + 0.6);
        int n = (int)Math.Ceiling((to - from) / StepS) + 1;
        var s = new double[n];
        var flex = new double[n];
        var start = TrueAngles.At(timeline, rep.T0);
        Vec3 u = rep.DirectionDeg;
        var cursor = timeline.Sway.NewCursor();
        for (int i = 0; i < n; i++)
        {
            var a = TrueAngles.At(timeline, from + i * StepS, cursor);
            flex[i] = a.FlexionDeg;
            s[i] = (a.FlexionDeg - start.FlexionDeg) * u.X + (a.LateralDeg - start.LateralDeg) * u.Y
                 + (WrapDeg(a.RotationDeg - start.RotationDeg)) * u.Z;
        }
        var v = new double[n];
        for (int i = 1; i < n - 1; i++) v[i] = (s[i + 1] - s[i - 1]) / (2 * StepS);
        v[0] = v[1]; v[^1] = v[^2];

        int Idx(double t) => Math.Clamp((int)Math.Round((t - from) / StepS), 0, n - 1);
        var (eccStart, eccEnd) = Phase(v, Idx(rep.T0), Idx(rep.T1), sign: +1, from);
        var (conStart, conEnd) = Phase(v, Idx(rep.T2), Idx(rep.T3), sign: -1, from);
        if (conStart < eccEnd) conStart = eccEnd = 0.5 * (conStart + eccEnd);
        double peak = double.NegativeInfinity;
        for (int i = Idx(eccStart); i <= Idx(conEnd); i++) peak = Math.Max(peak, flex[i]);
        return new Phases(eccStart, eccEnd, conStart, conEnd, peak);
    }

    private static (double StartS, double EndS) Phase(double[] v, int lo, int hi, int sign, double from)
    {
        int peakAt = lo;
        double peak = 0;
        for (int i = lo; i <= hi; i++)
            if (sign * v[i] > peak) { peak = sign * v[i]; peakAt = i; }
        double threshold = ThresholdOfPeak * peak;
        int a = peakAt;
        while (a > 0 && sign * v[a - 1] >= threshold) a--;
        int b = peakAt;
        while (b < v.Length - 1 && sign * v[b + 1] >= threshold) b++;
        // Interpolate the crossings between grid points.
        double startS = from + StepS * (a > 0 ? a - 1 + Crossing(sign * v[a - 1], sign * v[a], threshold) : a);
        double endS = from + StepS * (b < v.Length - 1 ? b + Crossing(sign * v[b], sign * v[b + 1], threshold) : b);
        return (startS, endS);
    }

    private static double Crossing(double y0, double y1, double level) =>
        y1 == y0 ? 0.5 : Math.Clamp((level - y0) / (y1 - y0), 0, 1);

    private static double WrapDeg(double d) => d - 360 * Math.Round(d / 360);
}
