using System.Globalization;
using System.Text;
using SpineSense.Motion.Analysis;
using SpineSense.Motion.Exercises;
using SpineSense.Motion.Results;
using SpineSense.Simulation;

namespace SpineSense.Accuracy;

/// <summary>
/// <c>--alert-census PER_EXERCISE BASE[,BASE...] OUT.md</c>: every false and every missed alert of the suites, with
/// what the truth was at that moment and a first guess at the mechanism, for finding which alert rules fail. Alerts are
/// matched exactly as the report scores them (by kind, within 0.5 s, truth in time order); this only explains them.
/// </summary>
public static class AlertCensus
{
    private const double MatchS = 0.5;

    public static void Write(int perExercise, IEnumerable<int> bases, string path)
    {
        var sb = new StringBuilder();
        sb.AppendLine("| base | recording | what | kind | t_s | value/limit | truth then (peak ±0.5 s) | est − true flex ° | heading err ° | tilt err ° | roll ° | gap ≤3 s before | nearest other | mechanism |");
        sb.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        int fp = 0, fn = 0;
        var mechanisms = new Dictionary<string, int>();
        var totals = new List<string>();
        foreach (int b in bases)
        {
            var specs = Scenarios.All(perExercise, b).ToList();
            var rows = new List<string>[specs.Count];
            var counts = new (int True, int Found, int Matched)[specs.Count];
            Parallel.For(0, specs.Count, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i =>
            {
                rows[i] = Rows(b, specs[i], out counts[i]);
                Console.Error.WriteLine($"  census {b} {specs[i].Exercise} {specs[i].Seed}");
            });
            int tr = counts.Sum(x => x.True), fo = counts.Sum(x => x.Found), ma = counts.Sum(x => x.Matched);
            totals.Add($"base {b}: precision {(double)ma / fo:F3} ({ma}/{fo}), recall {(double)ma / tr:F3} ({ma}/{tr})");
            foreach (var r in rows)
                foreach (string row in r)
                {
                    sb.AppendLine(row);
                    if (row.Contains("| false |", StringComparison.Ordinal)) fp++; else fn++;
                    string mech = row.Split('|')[^2].Trim().Split(' ')[0];
                    mechanisms[mech] = mechanisms.GetValueOrDefault(mech) + 1;
                }
        }
        sb.AppendLine();
        sb.AppendLine($"false {fp}, missed {fn}; by mechanism: " +
            string.Join(", ", mechanisms.OrderByDescending(kv => kv.Value).Select(kv => $"{kv.Key} {kv.Value}")));
        foreach (string t in totals) sb.AppendLine(t);
        File.WriteAllText(path, sb.ToString(), new UTF8Encoding(false));
        Console.WriteLine(sb.ToString());
    }

    private static List<string> Rows(int seedBase, ScenarioSpec spec, out (int True, int Found, int Matched) counts)
    {
        var rec = VirtualAthlete.Simulate(spec);
        var truth = rec.Truth;
        string id = ExerciseCatalog.TryGet(spec.Exercise!, out _) ? spec.Exercise! : "dead-bug";
        var analyzer = new LumbarAnalyzer(AnalyzerSettings.For(id, truth.Limits, spec.CalibrationS));
        var c = new Collector();
        foreach (var s in rec.Samples) analyzer.Process(s, c);
        analyzer.Finish(c);

        var trueAlerts = truth.Alerts.ToList();
        var found = c.Alerts;
        // The report's matching: each true alert, in time order, takes the nearest unused found alert of its kind.
        var foundFor = new int[trueAlerts.Count];
        var trueFor = Enumerable.Repeat(-1, found.Count).ToArray();
        for (int t = 0; t < trueAlerts.Count; t++)
        {
            int best = -1; double bestD = MatchS;
            for (int i = 0; i < found.Count; i++)
            {
                double d = Math.Abs(found[i].TimeS - trueAlerts[t].TimeS);
                if (trueFor[i] < 0 && found[i].Kind == trueAlerts[t].Kind && d <= bestD) { bestD = d; best = i; }
            }
            foundFor[t] = best;
            if (best >= 0) trueFor[best] = t;
        }

        counts = (trueAlerts.Count, found.Count, trueFor.Count(t => t >= 0));
        string name = $"{spec.Exercise} {spec.Seed} {spec.RateHz} Hz {spec.Noise}" +
            (spec.LossPercent > 0 ? $" loss {spec.LossPercent}%" : "") + (spec.Hazard != default ? " " + spec.Hazard : "");
        var rows = new List<string>();
        // Found alerts no true one took are false; true alerts no found one took are missed: the same listing, mirrored.
        AddUnmatched(found, trueFor, trueAlerts, foundFor, isFalse: true);
        AddUnmatched(trueAlerts, foundFor, found, trueFor, isFalse: false);
        return rows;

        void AddUnmatched(IReadOnlyList<AlertEvent> side, int[] sideMatch, IReadOnlyList<AlertEvent> other, int[] otherMatch,
            bool isFalse)
        {
            for (int i = 0; i < side.Count; i++)
            {
                if (sideMatch[i] >= 0) continue;
                var a = side[i];
                int near = Nearest(other, a.Kind, a.TimeS);
                double nearDtS = near < 0 ? double.NaN : other[near].TimeS - a.TimeS;
                string otherText = near < 0 ? "none"
                    : $"{(isFalse ? "true" : "found")} {nearDtS:+0.00;-0.00} s ({(otherMatch[near] >= 0 ? "matched" : "unmatched")})";
                string mech = Mechanism(rec, c, a, isFalse, nearDtS, near >= 0 && otherMatch[near] >= 0);
                rows.Add(Row(seedBase, name, isFalse ? "false" : "missed", rec, c, a, otherText, mech));
            }
        }
    }

    private static int Nearest(IReadOnlyList<AlertEvent> alerts, AlertKind kind, double timeS)
    {
        int best = -1; double bestD = double.PositiveInfinity;
        for (int i = 0; i < alerts.Count; i++)
        {
            double d = Math.Abs(alerts[i].TimeS - timeS);
            if (alerts[i].Kind == kind && d < bestD) { bestD = d; best = i; }
        }
        return best;
    }

    private static string Row(int seedBase, string name, string what, SimulatedRecording rec, Collector c, AlertEvent a,
        string other, string mech)
    {
        var ic = CultureInfo.InvariantCulture;
        double now = TruthAt(rec, a.Kind, a.TimeS), peak = TruthPeak(rec, a.Kind, a.TimeS - 0.5, a.TimeS + 0.5);
        int k = FrameAt(c, a.TimeS);
        var f = c.Frames[k];
        var tr = rec.Truth.TrueAngles[k];
        var (headingErr, tiltErr) = OrientationError(f.Angles, tr);
        double roll = Math.Asin(Math.Clamp(f.UpBody.Y, -1, 1)) * 180 / Math.PI;
        return string.Format(ic, "| {0} | {1} | {2} | {3} | {4:F2} | {5:F1}/{6:F1} | {7:F1} ({8:F1}) | {9:+0.0;-0.0} | {10:+0.0;-0.0} | {11:F1} | {12:F0} | {13:F2} s | {14} | {15} |",
            seedBase, name, what, a.Kind.ToString().ToLowerInvariant(), a.TimeS, a.Value, a.Limit, now, peak,
            f.Angles.FlexionDeg - tr.FlexionDeg, headingErr, tiltErr, roll, LongestGapBefore(rec, a.TimeS, 3), other, mech);
    }

    /// <summary>A first guess at why an alert is false or missed, from the truth and estimate around it.</summary>
    private static string Mechanism(SimulatedRecording rec, Collector c, AlertEvent a, bool isFalse, double nearestDtS, bool nearestMatched)
    {
        double band = a.Kind switch { AlertKind.Rotation => 10, AlertKind.Impact => 0.2, _ => 2 };
        if (Math.Abs(nearestDtS) <= 2)
        {
            if (nearestMatched) return isFalse ? "split/duplicate" : "merged (its found alert matched another)";
            return $"timing ({nearestDtS:+0.00;-0.00} s off)";
        }
        double peak = TruthPeak(rec, a.Kind, a.TimeS - 0.5, a.TimeS + 0.5);
        if (isFalse && peak > a.Limit - band) return $"near-threshold (truth peak {peak:F1})";
        if (!isFalse)
        {
            double est = EstimatePeak(c, a.Kind, a.TimeS - 0.5, a.TimeS + 0.5);
            if (est > a.Limit - band) return $"near-threshold (estimate peak {est:F1})";
        }
        double gap = LongestGapBefore(rec, a.TimeS, 3);
        int k = FrameAt(c, a.TimeS);
        var (heading, tilt) = OrientationError(c.Frames[k].Angles, rec.Truth.TrueAngles[k]);
        double roll = Math.Abs(Math.Asin(Math.Clamp(c.Frames[k].UpBody.Y, -1, 1)) * 180 / Math.PI);
        string ctx = gap > 0.5 ? $", gap {gap:F1} s" : "";
        return a.Kind switch
        {
            AlertKind.Rotation => "rate-error" + ctx,
            AlertKind.Impact => "impact-error" + ctx,
            _ when tilt > 5 => $"tilt-error{ctx}",
            _ when Math.Abs(heading) > 10 => $"heading-error (roll {roll:F0}°){ctx}",
            _ => "angle-error" + ctx,
        };
    }

    /// <summary>The truth's alert signal for <paramref name="kind"/> (signed toward the limit) at a time.</summary>
    private static double TruthAt(SimulatedRecording rec, AlertKind kind, double timeS)
    {
        var s = rec.Truth.Signals;
        int i = Math.Clamp((int)Math.Round(timeS * 1000), 0, s.Length - 1);
        return Signal(rec, kind, i);
    }

    private static double TruthPeak(SimulatedRecording rec, AlertKind kind, double fromS, double toS)
    {
        var s = rec.Truth.Signals;
        int i0 = Math.Clamp((int)(fromS * 1000), 0, s.Length - 1), i1 = Math.Clamp((int)(toS * 1000), 0, s.Length - 1);
        double peak = double.NegativeInfinity;
        for (int i = i0; i <= i1; i++) peak = Math.Max(peak, Signal(rec, kind, i));
        return peak;
    }

    private static double Signal(SimulatedRecording rec, AlertKind kind, int i)
    {
        var s = rec.Truth.Signals;
        return kind switch
        {
            AlertKind.Flexion => s.FlexionDeg[i],
            AlertKind.Extension => -s.FlexionDeg[i],
            AlertKind.Rotation => s.AxialSpeedDps[i],
            _ => s.ImpactG[i],
        };
    }

    private static double EstimatePeak(Collector c, AlertKind kind, double fromS, double toS)
    {
        double peak = double.NegativeInfinity;
        foreach (var f in c.Frames)
        {
            if (f.TimeS < fromS || f.TimeS > toS) continue;
            double v = kind switch
            {
                AlertKind.Flexion => f.Angles.FlexionDeg,
                AlertKind.Extension => -f.Angles.FlexionDeg,
                AlertKind.Rotation => Math.Abs(f.AxialRateDps),
                _ => f.AccMagnitudeG,
            };
            peak = Math.Max(peak, v);
        }
        return peak;
    }

    private static int FrameAt(Collector c, double timeS)
    {
        int lo = 0, hi = c.Frames.Count - 1;
        while (lo < hi)
        {
            int mid = (lo + hi) / 2;
            if (c.Frames[mid].TimeS < timeS) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    private static double LongestGapBefore(SimulatedRecording rec, double timeS, double windowS)
    {
        double longest = 0;
        var s = rec.Samples;
        for (int i = 1; i < s.Length; i++)
        {
            if (s[i].TimeS < timeS - windowS) continue;
            if (s[i - 1].TimeS > timeS + 0.05) break;
            longest = Math.Max(longest, s[i].TimeS - s[i - 1].TimeS);
        }
        return longest;
    }

    /// <summary>Estimate against truth as one world-frame rotation, split into its turn about the vertical (heading)
    /// and the angle between the two directions of world up in the segment frame (tilt).</summary>
    private static (double HeadingDeg, double TiltDeg) OrientationError(SpineAngles est, SpineAngles tru)
    {
        var re = Matrix(est);
        var rt = Matrix(tru);
        // E = Re · Rtᵀ
        var e = new double[3, 3];
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++)
                for (int k = 0; k < 3; k++) e[i, j] += re[i, k] * rt[j, k];
        double tr = e[0, 0] + e[1, 1] + e[2, 2];
        double w = Math.Sqrt(Math.Max(0, 1 + tr)) / 2;
        // Twist about world z of the quaternion (w, z = (E10 − E01) / 4w): 2·atan2(z, w).
        double heading = 2 * Math.Atan2(e[1, 0] - e[0, 1], 4 * w * w) * 180 / Math.PI;
        heading -= 360 * Math.Round(heading / 360);
        // World up in the segment frame is R's third row: the tilt gravity sees, whatever the heading.
        double dot = re[2, 0] * rt[2, 0] + re[2, 1] * rt[2, 1] + re[2, 2] * rt[2, 2];
        return (heading, Math.Acos(Math.Clamp(dot, -1, 1)) * 180 / Math.PI);
    }

    /// <summary>The contract's R = R_y(flexion)·R_x(lateral)·R_z(rotation).</summary>
    private static double[,] Matrix(SpineAngles a)
    {
        double f = a.FlexionDeg * Math.PI / 180, l = a.LateralDeg * Math.PI / 180, r = a.RotationDeg * Math.PI / 180;
        double[,] ry = { { Math.Cos(f), 0, Math.Sin(f) }, { 0, 1, 0 }, { -Math.Sin(f), 0, Math.Cos(f) } };
        double[,] rx = { { 1, 0, 0 }, { 0, Math.Cos(l), -Math.Sin(l) }, { 0, Math.Sin(l), Math.Cos(l) } };
        double[,] rz = { { Math.Cos(r), -Math.Sin(r), 0 }, { Math.Sin(r), Math.Cos(r), 0 }, { 0, 0, 1 } };
        return Mul(Mul(ry, rx), rz);
    }

    private static double[,] Mul(double[,] a, double[,] b)
    {
        var m = new double[3, 3];
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++)
                for (int k = 0; k < 3; k++) m[i, j] += a[i, k] * b[k, j];
        return m;
    }
}
