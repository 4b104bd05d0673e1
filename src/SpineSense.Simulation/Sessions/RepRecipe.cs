namespace SpineSense.Simulation.Sessions;

/// <summary>
/// How one rep moves, relative to the posture's base pose: the far (bottom) pose's angle and hip offsets,
/// the return pose's flexion offset (cat-cow returns to cow, not to neutral), depth variation and tempo.
/// For each-side work the lateral, rotation and hip-y offsets flip sign with the side.
/// </summary>
public sealed record RepRecipe(
    double FlexDeg, double LatDeg, double RotDeg,
    double HipXM, double HipYM, double HipZM,
    double DepthSpread,
    Tempo Eccentric, Tempo BottomPause, Tempo Concentric, Tempo TopPause,
    double ReturnFlexDeg = 0);
