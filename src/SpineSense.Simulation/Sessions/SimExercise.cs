namespace SpineSense.Simulation.Sessions;

/// <summary>An exercise the virtual athlete can perform, with the seed routine's default volume.</summary>
public sealed record SimExercise(
    string Id,
    SimPosture Posture,
    bool EachSide,
    bool IsHold,
    int DefaultSets,
    int DefaultReps,
    double DefaultRestS,
    RepRecipe? Recipe,
    double HoldMinS = 0,
    double HoldMaxS = 0,
    double SetSwayGain = 1);
