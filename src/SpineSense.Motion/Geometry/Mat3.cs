namespace SpineSense.Motion.Geometry;

/// <summary>
/// A 3×3 rotation matrix stored by rows. As used here, <c>R · v_body = v_world</c>: the columns are the
/// body axes expressed in the world (or parent) frame.
/// </summary>
public readonly record struct Mat3(
    double M00, double M01, double M02,
    double M10, double M11, double M12,
    double M20, double M21, double M22)
{
    public static Mat3 Identity => new(1, 0, 0, 0, 1, 0, 0, 0, 1);

    /// <summary>The matrix whose columns are <paramref name="c0"/>, <paramref name="c1"/>, <paramref name="c2"/>.</summary>
    public static Mat3 FromColumns(Vec3 c0, Vec3 c1, Vec3 c2) =>
        new(c0.X, c1.X, c2.X, c0.Y, c1.Y, c2.Y, c0.Z, c1.Z, c2.Z);

    public Mat3 Transpose() => new(M00, M10, M20, M01, M11, M21, M02, M12, M22);

    public static Vec3 operator *(Mat3 m, Vec3 v) => new(
        m.M00 * v.X + m.M01 * v.Y + m.M02 * v.Z,
        m.M10 * v.X + m.M11 * v.Y + m.M12 * v.Z,
        m.M20 * v.X + m.M21 * v.Y + m.M22 * v.Z);

    /// <summary><c>Mᵀ · v</c> without forming the transpose.</summary>
    public Vec3 TransposeTimes(Vec3 v) => new(
        M00 * v.X + M10 * v.Y + M20 * v.Z,
        M01 * v.X + M11 * v.Y + M21 * v.Z,
        M02 * v.X + M12 * v.Y + M22 * v.Z);

    public static Mat3 operator *(Mat3 a, Mat3 b) => new(
        a.M00 * b.M00 + a.M01 * b.M10 + a.M02 * b.M20, a.M00 * b.M01 + a.M01 * b.M11 + a.M02 * b.M21, a.M00 * b.M02 + a.M01 * b.M12 + a.M02 * b.M22,
        a.M10 * b.M00 + a.M11 * b.M10 + a.M12 * b.M20, a.M10 * b.M01 + a.M11 * b.M11 + a.M12 * b.M21, a.M10 * b.M02 + a.M11 * b.M12 + a.M12 * b.M22,
        a.M20 * b.M00 + a.M21 * b.M10 + a.M22 * b.M20, a.M20 * b.M01 + a.M21 * b.M11 + a.M22 * b.M21, a.M20 * b.M02 + a.M21 * b.M12 + a.M22 * b.M22);

    /// <summary>Elementary rotation about x by <paramref name="rad"/> (right-hand rule).</summary>
    public static Mat3 RotX(double rad)
    {
        double c = Math.Cos(rad), s = Math.Sin(rad);
        return new(1, 0, 0, 0, c, -s, 0, s, c);
    }

    public static Mat3 RotY(double rad)
    {
        double c = Math.Cos(rad), s = Math.Sin(rad);
        return new(c, 0, s, 0, 1, 0, -s, 0, c);
    }

    public static Mat3 RotZ(double rad)
    {
        double c = Math.Cos(rad), s = Math.Sin(rad);
        return new(c, -s, 0, s, c, 0, 0, 0, 1);
    }
}
