using SpineSense.Simulation.Sensor;
using SpineSense.Simulation.Sessions;

namespace SpineSense.Simulation.Tests;

public class AccuracySuiteTests
{
    [Fact]
    public void Suite_spans_exercises_rates_noise_mountings_loss_and_hazards()
    {
        var cases = AccuracySuite.Cases();
        Assert.InRange(cases.Count, 30, 80);
        Assert.Equal(cases.Count, cases.Select(c => c.Name).Distinct().Count());
        foreach (var id in ExerciseLibrary.ContractIds) Assert.Contains(cases, c => c.Spec.Exercise == id);
        foreach (var rate in ScenarioSpec.SupportedRatesHz) Assert.Contains(cases, c => c.Spec.RateHz == rate);
        foreach (var noise in Enum.GetValues<NoiseLevel>()) Assert.Contains(cases, c => c.Spec.Noise == noise);
        Assert.Contains(cases, c => c.Spec.Mounting == Mounting.Nominal);
        Assert.Contains(cases, c => c.Spec.Mounting is null);
        Assert.Contains(cases, c => c.Spec.LossPercent >= 5);
        foreach (var hazard in new[] { Hazard.Rounding, Hazard.OverArching, Hazard.Jumping }) Assert.Contains(cases, c => c.Spec.Hazard == hazard);
        Assert.Contains(cases, c => c.Spec.Exercise == "russian-twist");
        Assert.Contains(cases, c => c.Spec.BeginnerRoutine);
        Assert.All(cases, c => c.Spec.Validate());
    }

    [Fact]
    public void Normal_scenarios_have_no_alerts_and_hazards_have_theirs()
    {
        // The two cheapest cases of each kind: an exercise done well, and its unsafe twin.
        var cases = AccuracySuite.Cases(includeRoutine: false);
        var calm = VirtualAthlete.Simulate(cases.First(c => c.Spec.Exercise == "hip-hinge-drill" && c.Spec.Hazard == Hazard.None).Spec);
        var rounded = VirtualAthlete.Simulate(cases.First(c => c.Spec.Exercise == "hip-hinge-drill" && c.Spec.Hazard == Hazard.Rounding).Spec);
        Assert.Empty(calm.Truth.Alerts);
        Assert.NotEmpty(rounded.Truth.Alerts);
    }
}
