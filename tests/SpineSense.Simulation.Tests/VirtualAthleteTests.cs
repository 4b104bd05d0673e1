using SpineSense.Motion.Results;
using SpineSense.Simulation.Sessions;
using SpineSense.Simulation.Truth;

namespace SpineSense.Simulation.Tests;

public class VirtualAthleteTests
{
    public static TheoryData<string> ContractExercises() => new(ExerciseLibrary.ContractIds);

    [Theory]
    [MemberData(nameof(ContractExercises))]
    public void Every_contract_exercise_yields_the_planned_sets_reps_or_holds(string exercise)
    {
        var rec = Scenarios.Get(new ScenarioSpec { Exercise = exercise, Sets = 2, Reps = 4, HoldS = 10, RestS = 25, RateHz = 52, Seed = 3 });
        var truth = rec.Truth;
        if (ExerciseLibrary.Get(exercise).IsHold)
        {
            Assert.Empty(truth.Reps);
            Assert.Equal(4, truth.Holds.Count); // 2 sets × each side
            Assert.All(truth.Holds, h => Assert.InRange(h.Result.DurationS, 10, 10.6));
            return;
        }
        Assert.Equal(2, truth.Sets.Count);
        Assert.All(truth.Sets, s => Assert.Equal(4, s.Result.Reps));
        Assert.All(truth.Reps, r =>
        {
            var p = r.Result;
            Assert.InRange(p.EccentricS, 0.15, 4);
            Assert.InRange(p.ConcentricS, 0.15, 4);
            Assert.Equal(p.EndS - p.StartS, p.EccentricS + p.BottomPauseS + p.ConcentricS, 1e-9);
        });
        // Top pause is the gap to the next rep's start, 0 after the last rep of a set.
        for (int i = 0; i + 1 < truth.Reps.Count; i++)
        {
            var a = truth.Reps[i].Result; var b = truth.Reps[i + 1].Result;
            if (a.Set == b.Set) Assert.Equal(b.StartS - a.EndS, a.TopPauseS, 1e-9);
            else Assert.Equal(0, a.TopPauseS);
        }
        Assert.True(truth.Sets[1].Result.StartS - truth.Sets[0].Result.EndS >= TruthBuilder.SetGapS);
        Assert.Equal(rec.Samples.Length, truth.TrueAngles.Length);
    }

    [Fact]
    public void Same_seed_gives_the_same_recording_and_another_seed_does_not()
    {
        var spec = new ScenarioSpec { Exercise = "glute-bridge", Sets = 1, Reps = 3, RateHz = 100, Seed = 42, LossPercent = 5 };
        var a = VirtualAthlete.Simulate(spec);
        var b = VirtualAthlete.Simulate(spec);
        Assert.Equal(a.Samples, b.Samples);
        Assert.Equal(TruthJson.ToJson(a), TruthJson.ToJson(b));
        var c = VirtualAthlete.Simulate(spec with { Seed = 43 });
        Assert.NotEqual(a.Samples.Take(500), c.Samples.Take(500));
    }

    [Fact]
    public void Noise_level_changes_the_sensor_but_not_the_movement()
    {
        var low = VirtualAthlete.Simulate(new ScenarioSpec { Exercise = "hip-hinge-drill", Sets = 1, Reps = 3, Seed = 9, Noise = SpineSense.Simulation.Sensor.NoiseLevel.Low });
        var high = VirtualAthlete.Simulate(new ScenarioSpec { Exercise = "hip-hinge-drill", Sets = 1, Reps = 3, Seed = 9, Noise = SpineSense.Simulation.Sensor.NoiseLevel.High });
        Assert.Equal(low.Truth.Reps.Select(r => r.Result.StartS), high.Truth.Reps.Select(r => r.Result.StartS));
        Assert.NotEqual(low.Samples[100], high.Samples[100]);
    }

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    public void Rests_are_full_of_movement_that_is_not_a_rep(int seed)
    {
        var rec = Scenarios.Get(new ScenarioSpec { Exercise = "romanian-deadlift", Sets = 3, Reps = 4, RestS = 60, RateHz = 100, Seed = seed });
        var sets = rec.Truth.Sets;
        Assert.Equal(3, sets.Count);
        for (int i = 0; i + 1 < sets.Count; i++)
        {
            double from = sets[i].Result.EndS + 1, to = sets[i + 1].Result.StartS - 1;
            Assert.DoesNotContain(rec.Truth.Reps, r => r.Result.StartS > from && r.Result.StartS < to);
            var rest = rec.CleanSamples.Where(s => s.TimeS > from && s.TimeS < to).ToArray();
            double peakGyro = rest.Max(s => Math.Sqrt(s.GyrXDps * s.GyrXDps + s.GyrYDps * s.GyrYDps + s.GyrZDps * s.GyrZDps));
            double peakAcc = rest.Max(s => Math.Abs(Math.Sqrt(s.AccXG * s.AccXG + s.AccYG * s.AccYG + s.AccZG * s.AccZG) - 1));
            Assert.True(peakGyro > 15, $"rest {i + 1} only reached {peakGyro:F1} dps: too quiet to be real");
            Assert.True(peakAcc > 0.05, $"rest {i + 1} only reached {peakAcc:F3} g of dynamic acceleration");
        }
    }

    [Fact]
    public void Rounding_hazard_raises_flexion_alerts_at_the_crossing()
    {
        var rec = Scenarios.Get(new ScenarioSpec { Exercise = "romanian-deadlift", Sets = 2, Reps = 8, RestS = 30, Seed = 4, Hazard = Hazard.Rounding });
        var flexion = rec.Truth.Alerts.Where(a => a.Kind == AlertKind.Flexion).ToList();
        Assert.NotEmpty(flexion);
        double limit = rec.Truth.Limits.MaxFlexionDeg!.Value;
        foreach (var a in flexion)
        {
            Assert.True(a.Value > limit);
            Assert.Equal(limit, rec.Truth.Signals.FlexionDeg[(int)Math.Round(a.TimeS * 1000)], 0.5);
            Assert.Contains(rec.Truth.Reps, r => r.Result.Flags.HasFlag(AlertKind.Flexion) && r.Result.StartS <= a.TimeS && a.TimeS <= r.Result.EndS);
        }
        var safe = Scenarios.Get(new ScenarioSpec { Exercise = "romanian-deadlift", Sets = 2, Reps = 8, RestS = 30, Seed = 4 });
        Assert.DoesNotContain(safe.Truth.Alerts, a => a.Kind == AlertKind.Flexion);
    }

    [Fact]
    public void Over_arching_hazard_raises_extension_alerts()
    {
        var rec = Scenarios.Get(new ScenarioSpec { Exercise = "back-extension", Sets = 2, Reps = 8, RestS = 30, Seed = 4, Hazard = Hazard.OverArching });
        Assert.Contains(rec.Truth.Alerts, a => a.Kind == AlertKind.Extension);
    }

    [Fact]
    public void Russian_twists_raise_rotation_alerts_during_the_twisting()
    {
        var rec = Scenarios.Get(new ScenarioSpec { Exercise = "russian-twist", Sets = 2, Reps = 10, RestS = 30, Seed = 4 });
        var rotation = rec.Truth.Alerts.Where(a => a.Kind == AlertKind.Rotation).ToList();
        // Continuous side-to-side twisting dips below the limit only briefly at each turn-around, so a bout is
        // usually one excursion (the 0.3 s merge rule); every set has at least one, and none fall in the rest.
        foreach (var set in rec.Truth.Sets)
            Assert.Contains(rotation, a => a.TimeS >= set.Result.StartS && a.TimeS <= set.Result.EndS);
        Assert.All(rotation, a => Assert.Contains(rec.Truth.Sets, s => a.TimeS >= s.Result.StartS && a.TimeS <= s.Result.EndS));
        Assert.All(rotation, a => Assert.True(a.Value > 150));
        Assert.Equal(20, rec.Truth.Reps.Count);
    }

    [Fact]
    public void True_angles_are_near_zero_during_the_calibration_stand()
    {
        var rec = Scenarios.TypicalRdl;
        for (int i = 0; rec.Samples[i].TimeS < rec.Spec.CalibrationS; i++)
        {
            Assert.InRange(rec.Truth.TrueAngles[i].FlexionDeg, -2, 2);
            Assert.InRange(rec.Truth.TrueAngles[i].LateralDeg, -2, 2);
            Assert.InRange(rec.Truth.TrueAngles[i].RotationDeg, -2, 2);
        }
    }

    [Fact]
    public void Rejects_bad_specs_naming_the_field()
    {
        Assert.Contains("rate", Assert.Throws<ArgumentException>(() => VirtualAthlete.Simulate(new ScenarioSpec { Exercise = "cat-cow", RateHz = 50 })).Message);
        Assert.Contains("unknown exercise", Assert.Throws<ArgumentException>(() => VirtualAthlete.Simulate(new ScenarioSpec { Exercise = "sit-up" })).Message);
        Assert.Throws<ArgumentException>(() => VirtualAthlete.Simulate(new ScenarioSpec()));
        Assert.Contains("rest", Assert.Throws<ArgumentException>(() => VirtualAthlete.Simulate(new ScenarioSpec { Exercise = "cat-cow", RestS = 10 })).Message);
    }
}
