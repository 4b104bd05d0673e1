using SpineSense.Simulation.Geometry;
using SpineSense.Simulation.Kinematics;

namespace SpineSense.Simulation.Sessions;

/// <summary>
/// Performs one set of reps or holds from the current posture. Reps vary in depth and in the tempo of each
/// phase, the set has its own pace, the concentric slows with fatigue, and now and then the athlete pauses
/// for a breath between reps — nothing is periodic.
/// </summary>
public static class SetPerformer
{
    public static void Reps(SessionBuilder b, SimExercise ex, int designedSet, int reps, in Pose basePose, Hazard hazard)
    {
        var recipe = ex.Recipe ?? throw new ArgumentException($"{ex.Id} is a hold, not reps", nameof(ex));
        var rng = b.Rng;
        double setPace = Math.Clamp(1 + 0.1 * Sensor.SensorErrors.Gaussian(rng), 0.8, 1.25);
        var pose = basePose.With(swayGain: ex.SetSwayGain);
        b.Move(b.Current.With(swayGain: ex.SetSwayGain), 0.3);
        int side = StartSide(b, ex);
        int perSide = Math.Max(1, reps / 2);
        for (int i = 0; i < reps; i++)
        {
            if (ex.EachSide)
            {
                if (ex.Id is "banded-walk" or "clamshell")
                {
                    // All steps one way, then back; clamshells one side then the other (sides switch mid-set).
                    if (i == perSide)
                    {
                        side = -side;
                        if (ex.Posture == SimPosture.SideLying)
                        {
                            pose = PostureMoves.Base(b, SimPosture.SideLying, side, b.Body.Standing).With(swayGain: ex.SetSwayGain);
                            PostureMoves.SwitchSides(b, pose);
                        }
                        else b.Wait(b.Uniform(0.8, 2.0));
                    }
                }
                else if (i > 0) side = -side; // alternate (bird-dog, dead bug, twists)
            }
            double fatigue = 1 + 0.25 * Math.Pow((double)i / Math.Max(1, reps - 1), 2);
            pose = Rep(b, ex, recipe, designedSet, i, reps, side, setPace, fatigue, pose, hazard);
        }
    }

    private static Pose Rep(SessionBuilder b, SimExercise ex, RepRecipe r, int designedSet, int index, int reps, int side,
        double pace, double fatigue, Pose basePose, Hazard hazard)
    {
        var rng = b.Rng;
        var start = b.Current;
        double depth = Math.Clamp(1 + r.DepthSpread * Sensor.SensorErrors.Gaussian(rng), 0.55, 1.5);
        int sgn = ex.EachSide ? side : 1;
        // For walking the base travels with the athlete; everything else returns to the posture's base.
        if (ex.Id == "banded-walk") { basePose.HipXM = start.HipXM; basePose.HipYM = start.HipYM; }

        var bottom = basePose;
        bottom.FlexionDeg += r.FlexDeg * depth;
        bottom.LateralDeg += r.LatDeg * depth * sgn;
        bottom.RotationDeg += r.RotDeg * depth * sgn;
        bottom.HipXM += r.HipXM * depth;
        bottom.HipZM += r.HipZM * depth;
        if (!ex.EachSide && Math.Abs(r.FlexDeg) > 15)
        {
            // Nobody hinges perfectly straight: a little side bend and twist at the bottom, different every rep.
            bottom.LateralDeg += 0.03 * Math.Abs(r.FlexDeg) * Sensor.SensorErrors.Gaussian(rng);
            bottom.RotationDeg += 0.04 * Math.Abs(r.FlexDeg) * Sensor.SensorErrors.Gaussian(rng);
        }
        double eccScale = pace;
        double late = (double)index / Math.Max(1, reps - 1);
        if (hazard == Hazard.Rounding && r.FlexDeg > 20 && rng.NextDouble() < 0.2 + 0.5 * late)
        {
            // Reaching lower with a rounded back: well past the catalog limits (squat 60°, RDL/hinge 80–85°).
            double over = ex.Id == "goblet-squat" ? b.Uniform(66, 76) : b.Uniform(90, 100);
            bottom.FlexionDeg = basePose.FlexionDeg + over;
            eccScale *= 1.2;
        }
        var back = basePose;
        back.FlexionDeg += r.ReturnFlexDeg * Math.Clamp(1 + r.DepthSpread * Sensor.SensorErrors.Gaussian(rng), 0.5, 1.5)
                           + b.Uniform(-1, 1) * (Math.Abs(r.FlexDeg) > 20 ? 1.5 : 0.5);
        if (ex.Id == "banded-walk")
        {
            double step = r.HipYM * depth * side; // side +1 = stepping to the right (−y)
            bottom.HipYM = start.HipYM + step * 0.5;
            back.HipYM = start.HipYM + step;
        }
        if (hazard == Hazard.OverArching && ex.Id == "back-extension" && rng.NextDouble() < 0.3 + 0.4 * late)
            back.FlexionDeg = b.Uniform(-12, 6); // trunk past vertical: 40–57° beyond the line of the legs

        double t0 = b.Now;
        b.Move(bottom, r.Eccentric.Draw(rng, eccScale));
        double t1 = b.Now;
        if (ex.Id == "banded-walk") b.Jolt(6, 0.09, -0.0012); // lead foot lands
        b.Wait(r.BottomPause.Draw(rng, pace));
        double t2 = b.Now;
        b.Move(back, r.Concentric.Draw(rng, pace * fatigue));
        double t3 = b.Now;
        if (ex.Id == "banded-walk") b.Jolt(6, 0.09, -0.001); // trail foot lands
        if (index < reps - 1)
        {
            double top = r.TopPause.Draw(rng, pace);
            if (rng.NextDouble() < 0.08) top += b.Uniform(1.5, 4.0); // a breath, a glance at the coach
            b.Wait(top);
        }
        var dir = new Vec3(bottom.FlexionDeg - start.FlexionDeg, bottom.LateralDeg - start.LateralDeg, bottom.RotationDeg - start.RotationDeg);
        b.Reps.Add(new DesignedRep(ex.Id, designedSet, ex.EachSide ? side : 0, t0, t1, t2, t3, dir * (1 / Math.Max(1e-9, dir.Length))));
        return basePose;
    }

    /// <summary>Lying on a side, the side is the one the athlete lies on; otherwise a coin toss.</summary>
    private static int StartSide(SessionBuilder b, SimExercise ex) =>
        ex.Posture == SimPosture.SideLying ? (b.Current.LateralDeg >= 0 ? 1 : -1) : (b.Rng.Next(2) == 0 ? 1 : -1);

    /// <summary>A hold (side plank each side, a stretch): settle in, hold with fatigue shake, leave.</summary>
    public static void Holds(SessionBuilder b, SimExercise ex, int designedSet, double? holdS)
    {
        var rng = b.Rng;
        int sides = ex.EachSide ? 2 : 1;
        int side = StartSide(b, ex);
        for (int s = 0; s < sides; s++)
        {
            if (s > 0)
            {
                side = -side;
                PostureMoves.SwitchSides(b, PostureMoves.Base(b, ex.Posture, side, b.Body.Standing));
            }
            var rest = b.Current;
            var hold = rest;
            switch (ex.Id)
            {
                case "side-plank":
                    // Hips up: the trunk line rises 12–20° from the floor.
                    hold.LateralDeg = side * b.Uniform(68, 76);
                    hold.HipZM = 0.3;
                    hold.SwayGain = 1.6;
                    break;
                case "hamstring-stretch":
                    hold.FlexionDeg = b.Uniform(32, 48);
                    hold.HipXM -= 0.08;
                    hold.SwayGain = 0.8;
                    break;
                default: // hip-flexor stretch: sink into the lunge
                    hold.FlexionDeg -= b.Uniform(2, 5);
                    hold.HipZM -= 0.05;
                    hold.SwayGain = 1.0;
                    break;
            }
            double duration = holdS ?? b.Uniform(ex.HoldMinS, ex.HoldMaxS);
            double enterStart = b.Now;
            b.Move(hold, b.Uniform(1.1, 1.8));
            double enterEnd = b.Now;
            // Shaking grows as the hold tires (side plank) — sway gain ramps up over the hold.
            b.Move(hold.With(swayGain: hold.SwayGain * (ex.Id == "side-plank" ? 2.2 : 1.3)), duration);
            double leaveStart = b.Now;
            b.Move(rest, b.Uniform(1.0, 1.6));
            b.Holds.Add(new DesignedHold(ex.Id, designedSet, ex.EachSide ? side : 0, enterStart, enterEnd, leaveStart, b.Now));
            b.Wait(b.Uniform(1.0, 3.0));
        }
    }
}
