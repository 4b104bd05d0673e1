namespace SpineSense.Simulation.Sessions;

/// <summary>
/// The movements of every contract exercise (section 6) plus the seed's cool-down stretches and patterns to
/// avoid, as one lumbar segment sees them. Amplitudes are for a beginner with good form; tempi follow the
/// seed's "slow and with control". Each-side work counts every excursion or step as one rep.
/// </summary>
public static class ExerciseLibrary
{
    private static Tempo T(double meanS, double spread = 0.15) => new(meanS, spread);
    private static Tempo P(double meanS) => new(meanS, 0.45);

    public static IReadOnlyList<SimExercise> All { get; } =
    [
        // Quadruped: cat lifts the lumbar surface's cranial end (flexion_deg falls toward ~72°),
        // cow drops it (~100°). Each rep goes from cow (or neutral) to cat and back to cow.
        new("cat-cow", SimPosture.AllFours, EachSide: false, IsHold: false, 1, 10, 60,
            new RepRecipe(-17, 0, 0, 0, 0, 0.01, 0.15, T(1.8), P(0.7), T(2.0), P(0.8), ReturnFlexDeg: 9), SetSwayGain: 0.35),
        new("hip-hinge-drill", SimPosture.Standing, false, false, 1, 10, 60,
            new RepRecipe(48, 0, 0, -0.08, 0, -0.03, 0.1, T(1.5), P(0.3), T(1.2), P(0.9)), SetSwayGain: 0.9),
        new("glute-bridge", SimPosture.Supine, false, false, 3, 12, 60,
            new RepRecipe(-28, 0, 0, 0, 0, 0.2, 0.1, T(1.0), P(1.2), T(1.3), P(0.8)), SetSwayGain: 0.3),
        new("bird-dog", SimPosture.AllFours, true, false, 3, 20, 60,
            new RepRecipe(2.5, 3, 5, 0, 0, 0.005, 0.25, T(1.1), P(1.6), T(1.2), P(0.7)), SetSwayGain: 0.3),
        new("dead-bug", SimPosture.Supine, true, false, 3, 12, 60,
            new RepRecipe(2, 2.5, 4, 0, 0, 0, 0.25, T(1.4), P(0.6), T(1.4), P(0.6)), SetSwayGain: 0.25),
        new("goblet-squat", SimPosture.Standing, false, false, 3, 10, 90,
            new RepRecipe(30, 0, 0, -0.12, 0, -0.42, 0.1, T(1.9), P(0.4), T(1.3), P(1.0)), SetSwayGain: 1.2),
        new("romanian-deadlift", SimPosture.Standing, false, false, 3, 10, 90,
            new RepRecipe(56, 0, 0, -0.12, 0, -0.06, 0.08, T(2.0), P(0.3), T(1.4), P(0.9)), SetSwayGain: 1.2),
        new("side-plank", SimPosture.SideLying, true, true, 3, 0, 45, null, HoldMinS: 20, HoldMaxS: 30, SetSwayGain: 0.3),
        new("back-extension", SimPosture.Bench45, false, false, 3, 12, 60,
            new RepRecipe(52, 0, 0, 0, 0, -0.01, 0.08, T(1.6), P(0.3), T(1.4), P(0.8)), SetSwayGain: 0.6),
        new("clamshell", SimPosture.SideLying, true, false, 3, 20, 45,
            new RepRecipe(1.5, 1, 6, 0, 0, 0.005, 0.2, T(0.9), P(0.6), T(1.1), P(0.5)), SetSwayGain: 0.3),
        // Side steps in a quarter squat: hips travel 22–30 cm per step and the trunk tilts over the stance leg.
        new("banded-walk", SimPosture.Standing, true, false, 1, 20, 60,
            new RepRecipe(0, -4, 1.5, 0, -0.26, -0.015, 0.2, T(0.45), P(0.12), T(0.45), P(0.22)), SetSwayGain: 0.8),
        // Patterns the seed says to avoid.
        new("russian-twist", SimPosture.SeatedReclined, true, false, 2, 20, 45,
            new RepRecipe(3, 5, 45, 0, 0, 0, 0.12, T(0.38, 0.1), P(0.08), T(0.38, 0.1), P(0.06)), SetSwayGain: 0.8),
        // Cool-down holds.
        new("hip-flexor-stretch", SimPosture.HalfKneeling, false, true, 1, 0, 30, null, HoldMinS: 30, HoldMaxS: 40, SetSwayGain: 1.1),
        new("hamstring-stretch", SimPosture.Standing, false, true, 1, 0, 30, null, HoldMinS: 30, HoldMaxS: 40, SetSwayGain: 0.9),
    ];

    /// <summary>The contract's exercise IDs (section 6) — the ones `spinesense analyze` knows.</summary>
    public static IReadOnlyList<string> ContractIds { get; } =
    [
        "cat-cow", "hip-hinge-drill", "glute-bridge", "bird-dog", "dead-bug", "goblet-squat",
        "romanian-deadlift", "side-plank", "back-extension", "clamshell", "banded-walk",
    ];

    public static bool TryGet(string id, out SimExercise exercise)
    {
        foreach (var e in All)
            if (e.Id == id) { exercise = e; return true; }
        exercise = null!;
        return false;
    }

    public static SimExercise Get(string id) =>
        TryGet(id, out var e) ? e : throw new ArgumentException($"unknown exercise '{id}'", nameof(id));
}
