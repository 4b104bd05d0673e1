using SpineSense.Motion.Results;

namespace SpineSense.Motion.Exercises;

/// <summary>
/// Every exercise of the contract (section 6), written from the seed article "Strength Training for
/// Lower Back Pain" (shared/seed): its posture, primary signal, plausible tempo, default limits and cues.
/// Limits are conservative defaults for a back-pain population; a physio overrides them per athlete.
/// </summary>
public static class ExerciseCatalog
{
    /// <summary>The pseudo-ID that asks the analyzer to recognise the exercise.</summary>
    public const string Auto = "auto";

    // Standing work: the seed's "avoid deep spinal flexion"; loaded rotation slower than unloaded.
    private static SafetyLimits Limits(double flexDeg, double extDeg, double rotDps = 150, double impactG = 2.5) =>
        new(flexDeg, extDeg, rotDps, impactG);

    /// <summary>All profiles in the order of the seed's beginner routine.</summary>
    public static IReadOnlyList<ExerciseProfile> All { get; } =
    [
        new("cat-cow", "Cat-cow", Posture.AllFours, PrimarySignal.Sagittal, ExcursionDirection.Decreasing,
            EachSide: false, IsHold: false, MinRangeDeg: 8, MinRepS: 1.0, MaxRepS: 15,
            // On all fours flexion_deg is about +90. Rounding into cat tucks the pelvis and tips the segment's
            // cranial end up (flexion_deg falls toward +70); cow arches it down (toward +100). A rep goes from
            // the resting cow (or neutral) into cat and back.
            Limits(flexDeg: 135, extDeg: 25),
            ["Warm up with it: move slowly through the whole range", "Round and arch from the lower back, not the neck"]),
        new("hip-hinge-drill", "Hip hinge drill", Posture.Standing, PrimarySignal.Sagittal, ExcursionDirection.Increasing,
            EachSide: false, IsHold: false, MinRangeDeg: 20, MinRepS: 0.8, MaxRepS: 12,
            Limits(flexDeg: 80, extDeg: 20),
            ["Push the hips back, keep a neutral spine", "Stop where the back starts to round"]),
        new("glute-bridge", "Glute bridge", Posture.Supine, PrimarySignal.Sagittal, ExcursionDirection.Decreasing,
            EachSide: false, IsHold: false, MinRangeDeg: 10, MinRepS: 0.8, MaxRepS: 15,
            // Supine is −90°; a bridge lifts the pelvis to about −120…−130°. Beyond −140° is over-arching.
            Limits(flexDeg: 70, extDeg: 140),
            ["Engage the core to keep a neutral spine", "Raise the hips with the glutes, not by arching the back"]),
        new("bird-dog", "Bird-dog", Posture.AllFours, PrimarySignal.TiltChange, ExcursionDirection.Either,
            EachSide: true, IsHold: false, MinRangeDeg: 2, MinRepS: 0.8, MaxRepS: 15,
            Limits(flexDeg: 125, extDeg: 25),
            ["Keep the pelvis level while arm and leg reach", "Slow and controlled; the back should barely move"], Alternates: true),
        new("dead-bug", "Dead bug", Posture.Supine, PrimarySignal.TiltChange, ExcursionDirection.Either,
            EachSide: false, IsHold: false, MinRangeDeg: 2, MinRepS: 0.8, MaxRepS: 12,
            Limits(flexDeg: 70, extDeg: 115),
            ["Press the lower back into the floor", "Move arm and leg slowly; the floor is your cue for a neutral spine"], Alternates: true),
        new("goblet-squat", "Goblet squat", Posture.Standing, PrimarySignal.Sagittal, ExcursionDirection.Increasing,
            EachSide: false, IsHold: false, MinRangeDeg: 10, MinRepS: 0.8, MaxRepS: 10,
            Limits(flexDeg: 60, extDeg: 20, rotDps: 120),
            ["Hold the weight close to keep the torso upright", "Brace the core before you descend"]),
        new("romanian-deadlift", "Romanian deadlift", Posture.Standing, PrimarySignal.Sagittal, ExcursionDirection.Increasing,
            EachSide: false, IsHold: false, MinRangeDeg: 20, MinRepS: 0.8, MaxRepS: 12,
            Limits(flexDeg: 85, extDeg: 20, rotDps: 120),
            ["Light dumbbells or kettlebells; hinge at the hips", "Keep the back neutral: do not let it round to reach lower"]),
        new("side-plank", "Side plank", Posture.SideLying, PrimarySignal.None, ExcursionDirection.Either,
            EachSide: true, IsHold: true, MinRangeDeg: 0, MinRepS: 0, MaxRepS: 0,
            Limits(flexDeg: 70, extDeg: 25),
            ["Hold a straight line from head to feet", "Hold 20–30 s each side; keep the hips from sagging"]),
        new("back-extension", "Back extension", Posture.InclineBench, PrimarySignal.Sagittal, ExcursionDirection.Increasing,
            EachSide: false, IsHold: false, MinRangeDeg: 12, MinRepS: 0.8, MaxRepS: 12,
            Limits(flexDeg: 115, extDeg: 25),
            ["Slow and with control; start with partial reps", "Stop in line with the legs: do not over-arch at the top"]),
        new("clamshell", "Clamshell", Posture.SideLying, PrimarySignal.TiltChange, ExcursionDirection.Either,
            // Done as the seed asks (pelvis still), the knee opens with the pelvis rolling back only 1.5–2°.
            EachSide: true, IsHold: false, MinRangeDeg: 1.4, MinRepS: 0.6, MaxRepS: 8,
            Limits(flexDeg: 70, extDeg: 25),
            ["Keep the pelvis still while the knee opens", "Feet together; move from the hip (glute medius)"]),
        new("banded-walk", "Banded walk", Posture.Standing, PrimarySignal.TiltChange, ExcursionDirection.Either,
            EachSide: true, IsHold: false, MinRangeDeg: 1.5, MinRepS: 0.3, MaxRepS: 3,
            Limits(flexDeg: 60, extDeg: 20),
            ["Small steps with tension on the band", "Keep the hips level; do not sway the trunk"]),
    ];

    /// <summary>What the seed says to avoid, and which alert flags it.</summary>
    public static IReadOnlyList<AvoidedPattern> Avoid { get; } =
    [
        new("sit-up", "Sit-ups", "deep spinal flexion under load", AlertKind.Flexion),
        new("toe-touch", "Toe touches", "deep spinal flexion", AlertKind.Flexion),
        new("russian-twist", "Russian twists", "fast or loaded rotation", AlertKind.Rotation),
        new("jumping", "Jumping and skipping", "high impact", AlertKind.Impact),
        new("overhead-lean-back", "Leaning back in overhead presses", "over-arching the lower back", AlertKind.Extension),
    ];

    /// <summary>The IDs a user may pass to --exercise, including <see cref="Auto"/>.</summary>
    public static IReadOnlyList<string> Ids { get; } = BuildIds();

    private static string[] BuildIds()
    {
        var ids = new string[All.Count + 1];
        for (int i = 0; i < All.Count; i++) ids[i] = All[i].Id;
        ids[^1] = Auto;
        return ids;
    }

    public static bool TryGet(string id, out ExerciseProfile profile)
    {
        foreach (var p in All)
            if (string.Equals(p.Id, id, StringComparison.Ordinal)) { profile = p; return true; }
        profile = null!;
        return false;
    }
}
