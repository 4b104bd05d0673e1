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
/// <remarks>
/// The recording is analysed <see cref="Runs"/> times, each by a new analyzer, and each figure is the least of its
/// runs. The core is deterministic (no clock, no randomness), so what it allocates shows in every run at the same
/// samples; the minimum removes only what the runtime adds now and then: with tiered compilation on, one run in four or
/// five of a fresh test process counted a few KB (4072 or 4608 B, under one 8 KB allocation quantum) at a different
/// sample each time (i = 1345 and 1701 of the same 6261-sample recording), and never in 24 runs with
/// DOTNET_TieredCompilation=0: the tier-1 promotion working in the background, not the analyzer.
/// </remarks>
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

    private const int Runs = 3;

    public static AllocationMeter Analyzing(AnalyzerSettings settings, IReadOnlyList<ImuSample> samples)
    {
        var least = new AllocationMeter(long.MaxValue, long.MaxValue, long.MaxValue);
        for (int run = 0; run < Runs; run++)
        {
            var m = AnalyzingOnce(settings, samples);
            least = new AllocationMeter(Math.Min(least.CalibrationEndBytes, m.CalibrationEndBytes),
                Math.Min(least.AttitudeFilterBytes, m.AttitudeFilterBytes), Math.Min(least.OtherBytes, m.OtherBytes));
        }
        return least;
    }

    private static AllocationMeter AnalyzingOnce(AnalyzerSettings settings, IReadOnlyList<ImuSample> samples)
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
