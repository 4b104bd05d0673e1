using SpineSense.Motion.Results;

namespace SpineSense.Simulation.Geometry;

/// <summary>Unit conversions and the contract's Cardan convention (section 4).</summary>
public static class Angles
{
    public const double StandardGravity = 9.80665; // m/s² per g

    public static double DegToRad(double deg) => deg * (Math.PI / 180.0);

    public static double RadToDeg(double rad) => rad * (180.0 / Math.PI);

    /// <summary>
    /// Orientation of the lumbar segment relative to neutral standing from the contract's Cardan angles:
    /// R_rel = R_y(flexion)·R_x(lateral)·R_z(rotation), anatomical x anterior, y left, z superior.
    /// </summary>
    public static Quat FromCardan(double flexionDeg, double lateralDeg, double rotationDeg) =>
        Quat.AboutY(DegToRad(flexionDeg)) * Quat.AboutX(DegToRad(lateralDeg)) * Quat.AboutZ(DegToRad(rotationDeg));

    /// <summary>
    /// Decomposes R_rel into the contract's angles. With R = R_y(a)·R_x(b)·R_z(c):
    /// R[1,2] = −sin b, R[0,2] = sin a·cos b, R[2,2] = cos a·cos b, R[1,0] = cos b·sin c, R[1,1] = cos b·cos c.
    /// </summary>
    public static SpineAngles ToCardan(Quat q)
    {
        double w = q.W, x = q.X, y = q.Y, z = q.Z;
        double r02 = 2 * (x * z + w * y);
        double r12 = 2 * (y * z - w * x);
        double r22 = 1 - 2 * (x * x + y * y);
        double r10 = 2 * (x * y + w * z);
        double r11 = 1 - 2 * (x * x + z * z);
        double lateral = Math.Asin(Math.Clamp(-r12, -1.0, 1.0));
        double flexion = Math.Atan2(r02, r22);
        double rotation = Math.Atan2(r10, r11);
        return new SpineAngles(RadToDeg(flexion), RadToDeg(lateral), RadToDeg(rotation));
    }
}
