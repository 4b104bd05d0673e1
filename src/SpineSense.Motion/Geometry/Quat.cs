namespace SpineSense.Motion.Geometry;

/// <summary>
/// A unit quaternion in double precision (System.Numerics.Quaternion is single precision, which loses
/// about 0.01° per minute of 200 Hz integration). Rotates body vectors into the world: <c>v_w = q v_b q*</c>.
/// </summary>
public readonly record struct Quat(double W, double X, double Y, double Z)
{
    public static Quat Identity => new(1, 0, 0, 0);

    public static Quat operator *(Quat a, Quat b) => new(
        a.W * b.W - a.X * b.X - a.Y * b.Y - a.Z * b.Z,
        a.W * b.X + a.X * b.W + a.Y * b.Z - a.Z * b.Y,
        a.W * b.Y - a.X * b.Z + a.Y * b.W + a.Z * b.X,
        a.W * b.Z + a.X * b.Y - a.Y * b.X + a.Z * b.W);

    public Quat Conjugate() => new(W, -X, -Y, -Z);

    public Quat Normalized()
    {
        double n = Math.Sqrt(W * W + X * X + Y * Y + Z * Z);
        return n > 0 ? new(W / n, X / n, Y / n, Z / n) : Identity;
    }

    /// <summary>Rotation by the rotation vector <paramref name="rotRad"/> (axis × angle, radians).</summary>
    public static Quat FromRotationVector(Vec3 rotRad)
    {
        double angle = rotRad.Norm;
        if (angle < 1e-12) return new Quat(1, 0.5 * rotRad.X, 0.5 * rotRad.Y, 0.5 * rotRad.Z).Normalized();
        double half = 0.5 * angle, k = Math.Sin(half) / angle;
        return new(Math.Cos(half), rotRad.X * k, rotRad.Y * k, rotRad.Z * k);
    }

    /// <summary>
    /// Rotation by a small rotation vector (radians), by the series of cos(θ/2) and sin(θ/2)/θ to fourth order:
    /// no trigonometry on the per-sample path, error below 1e-8 rad for θ &lt; 0.2 rad (500 deg/s at 52 Hz).
    /// </summary>
    public static Quat FromSmallRotationVector(Vec3 rotRad)
    {
        double t2 = rotRad.X * rotRad.X + rotRad.Y * rotRad.Y + rotRad.Z * rotRad.Z;
        if (t2 > 0.04) return FromRotationVector(rotRad);
        double w = 1 - t2 / 8 + t2 * t2 / 384;
        double k = 0.5 - t2 / 48 + t2 * t2 / 3840;
        return new Quat(w, rotRad.X * k, rotRad.Y * k, rotRad.Z * k);
    }

    /// <summary>World up (0, 0, 1) expressed in the body frame: the third row of the rotation matrix.</summary>
    public Vec3 UpInBody() => new(2 * (X * Z - W * Y), 2 * (Y * Z + W * X), W * W - X * X - Y * Y + Z * Z);

    /// <summary>The rotation matrix of this quaternion (columns = body axes in the world).</summary>
    public Mat3 ToMatrix()
    {
        double ww = W * W, xx = X * X, yy = Y * Y, zz = Z * Z;
        double xy = X * Y, xz = X * Z, yz = Y * Z, wx = W * X, wy = W * Y, wz = W * Z;
        return new(
            ww + xx - yy - zz, 2 * (xy - wz), 2 * (xz + wy),
            2 * (xy + wz), ww - xx + yy - zz, 2 * (yz - wx),
            2 * (xz - wy), 2 * (yz + wx), ww - xx - yy + zz);
    }

    /// <summary>The quaternion of a rotation matrix (Shepperd's method, stable for every angle).</summary>
    public static Quat FromMatrix(Mat3 m)
    {
        double tr = m.M00 + m.M11 + m.M22;
        if (tr > 0)
        {
            double s = Math.Sqrt(tr + 1.0) * 2;
            return new Quat(0.25 * s, (m.M21 - m.M12) / s, (m.M02 - m.M20) / s, (m.M10 - m.M01) / s).Normalized();
        }
        if (m.M00 > m.M11 && m.M00 > m.M22)
        {
            double s = Math.Sqrt(1.0 + m.M00 - m.M11 - m.M22) * 2;
            return new Quat((m.M21 - m.M12) / s, 0.25 * s, (m.M01 + m.M10) / s, (m.M02 + m.M20) / s).Normalized();
        }
        if (m.M11 > m.M22)
        {
            double s = Math.Sqrt(1.0 + m.M11 - m.M00 - m.M22) * 2;
            return new Quat((m.M02 - m.M20) / s, (m.M01 + m.M10) / s, 0.25 * s, (m.M12 + m.M21) / s).Normalized();
        }
        double t = Math.Sqrt(1.0 + m.M22 - m.M00 - m.M11) * 2;
        return new Quat((m.M10 - m.M01) / t, (m.M02 + m.M20) / t, (m.M12 + m.M21) / t, 0.25 * t).Normalized();
    }

    /// <summary>The world vector of a body vector.</summary>
    public Vec3 Rotate(Vec3 v) => ToMatrix() * v;

    /// <summary>The body vector of a world vector (inverse rotation).</summary>
    public Vec3 InverseRotate(Vec3 v) => ToMatrix().TransposeTimes(v);
}
