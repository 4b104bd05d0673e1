namespace SpineSense.Motion.Holds;

/// <summary>
/// The last <see cref="HistoryS"/> of a hold detector's input resampled onto a 100 Hz grid (smoothed angular speed,
/// vertical acceleration, forward inclination, whether a long packet-loss gap was bridged), and the scans over it: the
/// 10%-of-peak points of movements, net vertical travel, and the posture-shift means. Buffers are allocated once; no
/// allocation per sample. The state machine's own times (hold start, leave peak, what was judged) come in as arguments.
/// </summary>
/// <remarks>
/// The 10% point of a movement is extrapolated from its 50%-of-peak crossings: for a smooth, minimum-jerk like
/// movement of duration D the speed is above 50% for 0.54 D and falls to 10% 0.14 D after the 50% point (see
/// <see cref="HoldDetector"/> for why thresholding at 10% does not work).
/// </remarks>
internal sealed class HoldHistory
{
    public const double SpacingS = GridRing.SpacingS; // speed history on a 100 Hz grid
    private const double HistoryS = 8.0;
    private const double HalfWidthOfDuration = 0.5406, TenPercentBeyondHalf = 0.1432; // min-jerk speed profile

    private readonly GridRing _grid = new(HistoryS);
    private readonly double[] _histT, _histV, _histA, _histSag; // _histT: the grid's own slot times
    private readonly bool[] _histGap; // grid point filled across a packet-loss gap too long to bridge

    public HoldHistory()
    {
        int capacity = GridRing.Capacity(HistoryS);
        _histT = _grid.TimeS;
        _histV = new double[capacity];
        _histA = new double[capacity];
        _histSag = new double[capacity];
        _histGap = new bool[capacity];
    }

    /// <summary>
    /// Adds the sample at <paramref name="timeS"/> to the grid, filling every grid point up to it; grid points before
    /// the sample (inside a gap) get at least <paramref name="gapTurnDps"/> as speed.
    /// </summary>
    public void Record(double timeS, double speed, double verticalAccG, double sagittalDeg, bool afterGap, double gapTurnDps)
    {
        while (_grid.TryAdvance(timeS, out int k))
        {
            _histV[k] = _histT[k] < timeS ? Math.Max(speed, gapTurnDps) : speed;
            _histA[k] = verticalAccG;
            _histGap[k] = afterGap;
            _histSag[k] = sagittalDeg;
        }
    }

    /// <summary>
    /// Whether the mean inclination since <paramref name="timeS"/> − <paramref name="recentS"/> differs from the mean
    /// over [<paramref name="fromS"/>, that] by more than <paramref name="maxShiftDeg"/> (means, so sway averages out;
    /// each needs 50 grid points). <paramref name="midS"/>: when the inclination was last within half the shift of the
    /// held mean, the shift's midpoint.
    /// </summary>
    public bool ShiftedPosture(double timeS, double fromS, double recentS, double maxShiftDeg, out double midS)
    {
        midS = double.NaN;
        double before = 0, recent = 0;
        int nBefore = 0, nRecent = 0;
        for (int i = 0; i < _grid.Count; i++)
        {
            int k = Index(i);
            if (_histT[k] < fromS) continue;
            if (_histT[k] > timeS - recentS) { recent += _histSag[k]; nRecent++; }
            else { before += _histSag[k]; nBefore++; }
        }
        if (nBefore < 50 || nRecent < 50) return false;
        before /= nBefore;
        recent /= nRecent;
        double shift = recent - before;
        if (Math.Abs(shift) <= maxShiftDeg) return false;
        midS = timeS - recentS;
        for (int i = _grid.Count - 1; i >= 0; i--)
        {
            int k = Index(i);
            if (_histT[k] < fromS) break;
            if (Math.Abs(_histSag[k] - before) < 0.5 * Math.Abs(shift)) { midS = _histT[k]; break; }
        }
        return true;
    }

    // The 10% point at the start (or end) of the vertical movement in [fromS, toS] going in direction sign: the
    // drift-corrected vertical velocity's extreme, its 50% crossings, and the same minimum-jerk extrapolation to 10% as
    // for the angular speed. Without a 50% crossing on the asked side, the window's edge.
    public double VerticalMoveTenPercent(double fromS, double toS, int sign, bool atEnd)
    {
        var (first, last) = HistoryRange(fromS, toS);
        double v = 0;
        for (int i = first; i < last; i++) v += _histA[Index(i)] * SpacingS;
        double drift = v / (last - first);
        double vPeak = 0; int iPeak = first;
        v = 0;
        for (int i = first; i < last; i++)
        {
            v += _histA[Index(i)] * SpacingS - drift;
            if (sign * v > vPeak) { vPeak = sign * v; iPeak = i; }
        }
        double half = 0.5 * vPeak, up = double.NaN, down = double.NaN;
        v = 0;
        for (int i = first; i < last; i++)
        {
            v += _histA[Index(i)] * SpacingS - drift;
            if (i < iPeak && sign * v < half) up = _histT[Index(i)];
            if (i > iPeak && sign * v < half) { down = _histT[Index(i)]; break; }
        }
        double peakS = _histT[Index(iPeak)];
        if (atEnd)
        {
            if (double.IsNaN(down)) return toS;
            double w = double.IsNaN(up) ? 2 * (down - peakS) : down - up;
            return down + TenPercentBeyondHalf * w / HalfWidthOfDuration;
        }
        if (double.IsNaN(up)) return fromS;
        double width = double.IsNaN(down) ? 2 * (peakS - up) : down - up;
        return up - TenPercentBeyondHalf * width / HalfWidthOfDuration;
    }

    // The last movement before the quiet began (the samples above half the settle speed just before it — a slow lift
    // into a side plank barely exceeds the settle speed): its start, its peak, the 50% crossings around it, and how far
    // it turned the trunk (∫|ω| dt, degrees). The start is the movement's own 10% point even when that is not before
    // the quiet: a lift into a side plank is mostly translation, its turn may never exceed the settle speed (so the
    // "quiet" began before or during it), and the settle speed is not the 10% point of a slower movement anyway.
    // Movements at or before rejectedQuietS were judged already and are not looked at again.
    public double SettleEnd(double quietS, double settleDps, double rejectedQuietS, out double movementStartS, out double turnDeg)
    {
        movementStartS = double.NaN; // no movement: nothing lifted the sensor
        turnDeg = 0;
        double moving = 0.5 * settleDps;
        int last = -1;
        for (int i = _grid.Count - 1; i >= 0; i--)
        {
            int k = Index(i);
            if (_histT[k] > quietS) continue;
            if (_histT[k] < quietS - 4.0 || _histT[k] <= rejectedQuietS) break;
            if (_histV[k] >= moving) { last = i; break; }
        }
        if (last < 0) return quietS;
        int peak = last; double peakV = 0;
        for (int i = last; i >= 0 && _histV[Index(i)] >= moving; i--)
        {
            if (_histT[Index(i)] <= rejectedQuietS) { movementStartS = double.NaN; return quietS; } // the judged one's tail
            double v = _histV[Index(i)];
            turnDeg += v * SpacingS;
            movementStartS = _histT[Index(i)];
            if (v > peakV) { peakV = v; peak = i; }
        }
        double half = 0.5 * peakV, up = double.NaN, down = double.NaN;
        for (int i = peak; i > 0; i--) if (_histV[Index(i - 1)] < half) { up = _histT[Index(i - 1)]; break; }
        for (int i = peak; i < _grid.Count; i++) if (_histV[Index(i)] < half) { down = _histT[Index(i)]; break; }
        if (double.IsNaN(down)) return quietS;
        double width = double.IsNaN(up) ? 2 * (down - _histT[Index(peak)]) : down - up;
        return down + TenPercentBeyondHalf * width / HalfWidthOfDuration;
    }

    /// <summary>
    /// Until when a rejection judged the movements: up to now, except a movement in progress (a slow lift may have begun
    /// inside the quiet just judged; it is judged once it has settled).
    /// </summary>
    public double JudgedUntil(double timeS, double settleDps)
    {
        double moving = 0.5 * settleDps;
        for (int i = _grid.Count - 1; i >= 0; i--)
            if (_histV[Index(i)] < moving) return _histT[Index(i)];
        return timeS;
    }

    /// <summary>
    /// Mean smoothed angular speed over [fromS, toS], deg/s, leaving out grid points filled across a long gap (they hold
    /// the next sample's value); NaN with less than 0.5 s of measured points.
    /// </summary>
    public double MeanSpeedDps(double fromS, double toS)
    {
        double sum = 0;
        int n = 0;
        for (int i = 0; i < _grid.Count; i++)
        {
            int k = Index(i);
            if (_histT[k] < fromS || _histT[k] > toS || _histGap[k]) continue;
            sum += _histV[k];
            n++;
        }
        return n >= 50 ? sum / n : double.NaN;
    }

    /// <summary>Whether [fromS, toS] contains a packet-loss gap too long for its vertical travel to be measured.</summary>
    public bool HasGap(double fromS, double toS)
    {
        var (first, last) = HistoryRange(fromS, toS);
        for (int i = Math.Max(first, 0); i <= last; i++)
            if (_histGap[Index(i)]) return true;
        return false;
    }

    /// <summary>
    /// Net vertical travel of the sensor over [fromS, toS], m: the vertical acceleration integrated twice with the
    /// velocity forced to zero at both ends (still before and after), which cancels accelerometer bias.
    /// </summary>
    public double LiftM(double fromS, double toS)
    {
        var (first, last) = HistoryRange(fromS, toS);
        if (first < 0 || last - first < 10) return 0;
        double v = 0;
        for (int i = first; i < last; i++) v += _histA[Index(i)] * SpacingS;
        double drift = v / (last - first);   // constant acceleration error that leaves v ≠ 0 at the end
        double z = 0;
        v = 0;
        for (int i = first; i < last; i++)
        {
            v += _histA[Index(i)] * SpacingS - drift;
            z += v * SpacingS;
        }
        return z * 9.80665;
    }

    /// <summary>
    /// The start of the leaving movement whose speed peaked at <paramref name="peakDps"/> at <paramref name="peakS"/>,
    /// by the 10%-of-peak rule, not before <paramref name="startS"/> (the hold's start); without a 50% crossing before
    /// the peak, <paramref name="detectS"/> (when leaving was detected).
    /// </summary>
    public double LeaveStart(double peakDps, double peakS, double detectS, double startS)
    {
        double half = 0.5 * peakDps, up = double.NaN, down = double.NaN;
        for (int i = _grid.Count - 1; i > 0; i--)
        {
            int k = Index(i);
            if (_histT[k] > peakS) { if (_histV[k] < half) down = _histT[k]; continue; }
            if (_histV[k] < half) { up = _histT[k]; break; }
        }
        if (double.IsNaN(up)) return detectS;
        double width = double.IsNaN(down) ? 2 * (peakS - up) : down - up;
        return Math.Max(startS, up - TenPercentBeyondHalf * width / HalfWidthOfDuration);
    }

    /// <summary>History positions (0 = oldest) of the first sample at or after fromS and the last at or before toS; -1 when none.</summary>
    private (int First, int Last) HistoryRange(double fromS, double toS)
    {
        int first = -1, last = -1;
        for (int i = 0; i < _grid.Count; i++)
        {
            double t = _histT[Index(i)];
            if (first < 0 && t >= fromS) first = i;
            if (t <= toS) last = i;
        }
        return (first, last);
    }

    private int Index(int i) => _grid.Index(i);
}
