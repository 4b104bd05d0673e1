using SpineSense.Streaming.Plans;

namespace SpineSense.Streaming.Tests.Plans;

public sealed class PlanCatalogTests
{
    [Fact]
    public void Beginner_plan_is_the_seed_routine_in_order()
    {
        var plan = PlanCatalog.Load("beginner");
        Assert.Equal(
            ["cat-cow", "banded-walk", "hip-hinge-drill", "glute-bridge", "bird-dog", "goblet-squat",
             "romanian-deadlift", "side-plank", "back-extension", "hip-flexor-stretch", "hamstring-stretch"],
            plan.Steps.Select(s => s.ExerciseId));
        Assert.Equal([PlanPart.WarmUp, PlanPart.WarmUp, PlanPart.WarmUp], plan.Steps.Take(3).Select(s => s.Part));
        Assert.Equal([PlanPart.CoolDown, PlanPart.CoolDown], plan.Steps.TakeLast(2).Select(s => s.Part));
    }

    [Fact]
    public void Beginner_plan_has_the_seed_sets_reps_and_holds()
    {
        var steps = PlanCatalog.Beginner.Steps.ToDictionary(s => s.ExerciseId);
        Assert.Equal((1, 10), (steps["cat-cow"].Sets, steps["cat-cow"].RepsPerSet!.Value));
        Assert.Equal(20, steps["banded-walk"].RepsPerSet);
        Assert.Equal((3, 12), (steps["glute-bridge"].Sets, steps["glute-bridge"].RepsPerSet!.Value));
        // "3 × 10 each side": the contract counts every excursion, so 20 per set.
        Assert.Equal(20, steps["bird-dog"].RepsPerSet);
        var plank = steps["side-plank"];
        Assert.True(plank.IsHold);
        Assert.Equal((3, 2, 20.0, 30.0), (plank.Sets, plank.HoldsPerSet, plank.HoldMinS!.Value, plank.HoldMaxS!.Value));
        Assert.Equal((30.0, 40.0), (steps["hamstring-stretch"].HoldMinS!.Value, steps["hamstring-stretch"].HoldMaxS!.Value));
        Assert.Equal(1 + 1 + 1 + 3 * 6 + 1 + 1, PlanCatalog.Beginner.TotalSets);
    }

    [Fact]
    public void Unknown_plan_name_lists_the_built_in_plans()
    {
        var e = Assert.Throws<PlanException>(() => PlanCatalog.Load("advanced-olympic"));
        Assert.Contains("beginner", e.Message);
        Assert.Contains("advanced-olympic", e.Message);
    }

    [Fact]
    public void Loads_a_plan_from_a_json_file()
    {
        string path = Path.Combine(Path.GetTempPath(), $"plan-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, """
            { "name": "rdl-only", "steps": [ { "exercise": "romanian-deadlift", "sets": 2, "reps": 8, "restS": 30 } ] }
            """);
        try
        {
            var plan = PlanCatalog.Load(path);
            Assert.Equal("rdl-only", plan.Name);
            var step = Assert.Single(plan.Steps);
            Assert.Equal((PlanPart.Main, 2, 8, 30.0), (step.Part, step.Sets, step.Reps!.Value, step.RestS));
        }
        finally { File.Delete(path); }
    }

    [Theory]
    [InlineData("""{ "name": "x", "steps": [] }""", "non-empty")]
    [InlineData("""{ "name": "x", "steps": [ { "exercise": "glute-bridge", "sets": 3 } ] }""", "either")]
    [InlineData("""{ "name": "x", "steps": [ { "exercise": "glute-bridge", "reps": 10, "holdMinS": 5 } ] }""", "either")]
    [InlineData("""{ "name": "x", "steps": [ { "exercise": "glute-bridge", "reps": 2.5 } ] }""", "whole number")]
    [InlineData("""{ "name": "x", "steps": [ { "exercise": "side-plank", "holdMinS": 30, "holdMaxS": 20 } ] }""", "holdMaxS")]
    [InlineData("""{ "name": "x", "steps": [ { "exercise": "cat-cow", "reps": 5, "part": "middle" } ] }""", "part")]
    [InlineData("""{ "steps": [ { "exercise": "cat-cow", "reps": 5 } ] }""", "name")]
    [InlineData("""{ "name": "x", "steps": [ { "exercise": "cat-cow", "reps": 5 }""", "JSON")]
    public void Rejects_malformed_plans_with_a_message_naming_the_problem(string json, string expected)
    {
        var e = Assert.Throws<PlanException>(() => PlanJson.Parse(json, "my-plan.json"));
        Assert.StartsWith("my-plan.json", e.Message);
        Assert.Contains(expected, e.Message);
    }

    [Theory]
    // A physio's typo must not silently change the plan: "rest" would be 60 s, "eachside" one side, "yes" one side,
    // 2.5 sets two; an exercise the runner does not know was only refused later, without the file or line.
    [InlineData("""{ "exercise": "romanian-deadlift", "sets": 3, "reps": 8, "rest": 90 }""", "unknown property \"rest\"")]
    [InlineData("""{ "exercise": "bird-dog", "sets": 3, "reps": 10, "eachside": true }""", "unknown property \"eachside\"")]
    [InlineData("""{ "exercise": "bird-dog", "sets": 3, "reps": 10, "eachSide": "yes" }""", "\"eachSide\" must be true or false")]
    [InlineData("""{ "exercise": "glute-bridge", "sets": 2.5, "reps": 10 }""", "\"sets\" must be a whole number")]
    [InlineData("""{ "exercise": "squat-jump", "sets": 3, "reps": 8 }""", "unknown exercise 'squat-jump'; known: cat-cow")]
    public void A_bad_step_is_refused_naming_the_file_and_the_line_it_starts_on(string badStep, string expected)
    {
        string json = "{ \"name\": \"x\",\n  \"steps\": [\n    { \"exercise\": \"cat-cow\", \"reps\": 5, \"note\": \"slowly\" },\n"
            + "    // the hinge\n    " + badStep + "\n  ]\n}\n";
        var e = Assert.Throws<PlanException>(() => PlanJson.Parse(json, "my-plan.json"));
        Assert.StartsWith("my-plan.json:5: step 2", e.Message);
        Assert.Contains(expected, e.Message);
        Assert.DoesNotContain("auto", e.Message); // analyze's --exercise auto is no plan exercise
    }

    [Fact]
    public void Missing_plan_file_is_a_plan_exception()
    {
        var e = Assert.Throws<PlanException>(() => PlanCatalog.Load("/nonexistent/dir/plan.json"));
        Assert.Contains("/nonexistent/dir/plan.json", e.Message);
    }
}
