using SpineSense.Motion.Results;

namespace SpineSense.Simulation.Truth;

/// <summary>A true rep (contract section 5) and which exercise and side it belongs to (side: +1 right, −1 left, 0 none).</summary>
public sealed record TrueRep(string Exercise, int Side, RepResult Result);

/// <summary>A true set: a run of reps, ended by 15 s without reps.</summary>
public sealed record TrueSet(string Exercise, SetResult Result);

/// <summary>A true hold with its settle-in/leave times and RMS sway.</summary>
public sealed record TrueHold(string Exercise, int Side, HoldResult Result);
