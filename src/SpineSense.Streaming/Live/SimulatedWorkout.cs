using SpineSense.Motion.Samples;
using SpineSense.Simulation;
using SpineSense.Simulation.Sensor;
using SpineSense.Simulation.Truth;
using SpineSense.Streaming.Plans;

namespace SpineSense.Streaming.Live;

/// <summary>
/// A virtual athlete (SpineSense.Simulation) doing a plan: the samples its lumbar sensor produces, when it moves on to
/// each step, and the ground truth per part. The seed's beginner plan is the simulator's whole-session routine
/// (postures, transitions, rests with nuisance movement); any other plan is its steps simulated one by one and joined,
/// with one sensor mounting throughout.
/// </summary>
/// <param name="StepStartsS">When the athlete starts each plan step, seconds of sample time.</param>
/// <param name="Truths">Ground truth of each simulated part with its start time in the joined samples.</param>
public sealed record SimulatedWorkout(ImuSample[] Samples, IReadOnlyList<double> StepStartsS,
    IReadOnlyList<(double OffsetS, GroundTruth Truth)> Truths)
{
    /// <summary>Simulates <paramref name="plan"/> at <paramref name="rateHz"/> for <paramref name="seed"/> (deterministic).</summary>
    public static SimulatedWorkout For(WorkoutPlan plan, int seed, double rateHz = 200)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (IsBeginnerRoutine(plan))
        {
            var rec = VirtualAthlete.Simulate(new ScenarioSpec { BeginnerRoutine = true, Seed = seed, RateHz = rateHz });
            var starts = rec.Truth.LimitsByBlock?.Select(b => b.StartS).ToArray() ?? [0.0];
            return new SimulatedWorkout(rec.Samples, starts, [(0.0, rec.Truth)]);
        }
        var mounting = Mounting.Random(new Random(seed));
        var samples = new List<ImuSample>();
        var stepStarts = new List<double>();
        var truths = new List<(double, GroundTruth)>();
        double offsetS = 0;
        for (int i = 0; i < plan.Steps.Count; i++)
        {
            var step = plan.Steps[i];
            var rec = VirtualAthlete.Simulate(new ScenarioSpec
            {
                Exercise = step.ExerciseId,
                Sets = step.Sets,
                Reps = step.RepsPerSet,
                HoldS = step.HoldMaxS is double max && step.HoldMinS is double min ? (min + max) / 2 : null,
                RestS = step.RestS,
                Seed = unchecked(seed + 101 * i),
                RateHz = rateHz,
                Mounting = mounting,
            });
            stepStarts.Add(offsetS);
            truths.Add((offsetS, rec.Truth));
            double period = 1 / rateHz;
            foreach (var s in rec.Samples) samples.Add(s with { TimeS = s.TimeS + offsetS });
            offsetS = samples[^1].TimeS + period;
        }
        return new SimulatedWorkout(samples.ToArray(), stepStarts, truths);
    }

    /// <summary>True when the plan is the seed's beginner routine (built in or an identical file).</summary>
    public static bool IsBeginnerRoutine(WorkoutPlan plan)
    {
        var beginner = PlanCatalog.Beginner;
        if (plan.Steps.Count != beginner.Steps.Count) return false;
        for (int i = 0; i < plan.Steps.Count; i++)
            if (plan.Steps[i] != beginner.Steps[i]) return false;
        return true;
    }
}
