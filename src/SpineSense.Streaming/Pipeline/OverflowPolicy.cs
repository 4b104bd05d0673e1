namespace SpineSense.Streaming.Pipeline;

/// <summary>What a bounded buffer does when it is full. Either way the drop is counted, never silent.</summary>
public enum OverflowPolicy
{
    /// <summary>Refuse the newest item: what is queued stays contiguous (storage: the gap is at the end).</summary>
    DropNewest,
    /// <summary>Evict the oldest queued item: a live view wants the latest state.</summary>
    DropOldest,
}
