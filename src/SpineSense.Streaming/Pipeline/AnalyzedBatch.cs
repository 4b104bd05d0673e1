using SpineSense.Motion.Results;

namespace SpineSense.Streaming.Pipeline;

/// <summary>
/// One packet's samples after the motion core: the angles of every sample (same order as
/// <see cref="SampleBatch.Samples"/>, NaN while calibrating) and what the core reported meanwhile.
/// </summary>
/// <param name="Events">Empty for most packets (a shared empty array; allocation only when something happened).</param>
/// <param name="Exercise">The exercise the core was armed for.</param>
public sealed record AnalyzedBatch(SampleBatch Batch, SpineAngles[] Angles, MotionEventItem[] Events, string Exercise)
{
    public bool IsCalibrated => Angles.Length > 0 && !double.IsNaN(Angles[^1].FlexionDeg);
}
