using SpineSense.Motion.Exercises;

namespace SpineSense.Streaming.Pipeline;

/// <summary>
/// The motion core's profile for a plan's exercise id: the catalog's, or, for the seed's cool-down stretches the
/// catalog does not list, an upright timed hold with the general limits.
/// </summary>
public static class ExerciseProfiles
{
    public static bool TryGet(string exerciseId, out ExerciseProfile profile)
    {
        if (ExerciseCatalog.TryGet(exerciseId, out profile)) return true;
        switch (exerciseId)
        {
            case "hip-flexor-stretch":
                profile = Stretch(exerciseId, "Hip flexor stretch", "Half-kneeling, tuck the pelvis; hold 30–40 s");
                return true;
            case "hamstring-stretch":
                profile = Stretch(exerciseId, "Hamstring stretch", "Hinge gently with a neutral back; hold 30–40 s");
                return true;
            default:
                return false;
        }
    }

    public static ExerciseProfile Get(string exerciseId) => TryGet(exerciseId, out var p)
        ? p
        : throw new ArgumentException($"unknown exercise '{exerciseId}'; known: {string.Join(", ", ExerciseCatalog.Ids)}, hip-flexor-stretch, hamstring-stretch", nameof(exerciseId));

    // Seed: "Hip flexor stretch – 30–40 seconds", "Hamstring stretch – 30–40 seconds": both upright holds here.
    private static ExerciseProfile Stretch(string id, string name, string cue) =>
        new(id, name, Posture.Standing, PrimarySignal.None, ExcursionDirection.Either, EachSide: false, IsHold: true,
            MinRangeDeg: 0, MinRepS: 0, MaxRepS: 0, SafetyLimits.General, [cue]);
}
