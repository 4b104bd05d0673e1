namespace SpineSense.Motion.Exercises;

/// <summary>
/// How an exercise looks to one lumbar sensor, and what is safe in it. Written from the seed article
/// (docs/MOTION.md lists the sources of each number).
/// </summary>
/// <param name="Id">Kebab-case ID of the contract (section 6).</param>
/// <param name="Posture">Where the athlete is while doing reps.</param>
/// <param name="Signal">The angle a rep is an excursion of (<see cref="PrimarySignal.None"/> for holds).</param>
/// <param name="Direction">Which way the signal moves away from the start (top/rest) position.</param>
/// <param name="EachSide">Every excursion or step is one rep, left and right alike.</param>
/// <param name="IsHold">An isometric hold: no reps, holds with duration and sway.</param>
/// <param name="MinRangeDeg">Smallest excursion that is a rep, degrees.</param>
/// <param name="MinRepS">Shortest plausible rep (start to end), seconds.</param>
/// <param name="MaxRepS">Longest plausible rep, seconds (longer is a posture change, not a rep).</param>
/// <param name="Limits">Default safety limits for this exercise.</param>
/// <param name="Cues">Coaching cues from the seed.</param>
/// <param name="Alternates">Each-side work done left, right, left… (bird-dog, dead bug): every rep mirrors the last.</param>
public sealed record ExerciseProfile(
    string Id,
    string Name,
    Posture Posture,
    PrimarySignal Signal,
    ExcursionDirection Direction,
    bool EachSide,
    bool IsHold,
    double MinRangeDeg,
    double MinRepS,
    double MaxRepS,
    SafetyLimits Limits,
    IReadOnlyList<string> Cues,
    bool Alternates = false);
