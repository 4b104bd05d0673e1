using SpineSense.Motion.Samples;
using SpineSense.Streaming.Pipeline;
using SpineSense.Streaming.Tests.Support;

namespace SpineSense.Streaming.Tests.Pipeline;

public sealed class ExerciseAnalyzerTests
{
    private static SampleBatch Batch(ImuSample[] all, int from, int count) => new(all[from..(from + count)], from / count, 0, false, 0);

    private static List<double> Flexion(ExerciseAnalyzer analyzer, ImuSample[] samples, int from, int to)
    {
        var flexion = new List<double>();
        for (int i = from; i + 19 <= to; i += 19)
            foreach (var a in analyzer.Analyze(Batch(samples, i, 19)).Angles) flexion.Add(a.FlexionDeg);
        return flexion;
    }

    [Fact]
    public void Angles_are_nan_while_calibrating_then_follow_the_known_flexion()
    {
        var samples = SyntheticAthlete.HingeSets(sets: 1, reps: 2, depthDeg: 60, standS: 4, tailS: 2);
        var analyzer = new ExerciseAnalyzer("romanian-deadlift");
        var flexion = Flexion(analyzer, samples, 0, samples.Length);
        Assert.True(double.IsNaN(flexion[0]));
        Assert.InRange(flexion.Where(f => !double.IsNaN(f)).Max(), 57, 63); // the synthetic hinge goes to 60°
    }

    [Fact]
    public void Switching_exercise_keeps_the_session_calibration_and_tracks_the_posture_at_once()
    {
        // Stand 4 s, then hold 60° of flexion (e.g. bent over), switch exercise while bent, keep holding, then stand up.
        var flexionDeg = new List<double>();
        for (int i = 0; i < 4 * 200; i++) flexionDeg.Add(0);
        for (int i = 0; i < 200; i++) flexionDeg.Add(60.0 * i / 200);
        for (int i = 0; i < 6 * 200; i++) flexionDeg.Add(60);
        for (int i = 0; i < 200; i++) flexionDeg.Add(60 - 60.0 * i / 200);
        for (int i = 0; i < 3 * 200; i++) flexionDeg.Add(0);
        var samples = SyntheticAthlete.FromFlexion(flexionDeg);
        var analyzer = new ExerciseAnalyzer("romanian-deadlift");
        int switchAt = 6 * 200 - (6 * 200) % 19;
        Flexion(analyzer, samples, 0, switchAt);
        analyzer.SwitchTo("goblet-squat", samples[switchAt - 1].TimeS);
        Assert.Equal("goblet-squat", analyzer.ExerciseId);
        Assert.Equal(60, analyzer.Limits.MaxFlexionDeg); // the goblet squat's default limit is now in force
        var after = Flexion(analyzer, samples, switchAt, samples.Length);
        Assert.DoesNotContain(after, double.IsNaN);           // no second calibration: the session's window was replayed
        Assert.InRange(after[200], 50, 65);                  // within 1 s it reads the held 60°
        Assert.InRange(after[^1], -3, 3);                    // and back to neutral at the end
    }

    [Fact]
    public void Switching_exercise_while_on_all_fours_continues_the_angle_and_raises_no_alert_getting_up()
    {
        // Stand 4 s, go down to all fours (90°) and stay 8 s, the plan moves on to a standing exercise (limit 60°)
        // while the athlete is still down, then they get up. Getting up is not an excursion past the new limit.
        var flexionDeg = new List<double>();
        for (int i = 0; i < 4 * 200; i++) flexionDeg.Add(0);
        for (int i = 0; i < 400; i++) flexionDeg.Add(90.0 * i / 400);
        for (int i = 0; i < 8 * 200; i++) flexionDeg.Add(90);
        for (int i = 0; i < 400; i++) flexionDeg.Add(90 - 90.0 * i / 400);
        for (int i = 0; i < 4 * 200; i++) flexionDeg.Add(0);
        var samples = SyntheticAthlete.FromFlexion(flexionDeg);
        var analyzer = new ExerciseAnalyzer("cat-cow");
        int switchAt = 10 * 200 - (10 * 200) % 19;
        Flexion(analyzer, samples, 0, switchAt);
        analyzer.SwitchTo("goblet-squat", samples[switchAt - 1].TimeS);
        Assert.Equal(60, analyzer.Limits.MaxFlexionDeg);

        var after = new List<double>();
        var events = new List<MotionEventItem>();
        for (int i = switchAt; i + 19 <= samples.Length; i += 19)
        {
            var analyzed = analyzer.Analyze(Batch(samples, i, 19));
            foreach (var a in analyzed.Angles) after.Add(a.FlexionDeg);
            events.AddRange(analyzed.Events);
        }
        Assert.InRange(after[0], 85, 95);      // continues at the posture, not from neutral
        Assert.InRange(after[^1], -3, 3);
        Assert.DoesNotContain(events, e => e.Kind is MotionEventKind.AlertRaised or MotionEventKind.Alert);
    }

    [Fact]
    public void Unknown_exercises_are_refused_and_the_seed_stretches_are_holds()
    {
        Assert.Throws<ArgumentException>(() => new ExerciseAnalyzer("toe-touch-marathon"));
        Assert.True(ExerciseProfiles.Get("hamstring-stretch").IsHold);
        Assert.True(ExerciseProfiles.Get("hip-flexor-stretch").IsHold);
    }

    [Fact]
    public void A_kneel_made_before_the_stretch_step_starts_carries_into_it()
    {
        // Stand 6 s, get down to one knee with the trunk upright (the sensor 0.35 m lower over 2 s, minimum jerk) at 6 s
        // while the back extension is still the exercise, and stay there; the plan moves on to the hip-flexor stretch at
        // 14 s. A change of exercise is not a change of posture: the athlete is still on the knee, and holds the stretch.
        const double kneelAtS = 6, kneelS = 2, dropM = 0.35, switchAtS = 14, endS = 50;
        int n = (int)(endS * SyntheticAthlete.RateHz);
        var flexionDeg = new double[n];
        var upAccG = new double[n];
        for (int i = 0; i < n; i++)
        {
            double u = (i / SyntheticAthlete.RateHz - kneelAtS) / kneelS;
            flexionDeg[i] = 0.5 * Math.Sin(2 * Math.PI * 0.3 * i / SyntheticAthlete.RateHz); // standing sway
            if (u is > 0 and < 1) upAccG[i] = -dropM * (60 * u - 180 * u * u + 120 * u * u * u) / (kneelS * kneelS) / 9.80665;
        }
        var samples = SyntheticAthlete.FromFlexion(flexionDeg, upAccG);
        var analyzer = new ExerciseAnalyzer("back-extension");
        int switchAt = (int)(switchAtS * SyntheticAthlete.RateHz);
        switchAt -= switchAt % 19;
        var events = new List<MotionEventItem>();
        for (int i = 0; i + 19 <= switchAt; i += 19) events.AddRange(analyzer.Analyze(Batch(samples, i, 19)).Events);
        events.AddRange(analyzer.SwitchTo("hip-flexor-stretch", samples[switchAt - 1].TimeS));
        for (int i = switchAt; i + 19 <= samples.Length; i += 19) events.AddRange(analyzer.Analyze(Batch(samples, i, 19)).Events);
        events.AddRange(analyzer.Finish());

        var hold = Assert.Single(events, e => e.Kind == MotionEventKind.Hold).Hold;
        double switchedS = samples[switchAt].TimeS;
        Assert.InRange(hold.StartS, switchedS, switchedS + 1);          // held from the switch on (the stretch's own step)
        Assert.InRange(hold.EndS, endS - 0.5, endS);
    }
}
