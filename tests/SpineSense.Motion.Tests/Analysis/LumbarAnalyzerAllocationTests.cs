using SpineSense.Motion.Analysis;
using SpineSense.Motion.Tests.Support;
using SpineSense.Simulation;
using SpineSense.Simulation.Sessions;

namespace SpineSense.Motion.Tests.Analysis;

/// <summary>The allocation promise of src/SpineSense.Motion/Analysis/LumbarAnalyzer.cs: nothing per sample.</summary>
public class LumbarAnalyzerAllocationTests
{
    // Whole simulated sessions, so every first-time path runs inside the measurement: the first rep (its tempo phases'
    // smoothing filter is designed then), the first set, alerts raised and ended, a hold, packet-loss gaps.
    [Theory]
    [InlineData("romanian-deadlift", Hazard.Rounding, 200, 2001, 1.0)] // reps, sets, flexion alerts, gaps
    [InlineData("side-plank", Hazard.None, 400, 1007, 0.0)]            // a hold
    [InlineData("clamshell", Hazard.None, 104, 1009, 2.0)]             // side-lying reps read from the accelerometer
    [InlineData("banded-walk", Hazard.None, 200, 1011, 0.0)]           // side steps: the stance they are measured from
    [InlineData("dead-bug", Hazard.None, 52, 1013, 3.0)]               // floor work through gaps, each side
    public void Allocates_only_its_attitude_filter_when_calibration_completes_and_nothing_for_any_other_sample(
        string exercise, Hazard hazard, double rateHz, int seed, double lossPercent)
    {
        var rec = VirtualAthlete.Simulate(new ScenarioSpec
        {
            Exercise = exercise, Hazard = hazard, RateHz = rateHz, Seed = seed, LossPercent = lossPercent, Sets = 2,
        });
        var settings = AnalyzerSettings.For(exercise, rec.Truth.Limits, rec.Spec.CalibrationS);
        // The paths under test run: reps or a hold are found, and the rounding hazard raises alerts.
        var found = RecordingSink.Run(settings, rec.Samples);
        Assert.True(found.Reps.Count + found.Holds.Count > 0, "neither a rep nor a hold was found");
        if (hazard == Hazard.Rounding) Assert.NotEmpty(found.Alerts);

        var measured = AllocationMeter.Analyzing(settings, rec.Samples);

        // Measured from the very first sample. The one allocation is the attitude filter (496 B today), built when the
        // calibration window completes because everything in it derives from the calibration (mount, gyro bias, the
        // accelerometer-error fit); the settings it reads are resolved when the analyzer is built. Before this test the
        // first completed rep also allocated 64 B (the tempo solver's filter design, a new 1-section array) and the
        // calibration end 128 B more (a default AttitudeSettings).
        Assert.Equal(measured.AttitudeFilterBytes, measured.CalibrationEndBytes);
        Assert.Equal(0, measured.OtherBytes);
    }
}
