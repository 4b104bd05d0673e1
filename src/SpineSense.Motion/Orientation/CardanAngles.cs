using SpineSense.Motion.Geometry;
using SpineSense.Motion.Results;

namespace SpineSense.Motion.Orientation;

/// <summary>
/// The contract's angle convention (section 4): <c>R_rel = R_y(flexion) · R_x(lateral) · R_z(rotation)</c>,
/// anatomical axes x = anterior, y = left, z = superior. Expanding the product gives
/// <c>R02 = sin f cos l</c>, <c>R22 = cos f cos l</c>, <c>R12 = −sin l</c>, <c>R10 = cos l sin r</c>, <c>R11 = cos l cos r</c>.
/// </summary>
public static class CardanAngles
{
    /// <summary>Angles (degrees) of a relative rotation <paramref name="rel"/> = R_neutralᵀ · R(t).</summary>
    public static SpineAngles FromRelative(in Mat3 rel)
    {
        double flexion = Math.Atan2(rel.M02, rel.M22);
        double lateral = Math.Asin(Math.Clamp(-rel.M12, -1.0, 1.0));
        double rotation = Math.Atan2(rel.M10, rel.M11);
        return new SpineAngles(Angle.RadToDeg(flexion), Angle.RadToDeg(lateral), Angle.RadToDeg(rotation));
    }

    /// <summary>The relative rotation of given angles (degrees): the inverse of <see cref="FromRelative"/>.</summary>
    public static Mat3 ToRelative(double flexionDeg, double lateralDeg, double rotationDeg) =>
        Mat3.RotY(Angle.DegToRad(flexionDeg)) * Mat3.RotX(Angle.DegToRad(lateralDeg)) * Mat3.RotZ(Angle.DegToRad(rotationDeg));
}
