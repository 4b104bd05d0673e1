namespace SpineSense.Simulation.Sessions;

/// <summary>
/// Writes a whole session: calibration stand, then for each planned exercise its sets (entering and leaving
/// the posture, reps or holds), rests full of nuisance movement between sets and exercises, and a short stand
/// at the end.
/// </summary>
public static class SessionScript
{
    /// <summary>One planned block: exercise, sets, reps per set (0 for holds), rest after each set.</summary>
    public sealed record Block(SimExercise Exercise, int Sets, int Reps, double? HoldS, double RestS);

    /// <summary>The seed's beginner routine (shared/seed: warm-up, main workout, cool-down).</summary>
    public static IReadOnlyList<Block> BeginnerRoutine(Random rng) =>
    [
        new(ExerciseLibrary.Get("cat-cow"), 1, 10, null, Jitter(rng, 40)),
        new(ExerciseLibrary.Get("banded-walk"), 1, 20, null, Jitter(rng, 40)),
        new(ExerciseLibrary.Get("hip-hinge-drill"), 1, 10, null, Jitter(rng, 60)),
        new(ExerciseLibrary.Get("glute-bridge"), 3, 12, null, Jitter(rng, 60)),
        new(ExerciseLibrary.Get("bird-dog"), 3, 20, null, Jitter(rng, 60)),
        new(ExerciseLibrary.Get("goblet-squat"), 3, 10, null, Jitter(rng, 90)),
        new(ExerciseLibrary.Get("romanian-deadlift"), 3, 10, null, Jitter(rng, 90)),
        new(ExerciseLibrary.Get("side-plank"), 3, 0, null, Jitter(rng, 45)),
        new(ExerciseLibrary.Get("back-extension"), 3, 12, null, Jitter(rng, 60)),
        new(ExerciseLibrary.Get("hip-flexor-stretch"), 1, 0, null, Jitter(rng, 30)),
        new(ExerciseLibrary.Get("hamstring-stretch"), 1, 0, null, Jitter(rng, 30)),
    ];

    public static void Write(SessionBuilder b, IReadOnlyList<Block> blocks, double calibrationS, Hazard hazard)
    {
        var rng = b.Rng;
        // Calibration: quiet neutral standing (the builder starts there, sway gain 0.7).
        b.Wait(calibrationS + b.Uniform(0.3, 1.0));
        b.Move(b.Current.With(swayGain: 1), 0.5);
        b.Wait(b.Uniform(1, 4));
        var posture = SimPosture.Standing;
        int designedSet = 0;
        for (int bi = 0; bi < blocks.Count; bi++)
        {
            var block = blocks[bi];
            var ex = block.Exercise;
            double blockStart = b.Now;
            for (int set = 0; set < block.Sets; set++)
            {
                designedSet++;
                int side = rng.Next(2) == 0 ? 1 : -1;
                if (posture == SimPosture.Standing)
                {
                    b.FaceFront();
                    var basePose = PostureMoves.Base(b, ex.Posture, side, b.Body.Standing);
                    if (ex.Posture != SimPosture.Standing) PostureMoves.Enter(b, ex.Posture, basePose);
                    else if (ex.Id == "banded-walk") b.Move(basePose.With(flexionDeg: 14 + b.Uniform(-3, 3), hipZM: basePose.HipZM - 0.08), 1.2);
                    posture = ex.Posture;
                }
                b.Wait(b.Uniform(0.8, 2.5));
                var setBase = b.Current;
                if (ex.IsHold) SetPerformer.Holds(b, ex, designedSet, block.HoldS);
                else SetPerformer.Reps(b, ex, designedSet, block.Reps, setBase, hazard);
                b.Wait(b.Uniform(0.8, 2.5));

                bool last = set == block.Sets - 1;
                bool lastOverall = last && bi == blocks.Count - 1;
                if (lastOverall) break;
                double rest = block.RestS;
                // Between sets on the floor, most people stay down; between exercises everybody gets up.
                if (!last && posture != SimPosture.Standing && posture != SimPosture.Bench45 && rng.NextDouble() < 0.6)
                {
                    RestFiller.OnFloor(b, posture, rest);
                    continue;
                }
                double leaveStart = b.Now;
                PostureMoves.Leave(b, posture, b.Body.Standing);
                posture = SimPosture.Standing;
                double remaining = Math.Max(8, rest - (b.Now - leaveStart));
                RestFiller.Standing(b, remaining, hazard);
            }
            b.Blocks.Add((ex.Id, blockStart, b.Now));
        }
        if (posture != SimPosture.Standing) PostureMoves.Leave(b, posture, b.Body.Standing);
        b.Wait(b.Uniform(3, 6));
    }

    private static double Jitter(Random rng, double meanS) => meanS * (0.8 + 0.4 * rng.NextDouble());
}
