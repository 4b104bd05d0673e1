using System.Globalization;
using System.Text;

namespace SpineSense.Accuracy;

/// <summary>Pools the evaluations into docs/ACCURACY.md.</summary>
public static class Report
{
    private static string F(double v, string fmt = "F3") => v.ToString(fmt, CultureInfo.InvariantCulture);
    private static double Mean(IEnumerable<double> v) { var l = v.ToList(); return l.Count == 0 ? double.NaN : l.Average(); }

    /// <summary>A suite run on other seeds than the main one: its summary goes next to the main figures.</summary>
    public sealed record HeldOut(int SeedBase, int PerExercise, IReadOnlyList<Evaluation> Results);

    public static string Build(IReadOnlyList<Evaluation> r, int perExercise, bool withAuto, TimeSpan elapsed,
        IReadOnlyList<HeldOut>? heldOut = null)
    {
        heldOut ??= [];
        var suites = new List<Summary> { new(r) };
        suites.AddRange(heldOut.Select(h => new Summary(h.Results)));

        var sb = new StringBuilder();
        sb.AppendLine("# Accuracy of the motion analysis");
        sb.AppendLine();
        sb.AppendLine("Measured by `benchmarks/SpineSense.Accuracy` over the virtual athlete's suite (src/SpineSense.Simulation):");
        sb.AppendLine($"{r.Count} recordings — every contract exercise {perExercise}× across the contract's rates (52–833 Hz), noise levels");
        sb.AppendLine("(low/typical/high), random mountings (strap ±25°, tilt ±20°) and BLE packet loss, plus unsafe variants (rounding,");
        sb.AppendLine("over-arching, jumping, Russian twists). Each recording is analysed exactly as `spinesense analyze` does, with the");
        sb.AppendLine("limits the truth's alerts were computed for.");
        if (heldOut.Count > 0)
        {
            sb.AppendLine("The held-out columns are the same suite on other seeds (other recordings, rates, noise and losses):");
            sb.AppendLine("rules are developed on the main suite and the first held-out one; the last is only ever read as this summary,");
            sb.AppendLine("the check against fitting the simulator's recordings. A target counts as met only when every column meets it.");
        }
        sb.AppendLine("Reproduce:");
        sb.AppendLine();
        sb.AppendLine("```");
        string holdoutArgs = heldOut.Count == 0 ? " --no-holdout"
            : $" --holdout {string.Join(',', heldOut.Select(h => h.SeedBase.ToString(CultureInfo.InvariantCulture)))} --holdout-per-exercise {heldOut[0].PerExercise}";
        sb.AppendLine($"dotnet run -c Release --project benchmarks/SpineSense.Accuracy -- --per-exercise {perExercise}{holdoutArgs} --out docs/ACCURACY.md");
        sb.AppendLine("```");
        sb.AppendLine();
        sb.AppendLine($"(took {elapsed.TotalSeconds:F0} s on the 2-core machine.)");
        sb.AppendLine();
        sb.Append("| metric | target | main suite (").Append(r.Count).Append(" recordings) |");
        foreach (var h in heldOut) sb.Append($" held-out, seeds {h.SeedBase}+ ({h.Results.Count}) |");
        sb.AppendLine(" |");
        sb.Append("|---|---|---|");
        foreach (var _ in heldOut) sb.Append("---|");
        sb.AppendLine("---|");
        Row(sb, suites, "sets counted exactly right", "≥ 98%", s => s.SetsExact >= 0.98,
            s => $"{F(100 * s.SetsExact, "F1")}% ({s.ExactSets}/{s.TrueSets + s.SpuriousSets}, {s.SpuriousSets} spurious)");
        Row(sb, suites, "rep-count MAE per set", "≤ 0.05", s => s.RepMae <= 0.05, s => F(s.RepMae));
        Row(sb, suites, "tempo phase MAE", "≤ 0.10 s", s => s.PhaseMaeS <= 0.10, s => $"{F(s.PhaseMaeS)} s");
        Row(sb, suites, "flexion RMSE", "≤ 1.5°", s => s.FlexDeg <= 1.5, s => $"{F(s.FlexDeg, "F2")}°");
        Row(sb, suites, "flexion RMSE without side-lying work and twists", "≤ 1.5°", s => s.FlexUprightDeg <= 1.5,
            s => $"{F(s.FlexUprightDeg, "F2")}° ({s.UprightCount} rec.)");
        Row(sb, suites, "lateral RMSE", "≤ 2.5°", s => s.LatDeg <= 2.5, s => $"{F(s.LatDeg, "F2")}°");
        Row(sb, suites, "lateral RMSE without side-lying work and twists", "≤ 2.5°", s => s.LatUprightDeg <= 2.5, s => $"{F(s.LatUprightDeg, "F2")}°");
        Row(sb, suites, "rotation RMSE", "≤ 2.5°", s => s.RotDeg <= 2.5, s => $"{F(s.RotDeg, "F2")}°");
        Row(sb, suites, "peak flexion per rep within 2°", "all", s => s.PeakWithin2 >= 0.98,
            s => $"{F(100 * s.PeakWithin2, "F1")}% (mean error {F(s.PeakMeanErrDeg, "F2")}°)");
        Row(sb, suites, "alert precision", "≥ 0.97", s => s.Precision >= 0.97, s => $"{F(s.Precision)} ({s.MatchedAlerts}/{s.FoundAlerts})");
        Row(sb, suites, "alert recall", "≥ 0.97", s => s.Recall >= 0.97, s => $"{F(s.Recall)} ({s.MatchedAlerts}/{s.TrueAlerts})");
        Row(sb, suites, "alert crossing-time error", "≤ 0.1 s", s => s.CrossingS <= 0.1, s => $"{F(s.CrossingS)} s (mean)");
        Row(sb, suites, "hold duration error", "≤ 0.5 s", s => s.HoldErrS <= 0.5,
            s => $"{F(s.HoldErrS)} s (mean, {s.MatchedHolds}/{s.TrueHolds} found, {s.FoundHolds - s.MatchedHolds} spurious)");
        if (withAuto) Row(sb, suites, "`auto` recognition", "≥ 95%", s => s.Auto >= 0.95,
            s => $"{F(100 * s.Auto, "F1")}% ({s.AutoRight}/{s.AutoCount})");
        sb.AppendLine();
        sb.AppendLine(Notes(suites, heldOut));
        sb.AppendLine();
        sb.AppendLine("## Per recording");
        sb.AppendLine();
        sb.AppendLine("| recording | sets exact | rep-count err | phase MAE s | flex RMSE ° | lat RMSE ° | rot RMSE ° | alerts found/true/matched | holds err s | auto |");
        sb.AppendLine("|---|---|---|---|---|---|---|---|---|---|");
        foreach (var e in r)
        {
            sb.AppendLine($"| {e.Name} | {e.SetsExact}/{e.TrueSets + e.SpuriousSets} | {F(e.RepCountErrors.Sum(), "F0")} | {F(Mean(e.PhaseErrorsS))} | " +
                $"{F(Math.Sqrt(e.SumSqFlex / e.AngleSamples), "F2")} | {F(Math.Sqrt(e.SumSqLat / e.AngleSamples), "F2")} | {F(Math.Sqrt(e.SumSqRot / e.AngleSamples), "F2")} | " +
                $"{e.FoundAlerts}/{e.TrueAlerts}/{e.MatchedAlerts} | {F(Mean(e.HoldErrorsS), "F2")} | {(e.AutoAnswer is null ? "" : e.AutoRight == true ? "✓" : e.AutoAnswer)} |");
        }
        return sb.ToString();
    }

    /// <summary>
    /// The prose after the summary table. Figures it quotes from this run come from the same summaries as the table
    /// (the fairest column: the last held-out suite), so they cannot contradict it.
    /// </summary>
    private static string Notes(List<Summary> suites, IReadOnlyList<HeldOut> heldOut)
    {
        var s = suites[^1];
        string col = heldOut.Count == 0 ? "main suite" : $"seeds {heldOut[^1].SeedBase}+, the fairest column";
        int falseAlerts = s.FoundAlerts - s.MatchedAlerts;
        return $$"""
## How to read this, and why some targets are missed

### Definitions

- **Sets exact**: a true set is exactly right when the found set overlapping it most has the same number of reps;
  found sets that overlap no true set ("spurious") count against the score too.
- **Rep-count MAE** is over true sets: a missed set counts all its reps, a spurious set all of its own.
- **Tempo MAE** pools the four phases of every matched rep. **Peak flexion** compares each matched rep's peak with the
  truth's; the target is "all", counted as met at ≥ 98 %.
- **Angle RMSEs** are over every sample of every recording, rests included, against the truth's literal contract
  angles (heading included). "Without side-lying work and twists" leaves out side plank, clamshell and Russian twist.
- **Alerts** match by kind within 0.5 s; crossing error is over matched alerts. Holds match by overlap.

### Which columns to trust

- **Main suite** (seeds 101–144, hazards 901–909): the rules were developed on it from the first session, so its
  figures flatter the analyzer.
- **Seeds 5000+**: used for development, recording by recording, since the third session; flattered too.
- **Seeds 21000+**: never looked at except as this summary. It is the fairest estimate of what independent
  recordings will show: where the columns differ, believe this one. The gap between the columns is the part of the
  rules fitted to the development suites.
- Each held-out suite has its own hazard seeds, so its alert figures are independent too. Other development suites
  (8 per exercise on seed bases 100, 3000, 9000, 13000, 17000, 25000, 29000, 33000; 7000 read as summaries) are not
  reported. Seeds 37000+ were read only as summaries too (ninth session), as a second check beside 21000+.
- "Seed N" below names one recording; "seeds 100" etc. name a development suite of 8 recordings per exercise.

### Missed: sets and reps

- **By how much** ({{col}}; the other columns are in the table):
  - sets exact {{F(100 * s.SetsExact, "F1")}} % against ≥ 98 %: {{Gap(100 * s.SetsExact, "F1", 98, true, " points")}};
  - rep-count MAE {{F(s.RepMae)}} against ≤ 0.05: {{Gap(s.RepMae, "F3", 0.05, false, "")}}.
- **Where.** Large movements (hinges, squats, bridges, cat-cow, back extensions) are counted exactly on nearly every
  set. The errors are in the 2–6° each-side movements (clamshell, bird-dog, dead bug, banded walk), which are the
  size of fidgets on the mat and of gait sway.
- **Measured: census of the 83 inexact sets** on seeds 9000/13000/17000/25000 (eighth session, before its fixes):
  - 24 reps or steps hidden whole in 1.5–2.9 s packet-loss gaps: there is no signal to count. The BLE link resends
    lost packets, so real recordings should have far fewer such gaps.
  - 24 mat fidgets just before or after a dead-bug, bird-dog or clamshell set counted as reps: same size, axis and
    side as the reps, and their holds vary too much for tempo to tell them apart.
  - 19 first reps lost: the start was learnt while the tilt still settled after lying down. The floor-work tilt
    restart that followed gained 7 exact sets on those four bases, all first reps of bird-dog or dead-bug sets.
  - 4 back extensions after gaps (fixed in the eighth session), and a few lone small reps, merged sets and starts
    learnt mid-step after gaps.
- **Measured: census of ~62 rep errors** on seeds 29000/33000 (ninth session, fresh suites, before its fixes):
  - about 35 are fidgets and rest movements: on the mat after or before a bird-dog, dead-bug or clamshell set (on
    the reps' axis, the mirrored side, in the set's rhythm), two whole spurious dead-bug sets of rest fidgets, and
    standing rest bends passing as a back extension on the bench;
  - reps hidden whole in 1.8–2.9 s gaps; banded-walk steps lost around gaps (~11 steps); clamshell reps merged
    across a gap or lost first after turning over;
  - fixed: a rep's return and the next rep's start inside one gap, and a rep refused as shallow because a gap hid
    its deepest point (the measured depth is only a lower bound).
- **Per exercise**, what is still wrong: docs/MOTION.md, "Known limits"; the rules themselves: its pipeline steps 5–6.
- **Tried and rejected:**
  - Cutting runs at long pauses, to drop fidgets: lost real first reps.
  - Telling sitting down from a squat by double-integrated height change: ±0.3 m of noise on real squats.
  - Counting each-side reps on the fused tilt: it settles for seconds after lying down or turning over, and reads
    a side step's push of the hips (up to ~0.4 g) as tilt, as much as a rep. Replaced by accelerometer and
    gyro-carried tilts (docs/MOTION.md, pipeline step 5).

### Missed: flexion, lateral and rotation angles

- **By how much** ({{col}}; the other columns are in the table):
  - flexion {{F(s.FlexDeg, "F2")}}° against ≤ 1.5°: {{Gap(s.FlexDeg, "F2", 1.5, false, "°")}} (without side-lying work and twists
    {{F(s.FlexUprightDeg, "F2")}}°: {{Gap(s.FlexUprightDeg, "F2", 1.5, false, "°")}});
  - lateral {{F(s.LatDeg, "F2")}}° against ≤ 2.5°: {{Gap(s.LatDeg, "F2", 2.5, false, "°")}} (without side-lying work and twists
    {{F(s.LatUprightDeg, "F2")}}°: {{Gap(s.LatUprightDeg, "F2", 2.5, false, "°")}});
  - rotation {{F(s.RotDeg, "F2")}}° against ≤ 2.5°: {{Gap(s.RotDeg, "F2", 2.5, false, "°")}}.
- **Heading is unobservable.** The contract's angles are literal: R_rel includes the heading (rotation about the
  vertical), which an accelerometer + gyro cannot observe, so heading error is integrated gyro drift.
- **It leaks into every angle.** Into rotation directly; into lateral while the trunk is flexed (on all fours,
  lateral *is* the trunk's heading); into flexion and rotation near lateral ±90° (side plank, clamshell), the gimbal
  lock of the Y-X-Z sequence, where one degree of heading moves them by 4–9°.
- **Measured: where the error comes from.** Each recording was re-synthesised with one sensor error removed at a time
  (first two sessions). Perfect sensor and no loss: flexion 4.22°, lateral 2.16°, rotation 5.66°; the same with the
  gyro bias known exactly: 1.01°, 0.42°, 0.94°. Gyro-bias estimation is the largest error, packet loss the second.
- **Gyro bias about the vertical** is learnt from the mean still rate, which also holds the athlete's slow turning
  and sway (0.05–0.16 °/s over 10 s windows in the simulator: ~0.1 °/s of heading drift). About the horizontal axes
  it is learnt from gravity (a Mahony integral while still), which sway does not disturb.
- **Turns inside packet-loss gaps** (40–77° in 1–2 s gaps) are the largest outliers (e.g. romanian-deadlift
  seed 128 in the per-recording table): no bridge can recover a turn it did not see. On seeds 33000 (ninth session)
  one goblet squat held 87 % of the squared upright flexion error: a 49.5° turn wholly inside a 1.5 s gap, then a
  3 s gap whose far edge caught the next turn, left the heading ~122° off, so its 70° squats read ~0° of literal
  flexion and 10 of its 12 flexion alerts were missed.
- **Smaller sources:** gyro scale error (1.5–3 %) and accelerometer offset and sensitivity error (see peak flexion).
- **Tried and rejected:**
  - Slower or faster vertical-bias learning, clamping it, a sway-model estimator: all worse.
  - Gap bridges (straight line, zero rate, decaying rate) over 1,231 gaps: the straight line is best under 1 s, none
    is good beyond. Again in the ninth session on 57 long upright gaps (RMS heading error 27.8° straight line,
    29.7–27.0° decaying with 0.5–2 s, 30.9° sloped): it fixed that goblet squat but doubled upright flexion error on
    seeds 5000 (1.43° → 2.68°); the edge rates do not tell how long a turn went on.
  - Re-taking the tilt after a long gap when it is over 3° (not 9°) off gravity: one glute-bridge set lost on seeds
    17000, the re-take sample itself moving at 45 °/s.
  - Holding the heading while still, a running-mean vertical bias, learning the tilt integral only in long
    stillness (docs/MOTION.md, pipeline step 2c): each worse on the pooled suites.
  - Re-taking the heading at every set start: better on this simulator (its athletes face the same way at each set),
    wrong for a real athlete who did turn. It is only done at the next exercise of a live plan.

### Missed: peak flexion per rep

- **By how much** ({{col}}; the other columns are in the table):
  - {{F(100 * s.PeakWithin2, "F1")}} % of reps within 2° (mean error {{F(s.PeakMeanErrDeg, "F2")}}°) against all, counted met at ≥ 98 %:
    {{Gap(100 * s.PeakWithin2, "F1", 98, true, " points")}}.
- **Accelerometer offset tilts the neutral.** An offset of 0.03–0.06 g (the worse sensors) tilts the calibrated
  neutral by 1.5–3°. In the re-synthesis experiment, removing it raised peaks within 2° from 84 % to 94.5 % and
  flexion without side-lying work and twists from 1.67° to 1.23°.
- **What is done:** offset and per-axis sensitivity error are fitted together from every still posture reading 1 g,
  shared by datasheet-like spreads (0.04 g, 2 %); the neutral is re-taken only while the segment turns
  (docs/MOTION.md, pipeline step 2a).
- **What remains:** an axis seen only one way up cannot tell offset from its 1–3 % sensitivity error (it takes 4/5
  of the excess as offset); only an axis seen pointing up and down separates them. The former offset-only fit read a
  standing axis 1.5 % low as −0.015 g, tilting every posture with that axis horizontal by 0.9°.
- **Measured:** under that fit bird-dog seed 131 of seeds 100 read its all-fours flexion −2.36° off; with the
  sensitivity error removed from the synthesis, −0.99°.
- **Heading, again, on standing hinges:** over a session, heading error turns flexion into lateral bend
  (docs/MOTION.md, pipeline step 2b). Romanian-deadlift seed 156 of seeds 100: its peak errors grow from −0.2° to
  −4.3° with 20–28° of heading error.
- **Tried and rejected:**
  - An online gyro scale fit against gravity: the accelerometer's own 1–3 % sensitivity and cross-axis errors distort
    the reference as much (one deadlift: true +2.7 %, fitted +4.8 %). Even a perfect gain (error removed from the
    synthesis) moved peaks within 2° by only +0.6/−1.0/−0.2 points on seeds 100/5000/21000.
  - Re-taking the neutral while lying still: the angle drifted 4° before a dead bug's first rep.

### Missed: alert precision

- **By how much** ({{col}}; the other columns are in the table):
  - precision {{F(s.Precision)}} ({{falseAlerts}} of {{s.FoundAlerts}} alerts false) against ≥ 0.97: {{Gap(s.Precision, "F3", 0.97, true, "")}}.
- **Heading-made extensions are gone.** Flexion/extension alarms (positive limits) watch the literal angle bounded
  by gravity's sagittal inclination + 15°, which no heading error can touch; a heading error over 90° flips the
  literal angle's sign (a 50° hinge facing 120° away reads −31°). Rolled more than 60° onto a side (judged from
  gravity), none are raised at all: flexion there is set by the heading.
- **Measured: census of 45 false alerts** on seeds 3000/9000/13000/17000/25000 before that bound: 30 heading-made
  extensions (all removed by it), 9 Russian-twist rotation peaks within 1–4 °/s of the limit or split by the
  re-arm rule, 2 reclined twists shortened by heading error, 1 impact at the limit, 1 bench over-arch split near
  re-arm, 1 crossing hidden in a 2.6 s gap, 1 tilt re-taken from a walking push after a gap.
- After the bound, 19 false alerts remain over those five bases plus seeds 100 and 5000. `--alert-census PER BASES
  OUT.md` lists each false or missed alert with the truth at that moment.
- **What remains** is mostly at the sensor's level: the twists are gyro gain (2–3 %) and skin wobble against a
  noise-free truth at the threshold, which no physical rule separates. The rest are heading error and gaps.
- **The bound's cost:** an athlete who truly faces more than 90° away from where they calibrated while hinging gets
  no literal extension alert (no suite has one).
- **Tried and rejected:**
  - Suppressing extension alerts while the heading is uncertain: would suppress real over-arching too.
  - After a gap, waiting 0.3 s for the specific force to confirm the re-taken tilt: lost a real over-arch (recall
    on seeds 9000: 0.994 → 0.988); waiting 0.1 s did not remove the walking push.

### Met targets

- **Tempo:** zero-phase 4 Hz smoothing of the rep signal and the contract's 10 %-of-peak-speed rule, crossings
  interpolated (docs/MOTION.md, pipeline step 5).
- **Alert recall and crossing time:** the truth's signals (flexion; axial rate = gyro about the superior axis; |a|),
  hysteresis and merge window, in continuous time. Misses: Russian-twist swings merged with the previous one, and
  crossings inside or right after long gaps.
- **Holds:** start and end by the 10 %-of-peak-speed rule, extrapolated. Rest on the side is rejected by requiring a
  lift ≥ 7.5 cm into the plank (fidgets read up to ~6 cm). A lowering hidden in a gap is inferred when the next lift
  shows the hips were down (the hold ends at the gap after which the trunk went quietest), and a lift hidden in a gap
  when the next lowering shows they were up (the hold starts after the gap, up to the gap's length early or late).
- **`auto`:** offline, every profile is run over the recording; the posture family that counts the most reps or
  holds wins, then features decide within it.

### History (seeds 21000+)

- **Sessions 1–2:** developed on the main suite alone, no held-out columns. Their code, read in the third session:
  sets exact 79.5 %, rep MAE 0.753, flexion 7.45°, peaks within 2° 68.5 %, alert precision 0.903, recall 0.981.
- **3rd:** held-out suites; set-boundary rules; |a| ≈ 1 g judged per posture; tilt re-taken after gaps. Sets
  79.5 → 86.3 %, rep MAE 0.753 → 0.448, flexion 7.45 → 6.75°, precision 0.903 → 0.888.
- **4th:** side-lying reps on the accelerometer's tilt; after a gap the tilt turns on about the axis it was turning
  about (Russian twist seed 5809: flexion 70° → 1.5°). Sets 86.3 → 87.7 %, rep MAE 0.448 → 0.373, precision
  0.888 → 0.903.
- **5th:** accelerometer offset fitted from still postures; banded-walk and alternating-work gap rules. Peaks within
  2° 68.8 → 76.0 %, flexion 6.88 → 6.94°, sets 87.7 → 86.8 %.
- **6th:** offset and sensitivity fitted together; bird-dog/dead-bug tilt; truth's neutral now the calibration mean
  (moves peak figures up to ±1.5 points alone). Sets 86.8 → 87.7 %, rep MAE 0.340 → 0.231, peaks 76.0 → 78.7 %.
- **7th:** rest counted from leaving the start; settling on the mat is not a first clamshell; gyro scale fit tried,
  not kept. Sets 87.7 → 89.6 %, rep MAE 0.231 → 0.212.
- **8th:** gap and turn-modulo rep rules, floor tilt restart, brief seat spike, the gravity bound on alerts.
  Precision 0.909 → 0.946; sets 89.6 → 89.2 % (one set fewer; all seven development suites same or better).
- **9th:** fresh development suites 29000/33000; a rep's return and next start inside one gap, a gap-shortened rep
  not refused as shallow; side-plank lowerings and lifts hidden in gaps. Rep MAE 0.217 → 0.123, sets
  89.2 → 90.0 %, holds 0.161 → 0.172 s (48 of 48 found, was 47); eight development suites better, 3000 level.
""";
    }

    /// <summary>How far a figure, as the table prints it, is from its target: "… short" / "… over".</summary>
    private static string Gap(double value, string fmt, double target, bool higherIsBetter, string unit)
    {
        if (higherIsBetter ? value >= target : value <= target) return "met in this column";
        double shown = double.Parse(F(value, fmt), CultureInfo.InvariantCulture);
        return $"{F(Math.Abs(target - shown), fmt)}{unit} {(higherIsBetter ? "short" : "over")}";
    }

    private static void Row(StringBuilder sb, List<Summary> suites, string metric, string target, Func<Summary, bool> met,
        Func<Summary, string> measured)
    {
        sb.Append($"| {metric} | {target} |");
        foreach (var s in suites) sb.Append($" {measured(s)} |");
        sb.AppendLine($" {(suites.All(met) ? "met" : "**missed**")} |");
    }

    /// <summary>The pooled figures of one suite.</summary>
    private sealed class Summary
    {
        public readonly int TrueSets, ExactSets, SpuriousSets, UprightCount, TrueAlerts, FoundAlerts, MatchedAlerts, TrueHolds, MatchedHolds, FoundHolds,
            AutoCount, AutoRight;
        public readonly double SetsExact, RepMae, PhaseMaeS, FlexDeg, LatDeg, RotDeg, FlexUprightDeg, LatUprightDeg, PeakWithin2, PeakMeanErrDeg,
            Precision, Recall, CrossingS, HoldErrS, Auto;

        public Summary(IReadOnlyList<Evaluation> r)
        {
            TrueSets = r.Sum(e => e.TrueSets); ExactSets = r.Sum(e => e.SetsExact); SpuriousSets = r.Sum(e => e.SpuriousSets);
            SetsExact = TrueSets == 0 ? double.NaN : (double)ExactSets / (TrueSets + SpuriousSets);
            RepMae = Mean(r.SelectMany(e => e.RepCountErrors));
            PhaseMaeS = Mean(r.SelectMany(e => e.PhaseErrorsS));
            (FlexDeg, LatDeg, RotDeg) = Rms(r);
            var upright = r.Where(e => e.Exercise is not ("side-plank" or "clamshell" or "russian-twist")).ToList();
            UprightCount = upright.Count;
            (FlexUprightDeg, LatUprightDeg, _) = Rms(upright);
            var peaks = r.SelectMany(e => e.PeakErrorsDeg).ToList();
            PeakWithin2 = peaks.Count == 0 ? double.NaN : peaks.Count(p => p <= 2) / (double)peaks.Count;
            PeakMeanErrDeg = Mean(peaks);
            TrueAlerts = r.Sum(e => e.TrueAlerts); FoundAlerts = r.Sum(e => e.FoundAlerts); MatchedAlerts = r.Sum(e => e.MatchedAlerts);
            Precision = FoundAlerts == 0 ? double.NaN : (double)MatchedAlerts / FoundAlerts;
            Recall = TrueAlerts == 0 ? double.NaN : (double)MatchedAlerts / TrueAlerts;
            CrossingS = Mean(r.SelectMany(e => e.CrossingErrorsS));
            HoldErrS = Mean(r.SelectMany(e => e.HoldErrorsS));
            TrueHolds = r.Sum(e => e.TrueHolds); MatchedHolds = r.Sum(e => e.MatchedHolds); FoundHolds = r.Sum(e => e.FoundHolds);
            var autos = r.Where(e => e.AutoRight is not null).ToList();
            AutoCount = autos.Count; AutoRight = autos.Count(e => e.AutoRight == true);
            Auto = AutoCount == 0 ? double.NaN : (double)AutoRight / AutoCount;
        }

        private static (double Flex, double Lat, double Rot) Rms(IReadOnlyList<Evaluation> r)
        {
            long n = r.Sum(e => e.AngleSamples);
            return (Math.Sqrt(r.Sum(e => e.SumSqFlex) / n), Math.Sqrt(r.Sum(e => e.SumSqLat) / n), Math.Sqrt(r.Sum(e => e.SumSqRot) / n));
        }
    }
}
