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
        sb.AppendLine(Notes);
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

    private const string Notes = """
## How to read this, and why some targets are missed

Definitions: a true set is "exactly right" when the found set overlapping it most has the same number of reps; found
sets that overlap no true set count against the score too. Rep-count MAE is over true sets (a missed set counts all its
reps, a spurious set all of its own). Tempo MAE pools the four phases of every matched rep. Angle RMSEs are over every
sample of every recording, rests included, against the truth's literal contract angles (heading included). Alerts match
by kind within 0.5 s; crossing error is over matched alerts.

- **Which figures to trust.** The main suite (seeds 101–144, hazards 901–909) is the one the rules were developed on
  for two sessions, so its figures flatter the analyzer. Seeds 5000+ were used for development in the third session
  (per recording). Seeds 21000+ were never looked at except as this summary, and are the fairest estimate of what
  independent recordings will show; where the columns differ, believe the last one. (Seeds 7000+ were read at summary
  level while developing, so they are no longer held out; they are not reported.) The hazard recordings use other
  seeds in each held-out suite, so alert figures are independent too. The code as it was at the start of the third
  session, on seeds 21000+: sets exact 79.5 % (171/215, 4 spurious), rep MAE 0.753, tempo 0.085 s, flexion 7.45° (4.39°
  without side-lying and twists), lateral 5.68°, rotation 13.01°, peak flexion within 2° 68.5 %, alert precision 0.903
  (159/176) and recall 0.981 (159/162), crossing 0.033 s, holds 0.163 s (46/48), `auto` 97.9 %. So this session's
  changes improved sets, reps and angles on recordings nobody tuned on, and left alerts about where they were (one
  alert fewer matched, two more false ones; on two other unseen suites, seeds 3000+ and 9000+, 26 of 31 false alerts
  were heading error, see Alerts below).
- **Angles (lateral, rotation, and flexion on side-lying exercises).** The contract's angles are literal: R_rel includes
  the heading, which a single accelerometer + gyro cannot observe, so heading error is gyro drift. Where it comes from
  was measured by re-synthesising each recording with one sensor error removed at a time (perfect sensor and no loss:
  flexion 4.22°, lateral 2.16°, rotation 5.66°; the same with the gyro bias known exactly: 1.01°, 0.42°, 0.94°), so
  gyro-bias estimation is the largest error, packet loss the second. Gyro bias about the horizontal axes is learnt from
  gravity (a Mahony integral while still); about the vertical from the mean still rate, which also contains the
  athlete's slow turning and sway (0.05–0.16 °/s over 10 s windows in the simulator: ~0.1 °/s of heading drift; slower or
  faster learning, clamping, and a sway-model estimator were all tried and were worse). What remains: turns of 40–77°
  inside 1–2 s packet-loss gaps (no bridge can recover a turn it did not see: they are the largest outliers, e.g.
  Romanian deadlift seed 128 with rotation RMSE > 50°), gyro scale error (1.5–3 %), and the gimbal lock of the Y-X-Z
  sequence near lateral ±90° (side plank, clamshell), where one degree of heading moves flexion and rotation by 4–9°.
  Because the angles are literal, heading error also becomes `lateral_deg` error while the trunk is flexed (on all fours,
  lateral *is* the trunk's heading). Re-taking the heading at every set start would cut these errors on this simulator
  (its athletes face the same way at each set) but would make the angles wrong for a real athlete who did turn, so it
  is only done where the product knows the athlete starts anew (the next exercise of a live plan). This session's
  fixes: "|a| ≈ 1 g" is judged against the reading at rest in the current posture, not the standing calibration —
  accelerometer offset and sensitivity error move it by up to 0.13 g between postures, so a side plank on one side was
  never "still" and had no gravity correction at all (its tilt drifted ~20°; flexion RMSE without side-lying on seeds
  7000+ 4.35° → 1.67°); after a packet-loss gap over 0.5 s the tilt is re-taken at the first sample gravity can be
  trusted on (not only the first sample: gaps often end mid-push), and flexion/extension alerts wait for it; a gap is
  not still time. Fourth session: that re-take first turns the segment about the axis it was turning about at the
  gap's edge (a gap loses how far it turned, not about which axis), and the sample that ends a gap applies no gravity
  correction; a Russian twist with a 1 s gap at 150 °/s had read flexion +25° instead of −42° for the rest of the
  recording (seed 5809: flexion RMSE 70° → 1.5°). On seeds 21000+ it moved flexion 6.75° → 6.88° and alert precision
  0.888 → 0.903.
- **Sets/reps.** Large movements (hinges, squats, bridges, cat-cow, back extensions) are counted exactly on nearly every
  set; the errors left are in the 2–6° each-side movements (clamshell first, then bird-dog, dead bug, banded walk), which
  are the size of fidgets on the mat and of gait sway, and in clamshell after turning over (the estimated tilt keeps
  settling for seconds after the roll because of accelerometer offset, so the first reps on the new side are measured
  from a moving start). This session's rules, each argued from what a person does rather than fitted: a set stays open
  while an excursion that began inside the 15 s set gap is under way (a rep is known only once it ends; sets split at
  11–15 s pauses); a lone set-like excursion long after the set's rhythm (sitting down, shifting on the mat) counts only
  if the set resumes after it, and a set that slows down keeps its reps; a standing rep whose way down ends on a seat
  impact is sitting down on the bench; a new set of alternating each-side work must move along the axis of the earlier
  sets; a clamshell start learnt with the knee open is re-learnt where the pelvis rests after rolling forward; the first
  clamshell after turning over is judged as after a breather. Fourth session: side-lying reps are measured on the
  accelerometer's tilt (0.1 s low-pass; a clamshell barely accelerates the pelvis) instead of the fused tilt that
  settles for seconds after turning over, and clamshell sets keep one rep axis (both sides roll back toward supine)
  with opening reps agreeing within 25° (shifts on the mat scatter). Clamshell on seeds 5000+: 14/26 → 17/24 sets
  exact; but on the main suite clamshell seed 139 split its third set (20 reps found as 5 + 10). Fifth session: a
  clamshell done as the seed asks (pelvis still) rolls the pelvis back only 1.5–2°, so the clamshell's range is 1.4°
  (was 2°); the closed-knee pause ends a rep even when the pelvis settles a degree short of its start; a start re-learnt
  at a rest after a small roll back stays unproven, so the knee closing puts it back (seed 139 whole again); a roll
  forward is never a clamshell rep and no longer restarts the run that opens a set; a side-lying run starts after its
  last member off the axis of the others. Banded walk: the step signal is world up carried by the gyro (the step's
  sideways push of the hips, up to ~0.4 g, reads as tilt in the fused estimate, most of all as it recovers after a
  packet-loss gap), a step is returning below 60 % of its peak (the trail foot re-sets the stance), and the pause before
  a step counts from the last step seen. Alternating work (bird-dog, dead bug): a tilt that reappears after a gap
  mirrored to the other side ends the rep inside the gap (the pelvis passes through the start to get there), and a
  starting run allows one side to tilt a third as far as the other. Still missed: reps wholly inside 2–3 s packet-loss
  gaps (the BLE link resends lost packets, so real recordings have far fewer), and fidgets on the mat just before a set
  that happen to lie on the reps' axis. The gap between the columns shows that some rules from earlier sessions are
  fitted to the main suite. Sixth session: after a packet-loss gap the side-step tilt is anchored again to gravity at
  the first still moment between steps (feet set: the specific force is gravity alone) instead of restarting from the
  fused tilt, whose recovery takes the steps' pushes for lean; one step read the other way after steps to one side is
  a misread step, not the start of walking (walking, the side changes again at once). Bird-dog and dead bug read world
  up carried by the gyro and pulled toward the accelerometer's over 1 s (the pelvis barely accelerates while the limbs
  move, so gravity shows its tilt at once, while the fused tilt drifts for seconds after lying down), and a rep on the
  same side again counts when a gap of ≥ 1 s between them hid the other side's rep. A later clamshell set must lie within
  25° of the earlier sets' axis (was 40°: shifts on the mat scatter inside 40°), unless five reps agree among themselves
  on a new axis (the athlete lay down differently). Seventh session (sets exact on development seeds 100/5000/13000:
  191/196/190 → 194/201/191 of 211; seeds 21000+ 87.7 % → 89.6 %, rep MAE 0.231 → 0.212): rest away from the start
  counts from leaving it, so a dead bug's slow first degree after lying still is not taken for a new start; on the
  mat, a slow opening excursion held seconds apart from the reps after it is settling, not a clamshell's first rep; a
  packet-loss gap of ≥ 1 s inside a forming run allows one rep's duration more (the gap may hide a rep); and after a
  gap, side steps re-learn their start at a still pause on the far side of the start from the last step (a step tilts
  the pelvis over the stance leg, the same side every step, so that pause is the stance, not a step's peak).
  Eighth session (development now also on seeds 17000+ and 25000+, never looked at before; sets exact of 211 on seeds
  100/3000/5000/9000/13000/17000/25000: 194/196/201/188/191/191/191 → 196/197/202/190/195/192/195, none worse; seeds
  21000+ 89.6 % → 89.2 %, one set fewer, rep MAE 0.212 → 0.217): a one-way sagittal rep seen again past its start after
  a packet-loss gap went back through the start inside the gap (a body moves continuously), so it ends there instead of
  being dropped as out of posture; sagittal excursions and posture ranges read the inclination modulo a full turn (after
  a long gap the unwrapped estimate can come back a turn away: one over-arching back-extension set lost 17 reps); floor
  work's tilt restarts from the accelerometer once still after turning more than 30° (lying down), because the gyro's
  scale error over that turn left the start 2–3° off under the first rep; and a seat's upward force is over within
  0.15 s (it stops the pelvis) while a brisk squat's drive out of the bottom lasts 0.25 s or more, so only a brief spike
  is a seat. A census of the 83 inexact sets on seeds 9000/13000/17000/25000: 24 reps or steps hidden whole in 1.5–2.9 s
  packet-loss gaps (no signal to count), 19 first reps lost (the start learnt while the tilt still settled after lying
  down: the tilt restart above), 24 mat fidgets before or after a dead-bug, bird-dog or clamshell set counted as reps
  (same size, axis and side as the reps; cutting runs at long pauses lost real first reps), 4 back extensions after
  gaps (fixed above), and a few lone small reps, merged sets and starts learnt mid-step after gaps.
- **Peak flexion within 2°** is mostly the calibration offset: accelerometer bias (0.03–0.06 g on the worse sensors)
  tilts the calibrated neutral by 1.5–3°. With the bias removed in the re-synthesis experiment, peaks within 2° rose
  from 84 % to 94.5 % and flexion (no side-lying, no twists) from 1.67° to 1.23°. Fifth session: the offset is now
  estimated as the smallest one that makes every still posture read 1 g (standing gives the part along the vertical at
  once; lying, all fours and each side the rest) and removed from every sample; the neutral it tilted is re-taken only
  while the segment turns (re-taking it while lying still drifted the angles before a set's first rep). On seeds 21000+
  peak flexion within 2° rose from 68.6 % to 76.1 %, while flexion RMSE moved 6.88° → 6.94° (noise of side-lying work).
  Its weak spot: the accelerometer's 1–3 % sensitivity error reads as offset too (one glute-bridge recording: flexion
  0.48° → 1.98°), and two still postures close together make the fit ill-conditioned; a regularised fit is the next
  step. Standing hinges keep a gain error of ~3 % per degree. Seventh session: an online gyro scale fit (against gravity between still moments) was built and measured, and not kept: the accelerometer's own 1–3 % sensitivity and cross-axis errors distort the reference as much as the gain being fitted (one deadlift: true +2.7 %, fitted +4.8 %), and even a perfect gain (the error removed from the synthesis) moved peaks within 2° by +0.6/−1.0/−0.2 points on seeds 100/5000/21000; the drift of standing hinges' peaks is heading error (docs/MOTION.md §2b–2c). Sixth session: offset
  and per-axis sensitivity error are fitted together, each still sample's step shared between them by datasheet-like
  spreads (offset 0.04 g, sensitivity 2 %); an axis seen pointing both up and down separates the two. A standing axis
  1.5 % low had read as a −0.015 g offset, tilting every posture with that axis horizontal by 0.9° (bird-dog seed 131:
  on-all-fours flexion −2.36° off; with the scale error removed from the synthesis, −0.99°). The truth's neutral is now
  the calibration window's mean posture, as contract §3–4 defines it (it was the designed stand without sway or
  breathing, whose mean over the window left a few tenths of a degree in every true angle): this changes the reference,
  not the analyzer, so peak figures before and after it differ by up to ±1.5 points per suite for that reason alone.
  Gyro scale error, the next contributor on standing hinges (removing it alone took deadlift seed 156 from 19/30 to
  28/30 peaks within 2°), is not yet estimated.
- **Holds**: the start and end follow the 10%-of-peak-speed rule by extrapolation from the settling and leaving
  movements. Rest on the side between holds is rejected by requiring a lift of ≥ 7.5 cm into the plank (half the
  smallest side-plank lift; fidgets read up to ~6 cm), measured over the last movement before the stillness — or, for a
  lift so slow it never breaks the stillness, from the vertical travel while still; across a long packet-loss gap the
  trunk's turn on either side counts as movement (lying down inside a gap is not a lift), and a rejected stillness is
  never re-judged over a longer window (double integration drifts with window length). Lifts hidden entirely inside a
  packet-loss gap are missed.
- **Alerts** are computed on the same signals the truth uses (flexion; axial rate = gyro about the segment's superior
  axis; |a|) with the truth's hysteresis and merge window, in continuous time (crossings and re-arm moments interpolated
  between samples, the axial rate interpolated signed). Lying on a side, flexion_deg is set by the heading (gimbal lock),
  so no flexion/extension alerts are raised there — judged from gravity, not from the heading-contaminated lateral_deg.
  The remaining false and missed alerts are wrong literal angles (heading error after turns inside gaps: the estimate
  shows a bend as lateral instead of flexion, or flips flexion's sign when the trunk faces sideways), Russian twists
  that fall entirely inside packet-loss gaps, and impacts within noise of the limit. Classified one by one on two
  unseen suites (seeds 3000+ and 9000+, 31 false alerts): 26 heading error (all extension; e.g. a Romanian deadlift
  whose athlete turned 67° inside a 2.3 s gap, so each 50° hinge read as −27° flexion and −47° lateral), 4 Russian-twist
  rotation peaks within a few °/s of the limit or split by a gap, 1 impact at the limit. None came from tilt error or
  from the threshold, hysteresis or merge rules. Suppressing extension alerts while the heading is uncertain would also
  suppress real over-arching, so it is not done. Eighth session: the flexion and extension alarms (positive limits only)
  watch the literal angle bounded by gravity's sagittal inclination (atan2(−up_x, up_z), which no heading error can
  touch) plus 15°: with the heading right the two differ only through side bend combined with twist, a second-order
  effect, while a heading error over 90° flips the literal sign (a 50° hinge facing 120° away reads −31°). Precision on
  seeds 9000/3000/13000/17000 rose 0.891/0.948/0.977/0.964 → 1.000/0.968/0.988/0.984 and on seeds 21000+ 0.909 → 0.946,
  with recall and crossing time unchanged everywhere. The cost: an athlete who truly faces more than 90° away from where
  they calibrated while hinging gets no literal extension alert (no suite has one). Census of the 45 false alerts on
  seeds 3000/9000/13000/17000/25000 before it: 30 heading-made extensions (all removed), 9 Russian-twist rotation peaks
  within 1–4 °/s of the limit or split by the re-arm rule, 2 reclined twists shortened by heading error, 1 impact at the
  limit, 1 bench over-arch split near re-arm, 1 crossing hidden in a 2.6 s gap, 1 tilt re-taken from a walking push
  after a gap (`--alert-census PER BASES OUT.md` lists each with the truth at that moment). The twist ones are gyro gain
  (2–3 %) and skin wobble against a noise-free truth at the threshold; no physical rule separates them.
""";

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
