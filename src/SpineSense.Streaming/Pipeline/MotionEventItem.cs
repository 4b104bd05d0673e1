using SpineSense.Motion.Results;

namespace SpineSense.Streaming.Pipeline;

/// <summary>One thing the motion core reported while analysing a batch. Only the member of <see cref="Kind"/> is set.</summary>
public readonly record struct MotionEventItem(
    MotionEventKind Kind, double TimeS,
    AlertEvent Alert = default, RepResult Rep = default, SetResult Set = default, HoldResult Hold = default);
