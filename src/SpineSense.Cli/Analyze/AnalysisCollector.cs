using SpineSense.Motion.Analysis;
using SpineSense.Motion.Calibration;
using SpineSense.Motion.Results;

namespace SpineSense.Cli.Analyze;

/// <summary>Collects the analyzer's final events for the report; frames go straight to an optional angle writer.</summary>
internal sealed class AnalysisCollector(AnglesCsvWriter? angles) : MotionEventSink
{
    public List<RepResult> Reps { get; } = [];
    public List<SetResult> Sets { get; } = [];
    public List<HoldResult> Holds { get; } = [];
    public List<AlertEvent> Alerts { get; } = [];
    public NeutralCalibration? Calibration { get; private set; }
    public long Frames { get; private set; }

    public override void OnCalibrated(in NeutralCalibration calibration) => Calibration = calibration;

    public override void OnFrame(in MotionFrame frame)
    {
        Frames++;
        angles?.Write(frame.TimeS, frame.Angles);
    }

    public override void OnRep(in RepResult rep) => Reps.Add(rep);
    public override void OnSet(in SetResult set) => Sets.Add(set);
    public override void OnHold(in HoldResult hold) => Holds.Add(hold);
    public override void OnAlert(in AlertEvent alert) => Alerts.Add(alert);
}
