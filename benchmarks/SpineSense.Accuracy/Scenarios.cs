using SpineSense.Simulation;
using SpineSense.Simulation.Sensor;
using SpineSense.Simulation.Sessions;

namespace SpineSense.Accuracy;

/// <summary>
/// The suite: every contract exercise across the contract's rates, noise levels, random mountings and packet
/// loss, plus the unsafe variants (rounding, over-arching, jumping, Russian twists). Deterministic seeds.
/// </summary>
public static class Scenarios
{
    private static readonly double[] Rates = [52, 100, 104, 200, 208, 400, 416, 833];
    private static readonly string[] Exercises =
    [
        "cat-cow", "hip-hinge-drill", "glute-bridge", "bird-dog", "dead-bug", "goblet-squat",
        "romanian-deadlift", "side-plank", "back-extension", "clamshell", "banded-walk",
    ];

    public static IEnumerable<ScenarioSpec> All(int perExercise, int seedBase = 100)
    {
        int seed = seedBase;
        foreach (string ex in Exercises)
            for (int k = 0; k < perExercise; k++)
            {
                seed++;
                yield return new ScenarioSpec
                {
                    Exercise = ex,
                    Seed = seed,
                    RateHz = Rates[seed % Rates.Length],
                    Noise = (k % 3) switch { 0 => NoiseLevel.Typical, 1 => NoiseLevel.High, _ => NoiseLevel.Low },
                    LossPercent = k % 2 == 0 ? 0 : 3 + seed % 5,
                };
            }
        // The unsafe variants: seeds 901–909 in the main suite, other seeds in a held-out one.
        yield return new ScenarioSpec { Exercise = "romanian-deadlift", Seed = seedBase + 801, Hazard = Hazard.Rounding, RateHz = 104 };
        yield return new ScenarioSpec { Exercise = "goblet-squat", Seed = seedBase + 802, Hazard = Hazard.Rounding, RateHz = 416, LossPercent = 4 };
        yield return new ScenarioSpec { Exercise = "hip-hinge-drill", Seed = seedBase + 803, Hazard = Hazard.Rounding, RateHz = 52, Noise = NoiseLevel.High };
        yield return new ScenarioSpec { Exercise = "back-extension", Seed = seedBase + 804, Hazard = Hazard.OverArching, RateHz = 200 };
        yield return new ScenarioSpec { Exercise = "back-extension", Seed = seedBase + 805, Hazard = Hazard.OverArching, RateHz = 833, LossPercent = 5 };
        yield return new ScenarioSpec { Exercise = "romanian-deadlift", Seed = seedBase + 806, Hazard = Hazard.Jumping, RateHz = 208 };
        yield return new ScenarioSpec { Exercise = "goblet-squat", Seed = seedBase + 807, Hazard = Hazard.Jumping, RateHz = 400, Noise = NoiseLevel.High };
        yield return new ScenarioSpec { Exercise = "russian-twist", Seed = seedBase + 808, RateHz = 200 };
        yield return new ScenarioSpec { Exercise = "russian-twist", Seed = seedBase + 809, RateHz = 100, LossPercent = 5 };
    }
}
