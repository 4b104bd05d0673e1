namespace SpineSense.Streaming.Pipeline;

/// <summary>A thread-safe count of items a stage dropped; read by link health so every drop is reported.</summary>
public sealed class DropCounter
{
    private long _count;

    public long Count => Interlocked.Read(ref _count);

    public void Add(long n = 1) => Interlocked.Add(ref _count, n);
}
