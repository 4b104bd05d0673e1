using SpineSense.Motion.Geometry;

namespace SpineSense.Motion.Filters;

/// <summary>
/// One step of a one-pole low-pass over an irregular sample interval: the state moves toward the new value by
/// dt/(dt + τ), the exact discretisation's first-order form, so the smoothing time stays τ at 52 Hz and at 833 Hz and
/// across packet-loss gaps. The gain is capped at 1 so a state never overshoots the value it follows.
/// </summary>
internal static class OnePole
{
    public static void Step(ref double state, double value, double dtS, double tauS) =>
        state += (value - state) * Math.Min(1.0, dtS / (dtS + tauS));

    public static void Step(ref Vec3 state, Vec3 value, double dtS, double tauS) =>
        state += (value - state) * Math.Min(1.0, dtS / (dtS + tauS));
}
