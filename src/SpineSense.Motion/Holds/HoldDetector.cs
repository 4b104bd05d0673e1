using SpineSense.Motion.Analysis;
using SpineSense.Motion.Geometry;
using SpineSense.Motion.Results;

namespace SpineSense.Motion.Holds;

/// <summary>
/// Isometric holds (contract section 5): from settling into the hold posture to leaving it, with sway =
/// RMS angular deviation of the segment orientation from its mean. One per stream; no allocation.
/// </summary>
/// <remarks>
/// Sway uses rotation vectors relative to the orientation at settle-in: for the small angles of a hold,
/// RMS about the mean = sqrt(E|r|² − |E r|²), so sums suffice and nothing is buffered.
/// </remarks>
public sealed class HoldDetector
{
    private enum State { Idle, Settling, Holding }

    private readonly HoldSettings _settings;
    private State _state;
    private double _startS, _leaveS = double.NaN, _lastS, _speedDps, _prevS = double.NaN;
    private Quat _reference;
    private Vec3 _sum, _sumAtLeave;
    private double _sumSq, _sumSqAtLeave;
    private int _n, _nAtLeave;

    public HoldDetector(HoldSettings settings)
    {
        settings.Validate();
        _settings = settings;
    }

    public bool IsHolding => _state == State.Holding;

    public void Update<TSink>(double timeS, double rateDps, in Quat orientation, bool inPosture, TSink sink)
        where TSink : IMotionEventSink
    {
        double dt = double.IsNaN(_prevS) ? 0 : timeS - _prevS;
        _prevS = timeS;
        _speedDps += (rateDps - _speedDps) * (dt / (dt + 0.1)); // 0.1 s smoothing of |ω|
        _lastS = timeS;
        switch (_state)
        {
            case State.Idle:
                if (inPosture && _speedDps < _settings.SettleDps) Begin(timeS, orientation);
                break;
            case State.Settling:
                if (!inPosture || _speedDps > _settings.LeaveDps) _state = State.Idle;
                else
                {
                    Accumulate(orientation);
                    if (timeS - _startS >= _settings.MinHoldS) { _state = State.Holding; sink.OnHoldStarted(_startS); }
                }
                break;
            case State.Holding:
                if (!inPosture) { End(timeS, useSnapshot: false, sink); break; }
                if (_speedDps > _settings.LeaveDps)
                {
                    if (double.IsNaN(_leaveS)) { _leaveS = timeS; _sumAtLeave = _sum; _sumSqAtLeave = _sumSq; _nAtLeave = _n; }
                    if (timeS - _leaveS >= _settings.LeaveConfirmS) { End(_leaveS, useSnapshot: true, sink); break; }
                }
                else _leaveS = double.NaN;
                Accumulate(orientation);
                break;
        }
    }

    public void Finish<TSink>(TSink sink) where TSink : IMotionEventSink
    {
        if (_state == State.Holding) End(double.IsNaN(_leaveS) ? _lastS : _leaveS, useSnapshot: !double.IsNaN(_leaveS), sink);
        _state = State.Idle;
    }

    private void Begin(double timeS, in Quat orientation)
    {
        _state = State.Settling;
        _startS = timeS;
        _reference = orientation;
        _sum = Vec3.Zero;
        _sumSq = 0;
        _n = 0;
        _leaveS = double.NaN;
    }

    private void Accumulate(in Quat orientation)
    {
        Quat d = _reference.Conjugate() * orientation;
        double sign = d.W < 0 ? -1 : 1;
        var r = new Vec3(d.X, d.Y, d.Z) * (2 * sign * Angle.DegPerRad); // small-angle rotation vector, degrees
        _sum += r;
        _sumSq += Vec3.Dot(r, r);
        _n++;
    }

    private void End<TSink>(double endS, bool useSnapshot, TSink sink) where TSink : IMotionEventSink
    {
        Vec3 sum = useSnapshot ? _sumAtLeave : _sum;
        double sumSq = useSnapshot ? _sumSqAtLeave : _sumSq;
        int n = useSnapshot ? _nAtLeave : _n;
        double sway = 0;
        if (n > 0)
        {
            Vec3 mean = sum * (1.0 / n);
            sway = Math.Sqrt(Math.Max(0, sumSq / n - Vec3.Dot(mean, mean)));
        }
        sink.OnHold(new HoldResult(_startS, endS, sway));
        _state = State.Idle;
        _leaveS = double.NaN;
    }
}
