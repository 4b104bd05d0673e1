using SpineSense.Motion.Analysis;
using SpineSense.Motion.Calibration;
using SpineSense.Motion.Results;
using SpineSense.Motion.Tests.Support;

namespace SpineSense.Motion.Tests.Reps;

/// <summary>The tilt a rep detector reads (src/SpineSense.Motion/Reps/RepTiltSignal.cs).</summary>
public class RepTiltSignalTests
{
    private readonly struct NullSink : IMotionEventSink
    {
        public void OnCalibrated(in NeutralCalibration calibration) { }
        public void OnFrame(in MotionFrame frame) { }
        public void OnAlertRaised(in AlertEvent alert) { }
        public void OnAlert(in AlertEvent alert) { }
        public void OnRepDetected(in RepResult rep) { }
        public void OnRep(in RepResult rep) { }
        public void OnSet(in SetResult set) { }
        public void OnHoldStarted(double startS) { }
        public void OnHold(in HoldResult hold) { }
    }

    [Fact]
    public void Counting_side_steps_through_packet_loss_gaps_allocates_nothing_per_sample()
    {
        // Side steps with a 0.3 s gap every 3 s: the gyro-carried tilt loses its anchor and takes it again from gravity.
        var steps = new RepPlan(6.5, 20, 0.45, 0.12, 0.45, 0.25, 4);
        AngleFunction angles = t => (17 * MinJerk.Position((t - 4) / 1.2), -steps.Excursion(t), 0.4 * steps.Excursion(t));
        var samples = SyntheticImu.Generate(steps.EndS + 3, angles, new SensorModel(200, 15, -10), dropped: t => t % 3 < 0.3);
        var analyzer = new LumbarAnalyzer(AnalyzerSettings.For("banded-walk"));
        var sink = new NullSink();
        int warm = samples.Count / 4;
        for (int i = 0; i < warm; i++) analyzer.Process(samples[i], sink);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = warm; i < samples.Count; i++) analyzer.Process(samples[i], sink);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
    }
}
