using System.Reactive.Linq;

namespace SpineSense.Streaming.Pipeline;

public static class AnalyzedBatchesExtensions
{
    /// <summary>
    /// Emits each batch after the motion core: per-sample angles and the reps, sets, holds and alerts it found.
    /// The core is synchronous and pure; this runs it on the pipeline thread, one batch (packet) per push.
    /// </summary>
    public static IObservable<AnalyzedBatch> AnalyzedBatches(this IObservable<SampleBatch> source, ExerciseAnalyzer analyzer)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(analyzer);
        return source.Select(analyzer.Analyze);
    }
}
