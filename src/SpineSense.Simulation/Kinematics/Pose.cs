namespace SpineSense.Simulation.Kinematics;

/// <summary>
/// The body state the simulator animates. Angles are the contract's Cardan angles of the lumbar segment
/// relative to neutral standing (degrees) after a heading turn about the vertical; the hip joint centre is
/// in world metres (x forward at calibration, y left, z up; z = 0 is the floor).
/// </summary>
public struct Pose
{
    public double HeadingDeg;
    public double FlexionDeg;
    public double LateralDeg;
    public double RotationDeg;
    public double HipXM;
    public double HipYM;
    public double HipZM;
    /// <summary>Scale of the postural sway and breathing added on top (1 = quiet standing).</summary>
    public double SwayGain;

    public const int ChannelCount = 8;

    public double this[int channel]
    {
        readonly get => channel switch
        {
            0 => HeadingDeg, 1 => FlexionDeg, 2 => LateralDeg, 3 => RotationDeg,
            4 => HipXM, 5 => HipYM, 6 => HipZM, _ => SwayGain,
        };
        set
        {
            switch (channel)
            {
                case 0: HeadingDeg = value; break;
                case 1: FlexionDeg = value; break;
                case 2: LateralDeg = value; break;
                case 3: RotationDeg = value; break;
                case 4: HipXM = value; break;
                case 5: HipYM = value; break;
                case 6: HipZM = value; break;
                default: SwayGain = value; break;
            }
        }
    }

    public static Pose Lerp(in Pose a, in Pose b, double s)
    {
        Pose r = default;
        r.HeadingDeg = a.HeadingDeg + (b.HeadingDeg - a.HeadingDeg) * s;
        r.FlexionDeg = a.FlexionDeg + (b.FlexionDeg - a.FlexionDeg) * s;
        r.LateralDeg = a.LateralDeg + (b.LateralDeg - a.LateralDeg) * s;
        r.RotationDeg = a.RotationDeg + (b.RotationDeg - a.RotationDeg) * s;
        r.HipXM = a.HipXM + (b.HipXM - a.HipXM) * s;
        r.HipYM = a.HipYM + (b.HipYM - a.HipYM) * s;
        r.HipZM = a.HipZM + (b.HipZM - a.HipZM) * s;
        r.SwayGain = a.SwayGain + (b.SwayGain - a.SwayGain) * s;
        return r;
    }

    public readonly Pose With(double? flexionDeg = null, double? lateralDeg = null, double? rotationDeg = null,
        double? hipZM = null, double? headingDeg = null, double? swayGain = null)
    {
        Pose p = this;
        if (flexionDeg is { } f) p.FlexionDeg = f;
        if (lateralDeg is { } l) p.LateralDeg = l;
        if (rotationDeg is { } r) p.RotationDeg = r;
        if (hipZM is { } z) p.HipZM = z;
        if (headingDeg is { } h) p.HeadingDeg = h;
        if (swayGain is { } g) p.SwayGain = g;
        return p;
    }
}
