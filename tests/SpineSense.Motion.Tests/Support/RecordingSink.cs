using SpineSense.Motion.Analysis;
using SpineSense.Motion.Calibration;
using SpineSense.Motion.Results;

namespace SpineSense.Motion.Tests.Support;

/// <summary>Collects everything an analyzer emits, for assertions.</summary>
public sealed class RecordingSink : MotionEventSink
{
    public List<MotionFrame> Frames { get; } = [];
    public List<AlertEvent> Raised { get; } = [];
    public List<AlertEvent> Alerts { get; } = [];
    public List<RepResult> Detected { get; } = [];
    public List<RepResult> Reps { get; } = [];
    public List<SetResult> Sets { get; } = [];
    public List<HoldResult> Holds { get; } = [];
    public List<double> HoldStarts { get; } = [];
    public NeutralCalibration? Calibration { get; private set; }
    /// <summary>Sample time at which each alert was raised (latency checks).</summary>
    public List<double> RaisedAtS { get; } = [];

    public override void OnCalibrated(in NeutralCalibration calibration) => Calibration = calibration;
    public override void OnFrame(in MotionFrame frame)
    {
        Frames.Add(frame);
        // An alert raised while processing a sample belongs to that sample, whose frame follows it.
        for (int i = RaisedAtS.Count - 1; i >= 0 && double.IsNaN(RaisedAtS[i]); i--) RaisedAtS[i] = frame.TimeS;
    }
    public override void OnAlertRaised(in AlertEvent alert) { Raised.Add(alert); RaisedAtS.Add(double.NaN); }
    public override void OnAlert(in AlertEvent alert) => Alerts.Add(alert);
    public override void OnRepDetected(in RepResult rep) => Detected.Add(rep);
    public override void OnRep(in RepResult rep) => Reps.Add(rep);
    public override void OnSet(in SetResult set) => Sets.Add(set);
    public override void OnHoldStarted(double startS) => HoldStarts.Add(startS);
    public override void OnHold(in HoldResult hold) => Holds.Add(hold);

    public static RecordingSink Run(AnalyzerSettings settings, IEnumerable<Samples.ImuSample> samples)
    {
        var sink = new RecordingSink();
        var analyzer = new LumbarAnalyzer(settings);
        foreach (var s in samples) analyzer.Process(s, sink);
        analyzer.Finish(sink);
        return sink;
    }
}
