using SpineSense.Motion.Geometry;
using SpineSense.Motion.Samples;

namespace SpineSense.Motion.Calibration;

/// <summary>
/// Sums the quiet standing window. One per stream; no allocation. The window is every sample with
/// <c>time − firstTime &lt; windowS</c>; it is complete at the first sample past it.
/// </summary>
public sealed class CalibrationAccumulator
{
    private const int DtHistogramBins = 256; // 0.1 ms bins up to 25.6 ms (39 Hz): enough for 52..833 Hz
    private const double DtBinS = 1e-4;
    // Turning faster than this for longer than MotionHoldS is movement, not quiet standing: sway and breathing stay
    // under ~5 °/s and a MEMS gyro's bias under ~5 °/s, while the slowest hinge or step turns the pelvis at 20 °/s+.
    private const double MotionRateDps = 20, MotionHoldS = 0.05;
    private readonly double _windowS;
    private readonly int[] _dtHistogram = new int[DtHistogramBins];
    private readonly double[] _dtSumS = new double[DtHistogramBins];
    private double _firstS = double.NaN, _lastS, _fastSinceS = double.NaN;
    private Vec3 _accSum, _gyroSum;
    private int _count, _dtCount;

    public CalibrationAccumulator(double windowS)
    {
        if (!(windowS > 0)) throw new ArgumentOutOfRangeException(nameof(windowS), "calibration window must be positive");
        _windowS = windowS;
    }

    public double WindowS => _windowS;
    public int Count => _count;

    /// <summary>
    /// When the window stopped being quiet standing: the start of the first turn faster than 20 °/s held for 50 ms;
    /// NaN while it is quiet. A window that includes movement gives a neutral that is no posture the athlete stood in.
    /// </summary>
    public double FirstMotionS { get; private set; } = double.NaN;

    /// <summary>True once a sample at or past the end of the window was seen (that sample is not included).</summary>
    public bool IsComplete { get; private set; }

    /// <summary>Adds a sample; returns false (and marks the window complete) when it lies past the window.</summary>
    public bool Add(in ImuSample s)
    {
        if (IsComplete) return false;
        if (double.IsNaN(_firstS)) _firstS = s.TimeS;
        else if (s.TimeS - _firstS >= _windowS) { IsComplete = true; return false; }
        else
        {
            int bin = (int)((s.TimeS - _lastS) / DtBinS);
            if (bin >= 0 && bin < DtHistogramBins) { _dtHistogram[bin]++; _dtSumS[bin] += s.TimeS - _lastS; _dtCount++; }
        }
        _lastS = s.TimeS;
        TrackMotion(s);
        _accSum += new Vec3(s.AccXG, s.AccYG, s.AccZG);
        _gyroSum += new Vec3(s.GyrXDps, s.GyrYDps, s.GyrZDps);
        _count++;
        return true;
    }

    private void TrackMotion(in ImuSample s)
    {
        if (!double.IsNaN(FirstMotionS)) return;
        double rateSq = s.GyrXDps * s.GyrXDps + s.GyrYDps * s.GyrYDps + s.GyrZDps * s.GyrZDps;
        if (rateSq <= MotionRateDps * MotionRateDps) _fastSinceS = double.NaN;
        else if (double.IsNaN(_fastSinceS)) _fastSinceS = s.TimeS;
        else if (s.TimeS - _fastSinceS >= MotionHoldS) FirstMotionS = _fastSinceS;
    }

    /// <summary>The calibration from the samples so far. Needs at least two samples.</summary>
    public bool TryGetCalibration(out NeutralCalibration calibration)
    {
        calibration = default;
        if (_count < 2) return false;
        Vec3 acc = _accSum * (1.0 / _count);
        if (acc.Norm < 0.2) return false; // free fall or a dead accelerometer: no gravity to calibrate from
        calibration = new NeutralCalibration(
            NeutralCalibration.FrameFromGravity(acc), _gyroSum * (1.0 / _count), acc.Norm, MedianRateHz(), _lastS);
        return true;
    }

    private double MedianRateHz()
    {
        if (_dtCount == 0) return (_count - 1) / Math.Max(_lastS - _firstS, 1e-9);
        int half = _dtCount / 2, seen = 0;
        for (int i = 0; i < DtHistogramBins; i++)
        {
            seen += _dtHistogram[i];
            if (seen > half) return 1.0 / MeanDtAround(i);
        }
        return (_count - 1) / Math.Max(_lastS - _firstS, 1e-9);
    }

    // Mean of the intervals within ±50% of the median: jitter averages out, gaps (lost packets) are excluded.
    private double MeanDtAround(int medianBin)
    {
        int lo = medianBin / 2, hi = Math.Min(DtHistogramBins - 1, medianBin + medianBin / 2 + 1);
        double sum = 0; int n = 0;
        for (int i = lo; i <= hi; i++) { sum += _dtSumS[i]; n += _dtHistogram[i]; }
        return sum / n;
    }
}
