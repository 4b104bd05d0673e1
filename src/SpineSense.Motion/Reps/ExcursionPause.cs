using SpineSense.Motion.Geometry;

namespace SpineSense.Motion.Reps;

/// <summary>
/// Tilt work: the first pause inside an excursion, and how far the body has moved from it since. Coming back to rest
/// where it paused, after moving a rep's range away, means that pause was the start (it moved while the body settled
/// after turning over or lying down) and the movement between was a rep, which <see cref="ExcursionDetector"/> then
/// measures from the pause. Kept apart because it is a second start hypothesis, run beside the detector's own start.
/// One per stream; no allocation per sample.
/// </summary>
internal sealed class ExcursionPause
{
    // A pause: at rest this long (the detector's own "slow").
    private const double PauseS = 0.3;
    // Back at the pause: within 40 % of the distance moved away from it (or the entry threshold, if larger).
    private const double BackFraction = 0.4;

    private readonly double _minRangeDeg, _enterDeg;
    private bool _has;

    public ExcursionPause(double minRangeDeg, double enterDeg)
    {
        _minRangeDeg = minRangeDeg;
        _enterDeg = enterDeg;
    }

    /// <summary>World up (segment frame, unit) at the pause.</summary>
    public Vec3 Up { get; private set; }

    /// <summary>When the body came to rest there, seconds.</summary>
    public double SinceS { get; private set; }

    /// <summary>World up (segment frame) at the point furthest from the pause since it.</summary>
    public Vec3 AwayUp { get; private set; }

    /// <summary>How far that point is from the pause, degrees.</summary>
    public double AwayDeg { get; private set; }

    /// <summary>A new excursion began: no pause inside it yet.</summary>
    public void Clear() => _has = false;

    /// <summary>
    /// Feeds one sample of the excursion under way; true when the body came back to rest at the pause after moving at
    /// least the minimum range away from it.
    /// </summary>
    /// <param name="slow">At rest on the detector's scale.</param>
    /// <param name="restForS">How long it has been, seconds.</param>
    public bool ReturnedTo(double timeS, Vec3 upBody, bool slow, double restForS)
    {
        bool paused = slow && restForS >= PauseS;
        if (!_has)
        {
            if (!paused) return false;
            _has = true;
            Up = upBody.Normalized();
            SinceS = timeS - restForS;
            AwayDeg = 0;
            return false;
        }
        double fromPauseDeg = Angle.RadToDeg(Math.Acos(Math.Clamp(Vec3.Dot(upBody.Normalized(), Up), -1.0, 1.0)));
        if (fromPauseDeg > AwayDeg) { AwayDeg = fromPauseDeg; AwayUp = upBody; }
        return paused && AwayDeg >= _minRangeDeg && fromPauseDeg < Math.Max(_enterDeg, BackFraction * AwayDeg);
    }
}
