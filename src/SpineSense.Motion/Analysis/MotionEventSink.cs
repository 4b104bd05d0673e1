using SpineSense.Motion.Calibration;
using SpineSense.Motion.Results;

namespace SpineSense.Motion.Analysis;

/// <summary>A sink that ignores everything; override what you need.</summary>
public abstract class MotionEventSink : IMotionEventSink
{
    public virtual void OnCalibrated(in NeutralCalibration calibration) { }
    public virtual void OnFrame(in MotionFrame frame) { }
    public virtual void OnAlertRaised(in AlertEvent alert) { }
    public virtual void OnAlert(in AlertEvent alert) { }
    public virtual void OnRepDetected(in RepResult rep) { }
    public virtual void OnRep(in RepResult rep) { }
    public virtual void OnSet(in SetResult set) { }
    public virtual void OnHoldStarted(double startS) { }
    public virtual void OnHold(in HoldResult hold) { }
}
