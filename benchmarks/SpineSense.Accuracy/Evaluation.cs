using SpineSense.Motion.Analysis;
using SpineSense.Motion.Exercises;
using SpineSense.Motion.Recognition;
using SpineSense.Motion.Results;
using SpineSense.Simulation;

namespace SpineSense.Accuracy;

/// <summary>Collects the analyzer's output for one recording.</summary>
public sealed class Collector : MotionEventSink
{
    public List<MotionFrame> Frames { get; } = [];
    public List<RepResult> Reps { get; } = [];
    public List<SetResult> Sets { get; } = [];
    public List<HoldResult> Holds { get; } = [];
    public List<AlertEvent> Alerts { get; } = [];
    public override void OnFrame(in MotionFrame frame) => Frames.Add(frame);
    public override void OnRep(in RepResult rep) => Reps.Add(rep);
    public override void OnSet(in SetResult set) => Sets.Add(set);
    public override void OnHold(in HoldResult hold) => Holds.Add(hold);
    public override void OnAlert(in AlertEvent alert) => Alerts.Add(alert);
}

/// <summary>Errors of one recording against its ground truth; the report pools them.</summary>
public sealed class Evaluation
{
    public required string Name { get; init; }
    public required string Exercise { get; init; }
    public int TrueSets, SetsExact, SpuriousSets;
    public List<double> RepCountErrors { get; } = [];
    public List<double> PhaseErrorsS { get; } = [];
    public List<double> PeakErrorsDeg { get; } = [];
    public double SumSqFlex, SumSqLat, SumSqRot;
    public long AngleSamples;
    public int TrueAlerts, FoundAlerts, MatchedAlerts;
    public List<double> CrossingErrorsS { get; } = [];
    public List<double> HoldErrorsS { get; } = [];
    public int TrueHolds, MatchedHolds, FoundHolds;
    public bool? AutoRight;
    public string? AutoAnswer;
    public int TrueReps, FoundReps;

    public static Evaluation Run(ScenarioSpec spec, bool withAuto)
    {
        var rec = VirtualAthlete.Simulate(spec);
        var truth = rec.Truth;
        bool inCatalog = ExerciseCatalog.TryGet(spec.Exercise!, out _);
        // Russian twists are not a catalog exercise: analyze them as the floor work they resemble, for alerts.
        string id = inCatalog ? spec.Exercise! : "dead-bug";
        var limits = truth.Limits;
        var analyzer = new LumbarAnalyzer(AnalyzerSettings.For(id, limits, spec.CalibrationS));
        var c = new Collector();
        foreach (var s in rec.Samples) analyzer.Process(s, c);
        analyzer.Finish(c);

        var e = new Evaluation { Name = Describe(spec), Exercise = spec.Exercise! };
        for (int i = 0; i < c.Frames.Count && i < truth.TrueAngles.Length; i++)
        {
            var a = c.Frames[i].Angles; var t = truth.TrueAngles[i];
            e.SumSqFlex += Sq(Wrap(a.FlexionDeg - t.FlexionDeg));
            e.SumSqLat += Sq(Wrap(a.LateralDeg - t.LateralDeg));
            e.SumSqRot += Sq(Wrap(a.RotationDeg - t.RotationDeg));
            e.AngleSamples++;
        }
        if (inCatalog)
        {
            CompareSets(e, truth.Sets.Select(s => s.Result).ToList(), c.Sets);
            CompareReps(e, truth.Reps.Select(r => r.Result).ToList(), c.Reps);
            CompareHolds(e, truth.Holds.Select(h => h.Result).ToList(), c.Holds);
        }
        CompareAlerts(e, truth.Alerts.ToList(), c.Alerts);
        if (withAuto && inCatalog)
        {
            var r = ExerciseRecognizer.Recognize(rec.Samples, spec.CalibrationS);
            e.AutoAnswer = r.ExerciseId;
            e.AutoRight = e.AutoAnswer == spec.Exercise;
            if (e.AutoRight != true)
                e.AutoAnswer += $" ({r.Reps} reps, {r.MeanAmplitudeDeg:F0}°, {r.MeanTravelM:F2} m)";
        }
        return e;
    }

    private static double Sq(double x) => x * x;
    private static double Wrap(double d) => d - 360 * Math.Round(d / 360);

    private static string Describe(ScenarioSpec s) =>
        $"{s.Exercise} seed {s.Seed} {s.RateHz} Hz {s.Noise}{(s.LossPercent > 0 ? $" loss {s.LossPercent}%" : "")}{(s.Hazard != default ? " " + s.Hazard : "")}";

    private static double Overlap(double a0, double a1, double b0, double b1) => Math.Max(0, Math.Min(a1, b1) - Math.Max(a0, b0));

    private static void CompareSets(Evaluation e, List<SetResult> truth, List<SetResult> found)
    {
        var used = new bool[found.Count];
        foreach (var t in truth)
        {
            e.TrueSets++;
            int best = -1; double bestO = 0;
            for (int i = 0; i < found.Count; i++)
            {
                double o = Overlap(t.StartS, t.EndS, found[i].StartS, found[i].EndS);
                if (!used[i] && o > bestO) { bestO = o; best = i; }
            }
            if (best < 0) { e.RepCountErrors.Add(t.Reps); continue; }
            used[best] = true;
            e.RepCountErrors.Add(Math.Abs(found[best].Reps - t.Reps));
            if (found[best].Reps == t.Reps) e.SetsExact++;
        }
        for (int i = 0; i < found.Count; i++)
            if (!used[i]) { e.SpuriousSets++; e.RepCountErrors.Add(found[i].Reps); }
    }

    private static void CompareReps(Evaluation e, List<RepResult> truth, List<RepResult> found)
    {
        e.TrueReps += truth.Count;
        e.FoundReps += found.Count;
        var used = new bool[found.Count];
        foreach (var t in truth)
        {
            int best = -1; double bestO = 0;
            for (int i = 0; i < found.Count; i++)
            {
                double o = Overlap(t.StartS, t.EndS, found[i].StartS, found[i].EndS);
                if (!used[i] && o > bestO) { bestO = o; best = i; }
            }
            if (best < 0 || bestO < 0.5 * (t.EndS - t.StartS)) continue;
            used[best] = true;
            var f = found[best];
            e.PhaseErrorsS.Add(Math.Abs(f.EccentricS - t.EccentricS));
            e.PhaseErrorsS.Add(Math.Abs(f.BottomPauseS - t.BottomPauseS));
            e.PhaseErrorsS.Add(Math.Abs(f.ConcentricS - t.ConcentricS));
            e.PhaseErrorsS.Add(Math.Abs(f.TopPauseS - t.TopPauseS));
            e.PeakErrorsDeg.Add(Math.Abs(f.PeakFlexionDeg - t.PeakFlexionDeg));
        }
    }

    private static void CompareHolds(Evaluation e, List<HoldResult> truth, List<HoldResult> found)
    {
        e.FoundHolds += found.Count;
        var used = new bool[found.Count];
        foreach (var t in truth)
        {
            e.TrueHolds++;
            int best = -1; double bestO = 0;
            for (int i = 0; i < found.Count; i++)
            {
                double o = Overlap(t.StartS, t.EndS, found[i].StartS, found[i].EndS);
                if (!used[i] && o > bestO) { bestO = o; best = i; }
            }
            if (best < 0) continue;
            used[best] = true;
            e.MatchedHolds++;
            e.HoldErrorsS.Add(Math.Abs(found[best].DurationS - t.DurationS));
        }
    }

    private static void CompareAlerts(Evaluation e, List<AlertEvent> truth, List<AlertEvent> found)
    {
        e.TrueAlerts += truth.Count;
        e.FoundAlerts += found.Count;
        var used = new bool[found.Count];
        foreach (var t in truth)
        {
            int best = -1; double bestD = 0.5;
            for (int i = 0; i < found.Count; i++)
            {
                double d = Math.Abs(found[i].TimeS - t.TimeS);
                if (!used[i] && found[i].Kind == t.Kind && d <= bestD) { bestD = d; best = i; }
            }
            if (best < 0) continue;
            used[best] = true;
            e.MatchedAlerts++;
            e.CrossingErrorsS.Add(bestD);
        }
    }
}
