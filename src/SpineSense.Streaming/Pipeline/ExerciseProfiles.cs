using SpineSense.Motion.Exercises;
using SpineSense.Motion.Holds;

namespace SpineSense.Streaming.Pipeline;

/// <summary>
/// The motion core's profile for a plan's exercise id: the catalog's, or, for the seed's cool-down stretches the
/// catalog does not list, a timed hold with the general limits whose posture <see cref="HoldSettingsFor"/> defines.
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

    /// <summary>
    /// How a hold of <paramref name="exerciseId"/> is told from standing still: the stretches' own postures (null = the
    /// motion core's defaults for the exercise). Standing between exercises is upright, at the standing height, with a
    /// few degrees of sway; neither stretch looks like that.
    /// </summary>
    public static HoldSettings? HoldSettingsFor(string exerciseId) => exerciseId switch
    {
        // A held gentle hinge: the trunk inclined well beyond standing sway (±3°) and a relaxed slouch (≈ 10°); a
        // hinge that stretches the hamstrings tilts the pelvis and lumbar segment 30–60°.
        "hamstring-stretch" => new HoldSettings(MinLiftM: 0, MinInclinationDeg: HamstringMinInclinationDeg),
        // Half-kneeling with the pelvis tucked: the trunk upright or tilted back (not leaning forward onto the knee),
        // after getting down to one knee, which lowers the lumbar sensor ≈ 0.35 m — half of that is the bound. The
        // stretch is the tuck held: tucking in (the pelvis tilting back a few degrees) starts it and untucking ends it,
        // beyond the mean drift of sway (≈ 0.5–2° between 2 s means); a few seconds still on the knee before tucking in is
        // settling there, not a 30–40 s stretch.
        "hip-flexor-stretch" => new HoldSettings(MinLiftM: 0, MinHoldS: HipFlexorMinHoldS, MaxInclinationDeg: HipFlexorMaxInclinationDeg,
            MinDropM: KneelingDropM, MaxPostureShiftDeg: TuckShiftDeg),
        _ => null,
    };

    /// <summary>Smallest forward inclination of a hamstring stretch, degrees.</summary>
    public const double HamstringMinInclinationDeg = 20;
    /// <summary>Largest forward inclination of the half-kneeling hip-flexor stretch, degrees.</summary>
    public const double HipFlexorMaxInclinationDeg = 25;
    /// <summary>How far getting down to one knee must lower the sensor, m.</summary>
    public const double KneelingDropM = 0.17;
    /// <summary>Shortest stillness on the knee that counts as the hip-flexor stretch, s.</summary>
    public const double HipFlexorMinHoldS = 8;
    /// <summary>A tuck into or out of the hip-flexor stretch moves the mean inclination at least this much, degrees.</summary>
    public const double TuckShiftDeg = 2.5;

    // Seed: "Hip flexor stretch – 30–40 seconds", "Hamstring stretch – 30–40 seconds": timed holds, their postures in
    // HoldSettingsFor (the profile's Standing posture only keeps the athlete off the floor and off the side).
    private static ExerciseProfile Stretch(string id, string name, string cue) =>
        new(id, name, Posture.Standing, PrimarySignal.None, ExcursionDirection.Either, EachSide: false, IsHold: true,
            MinRangeDeg: 0, MinRepS: 0, MaxRepS: 0, SafetyLimits.General, [cue]);
}
