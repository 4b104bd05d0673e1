using System.Globalization;
using SpineSense.Simulation.Sensor;
using SpineSense.Simulation.Sessions;

namespace SpineSense.Simulation;

/// <summary>
/// The accuracy suite: tens of seeded scenarios across every contract exercise, output rates, noise levels,
/// mountings and packet loss, plus the unsafe variants and the whole beginner routine. Generated when needed
/// (a few seconds each), never committed as files. Motion's accuracy harness iterates <see cref="Cases"/>,
/// simulates each (<see cref="VirtualAthlete.Simulate"/>) and compares the analyzer with the truth.
/// </summary>
public static class AccuracySuite
{
    /// <summary>One scenario of the suite, named like <c>romanian-deadlift_200hz_typical_random_loss2_s3</c>.</summary>
    public sealed record Case(string Name, ScenarioSpec Spec);

    private static readonly double[] Rates = [52, 100, 104, 200, 208, 400, 416, 833];
    private static readonly NoiseLevel[] Noises = [NoiseLevel.Typical, NoiseLevel.Low, NoiseLevel.High];
    private static readonly double[] Losses = [0, 2, 0, 8, 1];

    /// <summary>
    /// <paramref name="variantsPerExercise"/> scenarios per contract exercise (rates, noise, mounting and loss rotate
    /// through their values so every exercise meets several of each), then the hazards and the routine.
    /// </summary>
    public static IReadOnlyList<Case> Cases(int variantsPerExercise = 3, bool includeRoutine = true)
    {
        var cases = new List<Case>();
        int k = 0;
        foreach (string exercise in ExerciseLibrary.ContractIds)
        {
            var ex = ExerciseLibrary.Get(exercise);
            for (int v = 0; v < variantsPerExercise; v++, k++)
            {
                var spec = new ScenarioSpec
                {
                    Exercise = exercise,
                    Sets = Math.Min(ex.DefaultSets, 2) + (v % 2),
                    Seed = 1000 + k,
                    RateHz = Rates[(k * 3 + v) % Rates.Length],
                    Noise = Noises[(k + v) % Noises.Length],
                    Mounting = v == 0 ? Mounting.Nominal : null,
                    LossPercent = Losses[k % Losses.Length],
                    RestS = 25 + 10 * (k % 4),
                };
                cases.Add(new Case(NameOf(spec), spec));
            }
        }
        ScenarioSpec[] hazards =
        [
            new() { Exercise = "romanian-deadlift", Hazard = Hazard.Rounding, Sets = 2, Seed = 2001, RateHz = 200, LossPercent = 1 },
            new() { Exercise = "goblet-squat", Hazard = Hazard.Rounding, Sets = 2, Seed = 2002, RateHz = 104, Noise = NoiseLevel.High },
            new() { Exercise = "hip-hinge-drill", Hazard = Hazard.Rounding, Sets = 2, Seed = 2003, RateHz = 52 },
            new() { Exercise = "back-extension", Hazard = Hazard.OverArching, Sets = 2, Seed = 2004, RateHz = 208 },
            new() { Exercise = "hip-hinge-drill", Hazard = Hazard.Jumping, Sets = 2, Seed = 2005, RateHz = 416, RestS = 40 },
            new() { Exercise = "goblet-squat", Hazard = Hazard.Jumping, Sets = 2, Seed = 2006, RateHz = 100, RestS = 40, LossPercent = 2 },
            new() { Exercise = "russian-twist", Sets = 2, Seed = 2007, RateHz = 200 },
        ];
        foreach (var spec in hazards) cases.Add(new Case(NameOf(spec), spec));
        if (includeRoutine)
        {
            var routine = new ScenarioSpec { BeginnerRoutine = true, Seed = 3001, RateHz = 100, LossPercent = 1 };
            cases.Add(new Case(NameOf(routine), routine));
        }
        return cases;
    }

    public static string NameOf(ScenarioSpec spec)
    {
        string what = spec.BeginnerRoutine ? "beginner-routine" : spec.Exercise!;
        string hazard = spec.Hazard == Hazard.None ? "" : "_" + spec.Hazard.ToString().ToLowerInvariant();
        string mount = spec.Mounting is null ? "random" : spec.Mounting == Mounting.Nominal ? "nominal" : "fixed";
        return string.Create(CultureInfo.InvariantCulture,
            $"{what}{hazard}_{spec.RateHz}hz_{(spec.IdealSensor ? "ideal" : spec.Noise.ToString().ToLowerInvariant())}_{mount}_loss{spec.LossPercent}_s{spec.Seed}");
    }
}
