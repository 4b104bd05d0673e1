using SpineSense.Motion.Filters;

namespace SpineSense.Motion.Holds;

/// <summary>
/// How far the lumbar sensor is below (or above) its standing height, m, from the vertical movements between two
/// stillnesses: an upright trunk shows gravity nothing of kneeling, so getting down to one knee is seen only as the
/// sensor's net vertical travel. One per stream, carried from exercise to exercise (a change of exercise is not a
/// change of posture); no allocation per sample.
/// </summary>
/// <remarks>
/// The vertical force is the attitude filter's, corrected for the accelerometer's offset and sensitivity error, except
/// that what the filter learns while it judges the sensor still is not let through: it learns the error from |a| = 1 g
/// while the gyro is still, and an upright kneel keeps the gyro still, so the kneel's own acceleration was learnt away
/// within 0.25 s. So what the filter learns while still is given back: the vertical force is the raw reading less the
/// correction, with every change the correction made on samples the filter learnt from (since the stream began, over
/// all stillnesses, as one scalar along world up) added back; its changes while the trunk turns (the error model
/// carried to the new posture) pass through. What the learning removed is an offset, which the rest readings absorb
/// (the raw reading alone does not do: a 20° trunk turn moves up to 0.06 g × sin 20° of a poor part's bias
/// into the vertical, which read a simulated 0.37 m kneel as a 0.2 m rise).
/// A movement is the trunk turning (|ω| over 6 °/s) or the sensor moving vertically: a velocity estimate from that force less its rest reading (followed while the gyro is
/// still, τ = 4 s), leaking with τ = 3 s so it cannot drift. A 2 s kneel moves the sensor at up to 0.33 m/s (0.16 m/s
/// over 4 s), standing sway, breathing and the heartbeat at a few mm/s, so 0.05 m/s separates them with a margin of
/// three to ten either way; white accelerometer noise at the contract's worst density (180 µg/√Hz) is ≈ 1 mm/s in it.
/// The movement is judged once still again for 2 s, by its double-integrated vertical acceleration from up to 2 s
/// before it was first seen moving, against the rest reading before it and the one after it (a turn moves the
/// accelerometer's bias into or out of the vertical: 0.06 g × sin 6° = 6 mg for an upright kneel on a poor part), taken
/// as changing linearly during the movement, whose remaining velocity error is spread over the movement alone. A 2 s
/// kneel peaks at only 0.05 g, but the double integral of white noise at 180 µg/√Hz over the window is ≈ 1 cm and a
/// 1 mg error in a rest reading ≈ 2 cm, against the kneel's 35 cm. Travel under <see cref="CountM"/> (fidgets, reps,
/// sway) changes nothing.
/// </remarks>
public sealed class VerticalLevel
{
    /// <summary>Net vertical travel below which a movement is a fidget or a rep, not a change of level, m (double
    /// integration reads up to ≈ 6 cm around a fidget on noisy sensors, a glute bridge moves the hips 10–15 cm; a
    /// half-kneel lowers the sensor ≈ 0.35 m).</summary>
    public const double CountM = 0.17;

    private const double SpacingS = GridRing.SpacingS; // acceleration history on a 100 Hz grid
    private const double StandardGravityMps2 = 9.80665;
    private const double HalfWidthOfDuration = 0.5406, TenPercentBeyondHalf = 0.1432; // min-jerk speed profile
    // The walk to the mat, the kneel and the tuck into a stretch can be one movement (no 2 s stillness in between):
    // the history must hold them all.
    private const double HistoryS = 24.0;
    // Judged after JudgeStillS of stillness (the rest reading after it): the band-passed velocity of a slow movement
    // dips under the threshold for up to ≈ 1.5 s near its end (a 5 s kneel) before its leak's rebound, which must not
    // be taken for the end. The window opens up to LeadS before the movement was first seen (a slow kneel reaches
    // 0.05 m/s ≈ 1 s in), and the movement itself is taken to begin MoveLeadS before that.
    private const double JudgeStillS = 2.0, LeadS = 2.0, MoveLeadS = 1.0;
    private const double StillDps = 6;             // the hold's settle speed
    private const double MovingMps = 0.05;
    private const double VelocityLeakS = 3.0, RestTrackS = 4.0, SpeedSmoothingS = 0.05;
    // A gap says nothing about what happened in it: the smoothing moves by at most one sample at the slowest contract
    // rate (52 Hz), and a movement across a gap longer than one lost packet at that rate is not judged.
    private const double MaxSmoothingStepS = 0.02, MaxBridgedGapS = 0.5;
    // Stepping down from a platform ends on the floor: no resting posture lies between standing and kneeling (≈ 0.3 m
    // down), so a level within this of standing after it is standing.
    private const double StandingBandM = 0.2;
    // Longest movement (from first seen to still) that counts as stepping onto a platform, s.
    private const double MaxStepS = 5.0;
    // Lowest and highest a lumbar sensor gets: lying on the floor (≈ 0.85 m below standing), a high step (0.5 m).
    private const double LowestM = -1.0, HighestM = 0.6;

    private readonly GridRing _grid = new(HistoryS);
    private readonly double[] _histA = new double[GridRing.Capacity(HistoryS)];
    private readonly bool[] _histGap = new bool[GridRing.Capacity(HistoryS)];
    private double _prevS = double.NaN;
    private double _speedDps, _restAccG = double.NaN, _velocityMps;
    private double _correctionG = double.NaN, _unlearnedG; // the correction's changes while learning, given back
    private double _stillSinceS = double.NaN, _anchorS = double.NaN, _movingFromS, _restBeforeG;

    /// <summary>The sensor's height relative to standing, m (negative: lowered, e.g. ≈ −0.35 half-kneeling).</summary>
    public double LevelM { get; private set; }

    /// <summary>When the movement that set <see cref="LevelM"/> ended (the 10% point of its vertical speed), s; NaN
    /// before any. The level itself changes <see cref="JudgeStillS"/> or more later.</summary>
    public double LevelSinceS { get; private set; } = double.NaN;

    /// <summary>When the movement that set <see cref="LevelM"/> began (the 10% point of its vertical speed), s.</summary>
    public double LevelFromS { get; private set; } = double.NaN;

    /// <summary>Whether a movement is under way or not yet judged: <see cref="LevelM"/> may be about to change.</summary>
    public bool IsJudging => !double.IsNaN(_anchorS);

    /// <summary>Whether the sensor is moving (the trunk turning or the sensor moving vertically).</summary>
    public bool IsMoving { get; private set; }

    /// <param name="rateDps">|ω|, deg/s.</param>
    /// <param name="upAccG">The specific force along world up corrected for the accelerometer's error, g (1 at rest).</param>
    /// <param name="rawUpAccG">The same from the raw reading, g.</param>
    /// <param name="learningAccError">The attitude filter is learning the accelerometer's error from this sample.</param>
    public void Update(double timeS, double rateDps, double upAccG, double rawUpAccG, bool learningAccError)
    {
        double correctionG = rawUpAccG - upAccG;
        if (learningAccError && !double.IsNaN(_correctionG)) _unlearnedG += correctionG - _correctionG;
        _correctionG = correctionG;
        upAccG += _unlearnedG;
        double dt = double.IsNaN(_prevS) ? 0 : timeS - _prevS;
        _prevS = timeS;
        bool afterGap = dt > MaxBridgedGapS;
        double smoothDt = Math.Min(dt, MaxSmoothingStepS);
        OnePole.Step(ref _speedDps, rateDps, smoothDt, SpeedSmoothingS);
        if (double.IsNaN(_restAccG)) _restAccG = upAccG;
        bool gyroStill = _speedDps < StillDps;
        if (gyroStill) OnePole.Step(ref _restAccG, upAccG, smoothDt, RestTrackS);
        if (afterGap) _velocityMps = 0;
        else _velocityMps += (upAccG - _restAccG) * StandardGravityMps2 * dt - _velocityMps * Math.Min(1.0, dt / VelocityLeakS);
        Record(timeS, upAccG, afterGap);

        IsMoving = !gyroStill || Math.Abs(_velocityMps) > MovingMps;
        if (IsMoving)
        {
            if (double.IsNaN(_anchorS))
            {
                _anchorS = double.IsNaN(_stillSinceS) ? timeS : Math.Max(_stillSinceS, timeS - LeadS);
                _movingFromS = Math.Max(_anchorS, timeS - MoveLeadS);
                _restBeforeG = _restAccG;
            }
            _stillSinceS = double.NaN;
            return;
        }
        if (double.IsNaN(_stillSinceS)) _stillSinceS = timeS;
        if (double.IsNaN(_anchorS) || timeS - _stillSinceS < JudgeStillS) return;
        // Longer than the history, or across a long gap: not judged (the level stays as it was).
        if (_grid.Count > 0 && _anchorS >= _grid.TimeS[Index(0)] && !HasGap(_anchorS, timeS))
        {
            double travelM = TravelM(_anchorS, _movingFromS, _stillSinceS, timeS, out double startS, out double endS);
            Judge(travelM, startS, endS, brief: _stillSinceS - _movingFromS <= MaxStepS);
        }
        _anchorS = double.NaN;
    }

    /// <summary>
    /// Applies one movement's net vertical travel to the level: standing, lowered (kneeling, on the floor) or raised (on
    /// a platform). The last large movement decides, as a sum over a session does not hold: reps, lying down and getting
    /// up are each judged to a few cm (more across large turns), and those errors would pile up. A large rise out of a
    /// lowered posture is getting up; a large drop from a raised one is stepping down to the floor (a back-extension
    /// bench's platform), not kneeling, unless it goes well below where the rise began.
    /// </summary>
    private void Judge(double travelM, double startS, double endS, bool brief)
    {
        if (Math.Abs(travelM) < CountM) return;
        double level;
        // Onto a platform is a step (≈ 1 s): a "rise" from standing over a long movement (walking, leaning onto a pad,
        // the velocity estimate slow to settle after a large turn) is the double integral's drift, not a platform.
        if (travelM > 0 && LevelM >= 0 && !brief) return;
        if (travelM > 0) level = LevelM < 0 ? 0 : Math.Min(LevelM + travelM, HighestM);
        else if (LevelM > 0) level = LevelM + travelM > -StandingBandM ? 0 : LevelM + travelM;
        else level = Math.Max(LevelM + travelM, LowestM);
        LevelM = level;
        LevelFromS = startS;
        LevelSinceS = endS;
    }

    /// <summary>Whether [fromS, toS] contains a packet-loss gap too long for the vertical travel to be measured.</summary>
    private bool HasGap(double fromS, double toS)
    {
        for (int i = 0; i < _grid.Count; i++)
        {
            int k = Index(i);
            if (_grid.TimeS[k] >= fromS && _grid.TimeS[k] <= toS && _histGap[k]) return true;
        }
        return false;
    }

    /// <summary>
    /// Net vertical travel over [fromS, toS], m, of a movement over [moveFromS, moveToS] with the sensor still before and
    /// after it: the acceleration against the rest reading before the movement, then the one after it (the mean of
    /// [moveToS, toS]), linearly between them, integrated twice with the velocity forced to zero at the end by a constant
    /// correction over the movement alone.
    /// </summary>
    private double TravelM(double fromS, double moveFromS, double moveToS, double toS, out double startS, out double endS)
    {
        startS = moveFromS;
        endS = moveToS;
        int first = -1, last = -1, moveFirst = -1, moveLast = -1;
        for (int i = 0; i < _grid.Count; i++)
        {
            double t = _grid.TimeS[Index(i)];
            if (first < 0 && t >= fromS) first = i;
            if (moveFirst < 0 && t >= moveFromS) moveFirst = i;
            if (t <= moveToS) moveLast = i;
            if (t <= toS) last = i;
        }
        if (first < 0 || moveFirst < 0 || last - moveLast < 10 || moveLast <= moveFirst) return 0;
        double restAfterG = 0;
        for (int i = moveLast; i <= last; i++) restAfterG += _histA[Index(i)];
        restAfterG /= last - moveLast + 1;
        double v = 0;
        for (int i = first; i < last; i++) v += (_histA[Index(i)] - Rest(i, moveFirst, moveLast, restAfterG)) * SpacingS;
        double drift = v / (moveLast - moveFirst);
        double z = 0, vPeak = 0, halfUpS = double.NaN, halfDownS = double.NaN;
        int iPeak = first;
        v = 0;
        for (int i = first; i < last; i++)
        {
            v += (_histA[Index(i)] - Rest(i, moveFirst, moveLast, restAfterG)) * SpacingS - (i >= moveFirst && i < moveLast ? drift : 0);
            z += v * SpacingS;
            if (Math.Abs(v) > vPeak) { vPeak = Math.Abs(v); iPeak = i; }
        }
        // The movement's end by the 10%-of-peak rule on the vertical speed, extrapolated from its 50% crossings as for
        // the holds' settling (the speed after it is the estimate's noise, not the athlete's).
        v = 0;
        for (int i = first; i < last; i++)
        {
            v += (_histA[Index(i)] - Rest(i, moveFirst, moveLast, restAfterG)) * SpacingS - (i >= moveFirst && i < moveLast ? drift : 0);
            if (i < iPeak && Math.Abs(v) < 0.5 * vPeak) halfUpS = _grid.TimeS[Index(i)];
            if (i > iPeak && Math.Abs(v) < 0.5 * vPeak) { halfDownS = _grid.TimeS[Index(i)]; break; }
        }
        double peakS = _grid.TimeS[Index(iPeak)];
        if (!double.IsNaN(halfDownS))
        {
            double widthS = double.IsNaN(halfUpS) ? 2 * (halfDownS - peakS) : halfDownS - halfUpS;
            endS = Math.Min(moveToS, halfDownS + TenPercentBeyondHalf * widthS / HalfWidthOfDuration);
        }
        if (!double.IsNaN(halfUpS))
        {
            double widthS = double.IsNaN(halfDownS) ? 2 * (peakS - halfUpS) : halfDownS - halfUpS;
            startS = Math.Max(fromS, halfUpS - TenPercentBeyondHalf * widthS / HalfWidthOfDuration);
        }
        return z * StandardGravityMps2;
    }

    // The rest reading at history position i: before the movement, during it (linearly), after it.
    private double Rest(int i, int moveFirst, int moveLast, double restAfterG) =>
        i <= moveFirst ? _restBeforeG
        : i >= moveLast ? restAfterG
        : _restBeforeG + (restAfterG - _restBeforeG) * (i - moveFirst) / (moveLast - moveFirst);

    private void Record(double timeS, double upAccG, bool afterGap)
    {
        while (_grid.TryAdvance(timeS, out int k))
        {
            _histA[k] = upAccG;
            _histGap[k] = afterGap;
        }
    }

    private int Index(int i) => _grid.Index(i);
}
