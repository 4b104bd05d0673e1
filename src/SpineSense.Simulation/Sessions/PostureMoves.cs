using SpineSense.Simulation.Kinematics;

namespace SpineSense.Simulation.Sessions;

/// <summary>
/// Getting from standing into an exercise posture and back, through the intermediate poses people use
/// (squat down, sit, roll back; kneel, hands down; step onto the bench, lean onto the pad). Durations and the
/// small sideways and twisting components vary per transition, as they do in life.
/// </summary>
public static class PostureMoves
{
    /// <summary>The resting pose of <paramref name="posture"/> (side: +1 right side down, −1 left).</summary>
    public static Pose Base(SessionBuilder b, SimPosture posture, int side, Pose standing)
    {
        var p = standing;
        // On the floor the mat sets the heading: the athlete lines up with it (0°). Near lateral ±90° (side-lying)
        // any heading offset would swing the contract's flexion and rotation wildly (gimbal lock of the Cardan sequence).
        p.HeadingDeg = posture is SimPosture.Standing or SimPosture.Bench45 or SimPosture.HalfKneeling ? b.Current.HeadingDeg : 0;
        p.HipXM = b.Current.HipXM;
        p.HipYM = b.Current.HipYM;
        switch (posture)
        {
            case SimPosture.Supine:
                p.FlexionDeg = -b.Uniform(87, 94); p.HipZM = 0.11; p.SwayGain = 0.3; break;
            case SimPosture.AllFours:
                p.FlexionDeg = b.Uniform(85, 94); p.HipZM = 0.62; p.SwayGain = 0.35; break;
            case SimPosture.SideLying:
                // Head resting on the arm lifts the trunk a little off horizontal.
                p.LateralDeg = side * b.Uniform(76, 84); p.FlexionDeg = b.Uniform(-4, 4); p.HipZM = 0.15; p.SwayGain = 0.3; break;
            case SimPosture.Bench45:
                p.FlexionDeg = b.Uniform(42, 48); p.HipZM = b.Body.HipHeightM + 0.05; p.SwayGain = 0.6; break;
            case SimPosture.SeatedReclined:
                p.FlexionDeg = -b.Uniform(35, 45); p.HipZM = 0.12; p.SwayGain = 0.8; break;
            case SimPosture.HalfKneeling:
                p.FlexionDeg = -b.Uniform(5, 11); p.HipZM = 0.58; p.SwayGain = 1.1; break;
        }
        return p;
    }

    public static void Enter(SessionBuilder b, SimPosture posture, in Pose target)
    {
        double v() => b.Uniform(0.85, 1.3);
        double wob() => b.Uniform(-5, 5);
        var s = b.Current;
        switch (posture)
        {
            case SimPosture.Standing:
                b.Move(target, 1.0 * v());
                return;
            case SimPosture.Supine:
            case SimPosture.SideLying:
            case SimPosture.SeatedReclined:
                b.Move(s.With(flexionDeg: b.Uniform(25, 40), lateralDeg: wob(), hipZM: 0.5, swayGain: 0.8), 1.4 * v()); // squat down
                b.Move(s.With(flexionDeg: b.Uniform(0, 12), rotationDeg: wob(), hipZM: 0.16, swayGain: 0.6), 1.3 * v()); // sit on the floor
                b.Move(target, 1.7 * v());
                break;
            case SimPosture.AllFours:
                b.Move(s.With(flexionDeg: b.Uniform(8, 20), lateralDeg: wob(), hipZM: 0.66, swayGain: 0.8), 1.6 * v()); // kneel
                b.Move(target, 1.4 * v()); // hands down
                break;
            case SimPosture.Bench45:
                b.Walk(2);
                b.Move(s.With(hipZM: target.HipZM, headingDeg: b.Current.HeadingDeg).WithHip(b.Current), 0.9 * v()); // step onto the platform
                b.Move(target.WithHip(b.Current).With(hipZM: target.HipZM), 1.6 * v()); // lean onto the pad
                break;
            case SimPosture.HalfKneeling:
                b.Walk(1);
                b.Move(s.WithHip(b.Current).With(flexionDeg: b.Uniform(6, 14), hipZM: 0.64, swayGain: 0.9), 1.8 * v());
                b.Move(target.WithHip(b.Current), 1.0 * v());
                break;
        }
        b.Wait(b.Uniform(0.8, 2.0));
    }

    public static void Leave(SessionBuilder b, SimPosture posture, in Pose standing)
    {
        double v() => b.Uniform(0.85, 1.3);
        double wob() => b.Uniform(-6, 6);
        var s = b.Current;
        var up = standing.WithHip(s).With(headingDeg: s.HeadingDeg);
        // Pushing up from the floor drags the strap over the skin.
        if (posture is not (SimPosture.Standing or SimPosture.Bench45)) b.StrapSlipTimes.Add(b.Now + b.Uniform(0.3, 1.5));
        switch (posture)
        {
            case SimPosture.Standing:
                b.Move(up, 1.0 * v());
                return;
            case SimPosture.Supine:
                b.Move(s.With(flexionDeg: b.Uniform(25, 45), rotationDeg: wob(), hipZM: 0.16, swayGain: 0.7), 1.7 * v()); // sit up
                b.Move(s.With(flexionDeg: b.Uniform(25, 40), lateralDeg: wob(), hipZM: 0.5, swayGain: 0.9), 1.5 * v());
                break;
            case SimPosture.SideLying:
            case SimPosture.SeatedReclined:
                b.Move(s.With(flexionDeg: b.Uniform(5, 15), lateralDeg: 0, rotationDeg: wob(), hipZM: 0.16, swayGain: 0.7), 1.6 * v());
                b.Move(s.With(flexionDeg: b.Uniform(25, 40), lateralDeg: wob(), rotationDeg: 0, hipZM: 0.5, swayGain: 0.9), 1.5 * v());
                break;
            case SimPosture.AllFours:
                b.Move(s.With(flexionDeg: b.Uniform(10, 22), hipZM: 0.66, swayGain: 0.8), 1.4 * v()); // sit up to kneeling
                break;
            case SimPosture.Bench45:
                b.Move(s.With(flexionDeg: b.Uniform(0, 6)), 1.5 * v());
                b.Move(up.With(flexionDeg: 0), 0.9 * v()); // step down
                break;
            case SimPosture.HalfKneeling:
                b.Move(s.With(flexionDeg: b.Uniform(10, 20), hipZM: 0.7), 1.2 * v());
                break;
        }
        b.Move(up, 1.4 * v());
        b.Wait(b.Uniform(0.5, 1.5));
    }

    /// <summary>Changes sides while lying (side plank, clamshell): sit up, then lie down on the other side.</summary>
    public static void SwitchSides(SessionBuilder b, in Pose otherSide)
    {
        var s = b.Current;
        b.Move(s.With(lateralDeg: 0, flexionDeg: b.Uniform(2, 12), hipZM: 0.17, swayGain: 0.6), b.Uniform(1.4, 2.2));
        b.Wait(b.Uniform(0.5, 2.0));
        b.Move(otherSide, b.Uniform(1.6, 2.4));
        b.Wait(b.Uniform(0.8, 1.8));
    }

    private static Pose WithHip(this Pose p, in Pose from)
    {
        p.HipXM = from.HipXM;
        p.HipYM = from.HipYM;
        return p;
    }
}
