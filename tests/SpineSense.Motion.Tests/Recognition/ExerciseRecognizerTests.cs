using SpineSense.Motion.Analysis;
using SpineSense.Motion.Geometry;
using SpineSense.Motion.Results;
using SpineSense.Motion.Recognition;
using SpineSense.Simulation;
using SpineSense.Simulation.Sensor;
using SpineSense.Simulation.Sessions;

namespace SpineSense.Motion.Tests.Recognition;

public class ExerciseRecognizerTests
{
    private static Motion.Recognition.Recognition Recognize(ScenarioSpec spec) =>
        ExerciseRecognizer.Recognize(VirtualAthlete.Simulate(spec).Samples, spec.CalibrationS);

    [Fact]
    public void A_deep_hinge_whose_integrated_travel_reads_high_is_still_a_romanian_deadlift()
    {
        // A noisy 400 Hz sensor: double integration makes the hinge's ~0.1 m drop read about 0.3 m, which the
        // squat rule alone took for a squat's drop although the trunk tipped ~57°.
        var r = Recognize(new ScenarioSpec { Exercise = "romanian-deadlift", Seed = 5053, RateHz = 400, Noise = NoiseLevel.High });
        Assert.Equal("romanian-deadlift", r.ExerciseId);
        Assert.True(r.MeanAmplitudeDeg > 45, $"amplitude {r.MeanAmplitudeDeg:F0}°");
    }

    [Fact]
    public void A_goblet_squat_that_rounds_the_back_is_still_a_squat()
    {
        // Rounding tips the trunk past 45°, but the hips still drop a squat's 0.4–0.6 m.
        var r = Recognize(new ScenarioSpec { Exercise = "goblet-squat", Seed = 902, RateHz = 416, LossPercent = 4, Hazard = Hazard.Rounding });
        Assert.Equal("goblet-squat", r.ExerciseId);
        Assert.True(r.MeanTravelM > 0.4, $"travel {r.MeanTravelM:F2} m");
    }

    [Fact]
    public void Measures_an_excursion_whose_unwrapped_inclination_comes_back_a_full_turn_away_by_the_angle_itself()
    {
        // A 50° hinge whose unwrapped sagittal angle reads a full turn (360°) lower after a gap at the bottom, as the
        // analyzer's estimate can after a long packet-loss gap. No trunk turns half a turn in one rep: its range is 50°.
        // Recognize runs its sink only on whole recordings, so the sink is fed the frames the analyzer would send it.
        var sink = new ExerciseRecognizer.OutcomeSink();
        var up = new Vec3(0, 0, 1);
        for (double t = 0; t <= 4.0; t += 0.01)
        {
            bool inExcursion = t >= 1.0 && t < 3.0;
            double trueDeg = inExcursion ? 50 * Math.Sin(Math.PI * (t - 1.0) / 2.0) : 0;
            double sagDeg = t >= 2.0 ? trueDeg - 360 : trueDeg;
            sink.OnFrame(new MotionFrame(t, default, 0, 1, sagDeg, up, default, up, trueDeg, inExcursion));
        }
        sink.OnRepDetected(new RepResult());
        Assert.InRange(sink.AmplitudeSum, 49, 51);
    }
}
