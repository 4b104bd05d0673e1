using SpineSense.Motion.Analysis;
using SpineSense.Motion.Calibration;
using SpineSense.Motion.Orientation;
using SpineSense.Motion.Results;
using SpineSense.Motion.Samples;

namespace SpineSense.Motion.Tests.Support;

/// <summary>
/// Bytes a <see cref="LumbarAnalyzer"/> allocates on the calling thread while it analyses a recording, sample by
/// sample (GC.GetAllocatedBytesForCurrentThread around each Process call; construction is not counted).
/// </summary>
/// <param name="CalibrationEndBytes">The sample that completes the calibration window (it builds the attitude filter
/// and replays the window through it).</param>
/// <param name="AttitudeFilterBytes">What one <see cref="AttitudeFilter"/> built from that calibration and the
/// analyzer's attitude settings allocates: the object itself.</param>
/// <param name="OtherBytes">Every other sample, from the very first one on.</param>
public readonly record struct AllocationMeter(long CalibrationEndBytes, long AttitudeFilterBytes, long OtherBytes)
{
    // A struct sink called through the generic Process<TSink>: neither the sink nor a frame is boxed, so whatever is
    // counted is the analyzer's own.
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

    public static AllocationMeter Analyzing(AnalyzerSettings settings, IReadOnlyList<ImuSample> samples)
    {
        var analyzer = new LumbarAnalyzer(settings);
        var sink = new NullSink();
        long calibrationEnd = 0, other = 0;
        for (int i = 0; i < samples.Count; i++)
        {
            bool wasCalibrated = analyzer.IsCalibrated;
            long before = GC.GetAllocatedBytesForCurrentThread();
            analyzer.Process(samples[i], sink);
            long bytes = GC.GetAllocatedBytesForCurrentThread() - before;
            if (analyzer.IsCalibrated != wasCalibrated) calibrationEnd = bytes;
            else other += bytes;
        }
        analyzer.Finish(sink);
        if (!analyzer.IsCalibrated) throw new InvalidOperationException("the recording never completed calibration");

        var attitudeSettings = settings.Attitude ?? new AttitudeSettings();
        long filterBefore = GC.GetAllocatedBytesForCurrentThread();
        var filter = new AttitudeFilter(analyzer.Calibration, attitudeSettings);
        long filterBytes = GC.GetAllocatedBytesForCurrentThread() - filterBefore;
        GC.KeepAlive(filter);
        return new AllocationMeter(calibrationEnd, filterBytes, other);
    }
}
