namespace SpineSense.Protocol.Clock;

/// <summary>Verdict of <see cref="PacketOrderClassifier.Classify"/> for one packet.</summary>
/// <param name="Sequence">The extended (unwrapped) sequence classified.</param>
/// <param name="MissingBefore">For <see cref="PacketArrivalKind.AfterGap"/>: packets skipped between the previous highest and this one.</param>
public readonly record struct PacketArrival(PacketArrivalKind Kind, long Sequence, long MissingBefore = 0)
{
    /// <summary>True when the packet's samples should be used (first, in order, after a gap, or late).</summary>
    public bool IsAccepted => Kind <= PacketArrivalKind.Late;
}
