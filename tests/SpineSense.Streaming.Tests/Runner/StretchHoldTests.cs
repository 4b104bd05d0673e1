using SpineSense.Motion.Results;
using SpineSense.Motion.Samples;
using SpineSense.Simulation.Truth;
using SpineSense.Streaming.Live;
using SpineSense.Streaming.Pipeline;
using SpineSense.Streaming.Plans;
using SpineSense.Streaming.Runner;

namespace SpineSense.Streaming.Tests.Runner;

/// <summary>
/// The seed's cool-down stretches on the virtual athlete, through the motion core and the runner as a live session
/// drives them: standing still before the stretch is not the stretch, and the stretch is timed.
/// </summary>
public sealed class StretchHoldTests
{
    // The hold's ends are judged to about ±0.5 s each (contract target); 1.5 s leaves room for the sway of the stretch.
    private const double DurationToleranceS = 1.5;

    private static WorkoutPlan OnePlan(string exerciseId) => new("stretch", "stretch",
        [new PlanStep(PlanPart.CoolDown, exerciseId, Sets: 1, Reps: null, 30, 40, EachSide: false, RestS: 30)]);

    /// <summary>Runs the samples through an <see cref="ExerciseAnalyzer"/> and a runner, in 19-sample packets.</summary>
    private static (WorkoutRunner Runner, List<SessionEvent> Events) Replay(WorkoutPlan plan, ImuSample[] samples,
        IReadOnlyList<double>? stepStartsS = null)
    {
        var events = new List<SessionEvent>();
        var runner = new WorkoutRunner(plan, events.Add);
        var analyzer = new ExerciseAnalyzer(plan.Steps[0].ExerciseId);
        runner.Start(samples[0].TimeS);
        for (int i = 0; i + 19 <= samples.Length && !runner.IsFinished; i += 19)
        {
            // The athlete's own "next" when the simulated athlete moved on (as the demo presses it).
            int target = runner.StepIndex;
            while (stepStartsS is not null && target + 1 < stepStartsS.Count && stepStartsS[target + 1] <= samples[i].TimeS) target++;
            runner.AdvanceTo(target, samples[i].TimeS);
            if (!runner.IsFinished && runner.CurrentStep.ExerciseId != analyzer.ExerciseId)
                foreach (var e in analyzer.SwitchTo(runner.CurrentStep.ExerciseId, samples[i].TimeS)) Dispatch(runner, e);
            var batch = new SampleBatch(samples[i..(i + 19)], i / 19, 0, false, 0);
            foreach (var e in analyzer.Analyze(batch).Events) Dispatch(runner, e);
            runner.Tick(samples[i + 18].TimeS);
            if (!runner.IsFinished && runner.CurrentStep.ExerciseId != analyzer.ExerciseId)
                foreach (var e in analyzer.SwitchTo(runner.CurrentStep.ExerciseId, samples[i + 18].TimeS)) Dispatch(runner, e);
        }
        if (!runner.IsFinished) foreach (var e in analyzer.Finish()) Dispatch(runner, e);
        return (runner, events);
    }

    private static void Dispatch(WorkoutRunner runner, MotionEventItem e)
    {
        switch (e.Kind)
        {
            case MotionEventKind.Hold: runner.OnHold(e.Hold); break;
            case MotionEventKind.Rep: runner.OnRep(e.Rep); break;
            case MotionEventKind.Set: runner.OnSetEnded(e.Set); break;
            case MotionEventKind.Alert: runner.OnAlert(e.Alert); break;
        }
    }

    private static HoldResult TrueHold(SimulatedWorkout w) => Assert.Single(w.Truths[0].Truth.Holds).Result;

    /// <summary>
    /// Where the found hold must lie against the simulator's truth. The hamstring stretch is its held hinge: both ends
    /// within <see cref="DurationToleranceS"/>. The hip-flexor stretch is the pelvis tuck held on one knee: untucking
    /// (the trunk's mean inclination moving 2.5° or more) ends it, so its end is within
    /// <see cref="UntuckToleranceS"/>; a tuck of less than 2.5° is not told from sway, and then the hold starts when
    /// the athlete settled on the knee, up to ≈ 6 s before the tuck (the script's pauses): its start may be up to
    /// <see cref="KneelingMarginS"/> early.
    /// </summary>
    private const double KneelingMarginS = 8, UntuckToleranceS = 3;

    private static void AssertMatches(string exerciseId, HoldResult truth, double foundStartS, double foundEndS)
    {
        double early = exerciseId == "hip-flexor-stretch" ? KneelingMarginS : DurationToleranceS;
        Assert.InRange(foundStartS, truth.StartS - early, truth.StartS + DurationToleranceS);
        Assert.InRange(foundEndS, truth.EndS - DurationToleranceS,
            truth.EndS + (exerciseId == "hip-flexor-stretch" ? UntuckToleranceS : DurationToleranceS));
        if (exerciseId != "hip-flexor-stretch")
            Assert.InRange(foundEndS - foundStartS, truth.DurationS - DurationToleranceS, truth.DurationS + DurationToleranceS);
    }

    [Theory]
    [InlineData("hip-flexor-stretch", 1)]
    [InlineData("hip-flexor-stretch", 2)]
    [InlineData("hip-flexor-stretch", 3)]
    [InlineData("hamstring-stretch", 1)]
    [InlineData("hamstring-stretch", 2)]
    [InlineData("hamstring-stretch", 3)]
    public void A_stretch_plan_is_not_finished_by_standing_still_but_by_the_stretch_held_for_its_time(string exerciseId, int seed)
    {
        var plan = OnePlan(exerciseId);
        var workout = SimulatedWorkout.For(plan, seed);
        var truth = Assert.Single(workout.Truths[0].Truth.Holds).Result;
        Assert.True(truth.StartS > 8, "the virtual athlete stands (calibration, waiting) before getting into the stretch");

        var (runner, events) = Replay(plan, workout.Samples);

        Assert.True(runner.IsFinished);
        var set = Assert.Single(runner.CompletedSets);
        Assert.True(set.TargetMet);
        // Standing still before the stretch is no hold: one hold, the stretch, and the plan ends with it.
        var hold = Assert.Single(events.OfType<HoldCompleted>()).Hold;
        AssertMatches(exerciseId, truth, hold.StartS, hold.EndS);
        Assert.Equal(hold.EndS, set.EndS, 6);
    }

    [Fact]
    public void In_the_beginner_routine_the_stretch_steps_end_when_the_athlete_has_done_the_stretches()
    {
        var plan = PlanCatalog.Beginner;
        var workout = SimulatedWorkout.For(plan, seed: 1);
        var (runner, _) = Replay(plan, workout.Samples, workout.StepStartsS);

        Assert.True(runner.Summary().Completed);
        foreach (string id in new[] { "hip-flexor-stretch", "hamstring-stretch" })
        {
            var truth = workout.Truths[0].Truth.Holds.Single(h => h.Exercise == id).Result;
            var set = runner.CompletedSets.Single(s => s.ExerciseId == id);
            Assert.Equal(1, set.Holds);
            AssertMatches(id, truth, set.StartS, set.EndS);
        }
    }
}
