using SpineSense.Simulation.Kinematics;

namespace SpineSense.Simulation.Sessions;

/// <summary>
/// Fills a rest with what people actually do between sets — none of it a rep: standing sway, shuffling and
/// weight shifts, a few steps away and back, turning, sitting down on a bench and getting up, reaching for a
/// bottle and drinking, an overhead stretch; on the floor, small adjustments, knee sways and child's pose.
/// </summary>
public static class RestFiller
{
    /// <summary>Standing rest that ends facing front in the standing pose, at <c>b.Now + durationS</c> (or a little later).</summary>
    public static void Standing(SessionBuilder b, double durationS, Hazard hazard)
    {
        double end = b.Now + durationS;
        var stand = b.Body.Standing;
        bool jumped = false;
        while (end - b.Now > 6)
        {
            double left = end - b.Now;
            double roll = b.Rng.NextDouble();
            // People drift back to face the room (mirror, coach) between actions; heading also changes what the
            // contract's Cardan angles call flexion (R_rel includes it), so keep a bend a bend.
            if (Math.Abs(b.Current.HeadingDeg) > 30) b.FaceFront();
            if (hazard == Hazard.Jumping && !jumped && left > 12) { Jumps(b); jumped = true; }
            else if (roll < 0.22) b.Wait(b.Uniform(2, Math.Min(8, left - 4)));
            else if (roll < 0.42) Shuffle(b);
            else if (roll < 0.57) StepsAwayAndBack(b);
            else if (roll < 0.67) TurnAndBack(b);
            else if (roll < 0.77 && left > 22) { b.FaceFront(); SitDownAndUp(b); } // the bench is in front of the mirror
            else if (roll < 0.9 && left > 18) Bottle(b);
            else OverheadStretch(b);
        }
        b.FaceFront();
        b.Move(stand.With(headingDeg: b.Current.HeadingDeg).WithHipOf(b.Current), 0.8);
        if (end > b.Now) b.Wait(end - b.Now);
    }

    /// <summary>Rest without getting up: lie or kneel there, adjust, fidget.</summary>
    public static void OnFloor(SessionBuilder b, SimPosture posture, double durationS)
    {
        double end = b.Now + durationS;
        var basePose = b.Current.With(swayGain: 0.4);
        b.Move(basePose, 0.5);
        while (end - b.Now > 5)
        {
            double roll = b.Rng.NextDouble();
            if (roll < 0.35) b.Wait(b.Uniform(2, 6));
            else if (posture == SimPosture.AllFours && roll < 0.6 && end - b.Now > 12)
            {
                // Child's pose: sit back on the heels, trunk folds over the thighs.
                b.Move(basePose.With(flexionDeg: b.Uniform(105, 118), hipZM: 0.35), b.Uniform(1.8, 2.6));
                b.Wait(b.Uniform(3, 7));
                b.Move(basePose, b.Uniform(1.6, 2.4));
            }
            else
            {
                // Shift the pelvis, let the knees sway, scratch an itch: a few degrees, slowly.
                var shifted = basePose;
                shifted.RotationDeg += b.Uniform(-6, 6);
                shifted.LateralDeg += b.Uniform(-3, 3);
                shifted.FlexionDeg += b.Uniform(-3, 3);
                shifted.HipYM += b.Uniform(-0.03, 0.03);
                b.Move(shifted, b.Uniform(0.9, 1.8));
                b.Wait(b.Uniform(0.5, 3));
                b.Move(basePose.With(rotationDeg: basePose.RotationDeg + b.Uniform(-1.5, 1.5)), b.Uniform(0.9, 1.8));
            }
        }
        if (end > b.Now) b.Wait(end - b.Now);
    }

    private static void Shuffle(SessionBuilder b)
    {
        var s = b.Current;
        var shifted = s;
        double dir = b.Rng.Next(2) == 0 ? 1 : -1;
        shifted.HipYM += dir * b.Uniform(0.02, 0.05);
        shifted.LateralDeg -= dir * b.Uniform(1.5, 4);
        shifted.RotationDeg += b.Uniform(-4, 4);
        b.Move(shifted, b.Uniform(0.9, 1.6));
        b.Wait(b.Uniform(0.5, 3));
        if (b.Rng.NextDouble() < 0.4) b.Walk(1, b.Uniform(-0.15, 0.2)); // a half step
        b.Move(s.WithHipOf(b.Current), b.Uniform(0.9, 1.6));
    }

    private static void StepsAwayAndBack(SessionBuilder b)
    {
        int steps = 2 + b.Rng.Next(4);
        double turn = (b.Rng.Next(2) == 0 ? 1 : -1) * b.Uniform(150, 190);
        b.Turn(turn, b.Uniform(70, 100));
        b.Walk(steps);
        b.Wait(b.Uniform(0.5, 3));
        b.Turn(-turn + b.Uniform(-20, 20), b.Uniform(70, 100));
        b.Walk(steps);
    }

    private static void TurnAndBack(SessionBuilder b)
    {
        double turn = (b.Rng.Next(2) == 0 ? 1 : -1) * b.Uniform(30, 100);
        b.Turn(turn, b.Uniform(50, 90));
        b.Wait(b.Uniform(1, 4));
        b.Turn(-turn + b.Uniform(-10, 10), b.Uniform(50, 90));
    }

    private static void SitDownAndUp(SessionBuilder b)
    {
        var s = b.Current;
        b.Move(s.With(flexionDeg: b.Uniform(28, 42), hipZM: 0.58), b.Uniform(1.1, 1.6)); // lower onto the bench
        b.Jolt(6, 0.12, -0.0025); // seat contact: ≈ +0.7 g for 0.1 s
        var seated = s.With(flexionDeg: b.Uniform(-10, 8), hipZM: 0.5, swayGain: 0.6);
        b.Move(seated, b.Uniform(0.7, 1.2));
        double seatedEnd = b.Now + b.Uniform(6, 14);
        while (seatedEnd - b.Now > 3)
        {
            // Lean on the knees, sit back, look around.
            b.Move(seated.With(flexionDeg: seated.FlexionDeg + b.Uniform(-5, 15), rotationDeg: b.Uniform(-10, 10)), b.Uniform(1.0, 2.0));
            b.Wait(b.Uniform(0.5, 2.5));
        }
        b.Move(s.With(flexionDeg: b.Uniform(32, 45), hipZM: 0.6, swayGain: 0.9), b.Uniform(0.9, 1.3)); // lean forward to stand
        b.Move(s, b.Uniform(1.0, 1.5));
    }

    private static void Bottle(SessionBuilder b)
    {
        var s = b.Current;
        double side = b.Rng.Next(2) == 0 ? 1 : -1;
        b.Turn(side * b.Uniform(40, 75), 80);
        b.Walk(1 + b.Rng.Next(3));
        var reach = b.Current.With(flexionDeg: b.Uniform(28, 45), rotationDeg: side * b.Uniform(8, 22), lateralDeg: side * b.Uniform(-8, 2), hipZM: b.Current.HipZM - 0.05);
        var upright = b.Current;
        b.Move(reach, b.Uniform(0.9, 1.4));
        b.Wait(b.Uniform(0.2, 0.8));
        b.Move(upright, b.Uniform(0.9, 1.3));
        b.Move(upright.With(flexionDeg: -b.Uniform(4, 10)), b.Uniform(0.8, 1.2)); // drink: lean back a little
        b.Wait(b.Uniform(2, 5));
        b.Move(reach.With(flexionDeg: reach.FlexionDeg - b.Uniform(0, 8)), b.Uniform(0.9, 1.4));
        b.Wait(b.Uniform(0.2, 0.6));
        b.Move(upright, b.Uniform(0.9, 1.3));
        b.Turn(b.Uniform(170, 190) * -side, 85);
        b.Walk(1 + b.Rng.Next(3));
        _ = s;
    }

    private static void OverheadStretch(SessionBuilder b)
    {
        var s = b.Current;
        b.Move(s.With(flexionDeg: -b.Uniform(4, 10), lateralDeg: b.Uniform(-8, 8)), b.Uniform(1.2, 2.0));
        b.Wait(b.Uniform(1, 3));
        b.Move(s, b.Uniform(1.2, 2.0));
    }

    private static void Jumps(SessionBuilder b)
    {
        int n = 3 + b.Rng.Next(3);
        for (int i = 0; i < n; i++)
        {
            b.Jump();
            b.Wait(b.Uniform(0.3, 1.5));
        }
    }

    private static Pose WithHipOf(this Pose p, in Pose from)
    {
        p.HipXM = from.HipXM;
        p.HipYM = from.HipYM;
        return p;
    }
}
