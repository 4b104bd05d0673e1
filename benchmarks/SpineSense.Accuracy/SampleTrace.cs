using System.Globalization;
using SpineSense.Motion.Analysis;
using SpineSense.Simulation;

namespace SpineSense.Accuracy;

/// <summary>
/// <c>--trace EXERCISE SEED RATE OUT.csv [NOISE] [HAZARD] [LOSS%]</c>: one recording's true and estimated angles per sample, for
/// looking at where the errors are (plot or grep it).
/// </summary>
public static class SampleTrace
{
    public static void Write(string exercise, int seed, double rateHz, string path,
        SpineSense.Simulation.Sensor.NoiseLevel noise = SpineSense.Simulation.Sensor.NoiseLevel.Typical,
        SpineSense.Simulation.Sessions.Hazard hazard = SpineSense.Simulation.Sessions.Hazard.None, double lossPercent = 0)
    {
        var spec = new ScenarioSpec { Exercise = exercise, Seed = seed, RateHz = rateHz, Noise = noise, Hazard = hazard,
            LossPercent = lossPercent };
        var rec = VirtualAthlete.Simulate(spec);
        // As in Evaluation: exercises outside the catalog (Russian twists) are analyzed as dead-bug floor work.
        string id = SpineSense.Motion.Exercises.ExerciseCatalog.TryGet(exercise, out _) ? exercise : "dead-bug";
        var analyzer = new LumbarAnalyzer(AnalyzerSettings.For(id, rec.Truth.Limits, spec.CalibrationS));
        var c = new Collector();
        foreach (var s in rec.Samples) analyzer.Process(s, c);
        analyzer.Finish(c);
        using var w = new StreamWriter(path);
        // exc_deg: the rep detector's excursion from its start; in_exc: 1 while an excursion is under way.
        // axial_*: the rotation alarm's estimated signed rate and the truth's |ω·superior| (1 kHz signal at the sample time).
        w.WriteLine("t,f_true,l_true,r_true,f,l,r,exc_deg,in_exc,up_y_deg,acc_y_deg,rate_dps,axial_dps,axial_true_dps,sag_deg,acc_sag_deg,acc_g");
        var ic = CultureInfo.InvariantCulture;
        for (int i = 0; i < c.Frames.Count; i++)
        {
            var f = c.Frames[i]; var t = rec.Truth.TrueAngles[i];
            w.WriteLine(string.Format(ic, "{0:F3},{1:F2},{2:F2},{3:F2},{4:F2},{5:F2},{6:F2},{7:F2},{8}", f.TimeS,
                t.FlexionDeg, t.LateralDeg, t.RotationDeg, f.Angles.FlexionDeg, f.Angles.LateralDeg, f.Angles.RotationDeg,
                f.ExcursionDeg, f.InExcursion ? 1 : 0) + string.Format(ic, ",{0:F2},{1:F2},{2:F2}",
                Math.Asin(Math.Clamp(f.UpBody.Y, -1, 1)) * 180 / Math.PI,
                Math.Asin(Math.Clamp(f.AccBodyG.Y / Math.Max(1e-9, f.AccBodyG.Norm), -1, 1)) * 180 / Math.PI, f.RateDps.Norm)
                + string.Format(ic, ",{0:F2},{1:F2},{2:F2},{3:F2},{4:F3}", f.AxialRateDps,
                    rec.Truth.Signals.AxialSpeedDps[Math.Clamp((int)Math.Round(f.TimeS * 1000), 0, rec.Truth.Signals.Length - 1)], f.SagittalDeg,
                    Math.Atan2(-f.AccBodyG.X, f.AccBodyG.Z) * 180 / Math.PI, f.AccBodyG.Norm));
        }
        foreach (var r in rec.Truth.Reps) w.WriteLine($"# true rep {r.Result}");
        foreach (var r in c.Reps) w.WriteLine($"# found rep {r}");
        foreach (var s in c.Sets) w.WriteLine($"# found set {s}");
        foreach (var h in rec.Truth.Holds) w.WriteLine($"# true hold {h.Result}");
        foreach (var h in c.Holds) w.WriteLine($"# found hold {h}");
        foreach (var a in rec.Truth.Alerts) w.WriteLine($"# true alert {a}");
        foreach (var a in c.Alerts) w.WriteLine($"# found alert {a}");
    }
}
