namespace SpineSense.Motion.Holds;

/// <summary>
/// Which of a hold's long packet-loss gaps most likely hid the lowering out of the plank (≈ 0.5–1.5 s, so it can hide
/// in one entirely, after which lying still looks like holding on). A plank is held by muscles that shake; lying, the
/// floor holds the body: the gap after which the trunk went quietest relative to before it is the likeliest. Its start
/// (the last sample before it) and the hold's sway up to it are kept. The latest gap waits for its after-window (until
/// <see cref="QuietWindowS"/> after it, the next gap, or leaving) before it is scored.
/// </summary>
internal sealed class LoweringGap(HoldHistory history)
{
    private const double QuietWindowS = 3.0, SettleS = 0.3;
    private double _fromS = double.NaN, _toS, _beforeDps, _swayDeg;
    private double _likeliestQuieting;

    /// <summary>Start of the likeliest gap so far, seconds; NaN when none has been scored.</summary>
    public double LikeliestFromS { get; private set; } = double.NaN;

    /// <summary>The hold's RMS sway up to the likeliest gap, degrees.</summary>
    public double LikeliestSwayDeg { get; private set; }

    /// <summary>Whether the hold has had a long gap (scored or still waiting for its after-window).</summary>
    public bool Seen => !double.IsNaN(_fromS) || !double.IsNaN(LikeliestFromS);

    /// <summary>A long gap from <paramref name="fromS"/> to <paramref name="toS"/> inside a hold that began at <paramref name="holdStartS"/>.</summary>
    public void Open(double fromS, double toS, double holdStartS, double swayDeg)
    {
        Score(fromS); // the previous gap's after-window ends where this one begins
        _fromS = fromS;
        _toS = toS;
        _beforeDps = history.MeanSpeedDps(Math.Max(holdStartS, fromS - QuietWindowS), fromS);
        _swayDeg = swayDeg;
    }

    /// <summary>Scores the waiting gap once its whole after-window has passed.</summary>
    public void Tick(double timeS)
    {
        if (timeS >= _toS + SettleS + QuietWindowS) Score(timeS);
    }

    /// <summary>
    /// Scores the waiting gap, its after-window ending by <paramref name="untilS"/>: how much quieter the trunk was after
    /// it than before (mean angular speed over up to <see cref="QuietWindowS"/> either side; unknown when either side is
    /// shorter than 0.5 s, which ranks lowest), and keeps it if it is the likeliest so far.
    /// </summary>
    public void Score(double untilS)
    {
        if (double.IsNaN(_fromS)) return;
        double afterFromS = _toS + SettleS;
        double afterDps = history.MeanSpeedDps(afterFromS, Math.Min(untilS, afterFromS + QuietWindowS));
        double quieting = _beforeDps / afterDps;
        if (double.IsNaN(quieting)) quieting = -1;
        if (double.IsNaN(LikeliestFromS) || quieting > _likeliestQuieting)
        {
            LikeliestFromS = _fromS;
            LikeliestSwayDeg = _swayDeg;
            _likeliestQuieting = quieting;
        }
        _fromS = double.NaN;
    }

    /// <summary>Forgets the hold's gaps (the hold ended).</summary>
    public void Clear() => _fromS = LikeliestFromS = double.NaN;
}
