using SpineSense.Motion.Samples;
using SpineSense.Simulation;
using SpineSense.Streaming.Plans;

namespace SpineSense.Server.Live;

/// <summary>
/// The virtual athlete (SpineSense.Simulation) performing a plan, as samples for the simulated sensor link.
/// It can do the seed's beginner routine or any single-exercise plan (sets × reps of one exercise).
/// </summary>
public static class SimulatedAthlete
{
    /// <exception cref="PlanException">A multi-exercise plan other than the beginner routine.</exception>
    public static ReadOnlyMemory<ImuSample> Samples(WorkoutPlan plan, int seed)
    {
        ScenarioSpec spec;
        if (plan.Name == PlanCatalog.DefaultName) spec = new ScenarioSpec { BeginnerRoutine = true, Seed = seed };
        else if (plan.Steps.Count == 1)
        {
            var step = plan.Steps[0];
            spec = new ScenarioSpec
            {
                Exercise = step.ExerciseId,
                Sets = step.Sets,
                Reps = step.RepsPerSet,
                HoldS = step.IsHold ? step.HoldMaxS : null,
                RestS = Math.Max(20, step.RestS),
                Seed = seed,
            };
        }
        else throw new PlanException($"the simulated athlete performs the '{PlanCatalog.DefaultName}' routine or single-exercise plans, not '{plan.Name}'");
        return VirtualAthlete.Simulate(spec).Samples;
    }
}
