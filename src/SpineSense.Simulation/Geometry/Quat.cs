namespace SpineSense.Simulation.Geometry;

/// <summary>
/// Unit quaternion (W + Xi + Yj + Zk) for a rotation taking body-frame vectors to the parent frame:
/// v_parent = q ⊗ v_body ⊗ q*. <c>a * b</c> applies <c>b</c> first (in the body), like the matrix product R_a·R_b.
/// </summary>
public readonly record struct Quat(double W, double X, double Y, double Z)
{
    public static Quat Identity => new(1, 0, 0, 0);

    public static Quat operator *(Quat a, Quat b) => new(
        a.W * b.W - a.X * b.X - a.Y * b.Y - a.Z * b.Z,
        a.W * b.X + a.X * b.W + a.Y * b.Z - a.Z * b.Y,
        a.W * b.Y - a.X * b.Z + a.Y * b.W + a.Z * b.X,
        a.W * b.Z + a.X * b.Y - a.Y * b.X + a.Z * b.W);

    public Quat Conjugate => new(W, -X, -Y, -Z);

    // A record prints every public instance property, and Conjugate is a Quat: the generated printer recursed into
    // the conjugate's conjugate until the stack overflowed. The four components are the whole value.
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("W = ").Append(W).Append(", X = ").Append(X).Append(", Y = ").Append(Y).Append(", Z = ").Append(Z);
        return true;
    }

    public static Quat AboutX(double rad) => new(Math.Cos(rad / 2), Math.Sin(rad / 2), 0, 0);
    public static Quat AboutY(double rad) => new(Math.Cos(rad / 2), 0, Math.Sin(rad / 2), 0);
    public static Quat AboutZ(double rad) => new(Math.Cos(rad / 2), 0, 0, Math.Sin(rad / 2));

    /// <summary>Rotation by |v| radians about v (a rotation vector).</summary>
    public static Quat FromRotationVector(Vec3 v)
    {
        double angle = v.Length;
        if (angle < 1e-12) return new Quat(1, v.X / 2, v.Y / 2, v.Z / 2).Normalized();
        double s = Math.Sin(angle / 2) / angle;
        return new Quat(Math.Cos(angle / 2), v.X * s, v.Y * s, v.Z * s);
    }

    /// <summary>The rotation vector (axis × angle, rad) of this rotation, angle in [0, π].</summary>
    public Vec3 ToRotationVector()
    {
        var q = W < 0 ? new Quat(-W, -X, -Y, -Z) : this;
        double sinHalf = Math.Sqrt(q.X * q.X + q.Y * q.Y + q.Z * q.Z);
        if (sinHalf < 1e-12) return new Vec3(2 * q.X, 2 * q.Y, 2 * q.Z);
        double angle = 2 * Math.Atan2(sinHalf, q.W);
        double k = angle / sinHalf;
        return new Vec3(q.X * k, q.Y * k, q.Z * k);
    }

    public Quat Normalized()
    {
        double n = Math.Sqrt(W * W + X * X + Y * Y + Z * Z);
        return new Quat(W / n, X / n, Y / n, Z / n);
    }

    /// <summary>Rotates a body-frame vector into the parent frame.</summary>
    public Vec3 Rotate(Vec3 v)
    {
        // v' = v + 2w(u×v) + 2u×(u×v), u = (X, Y, Z)
        var u = new Vec3(X, Y, Z);
        var t = 2 * u.Cross(v);
        return v + W * t + u.Cross(t);
    }

    /// <summary>Rotates a parent-frame vector into the body frame.</summary>
    public Vec3 RotateInverse(Vec3 v) => Conjugate.Rotate(v);

    /// <summary>Angle of this rotation, degrees in [0, 180].</summary>
    public double AngleDeg => Angles.RadToDeg(ToRotationVector().Length);
}
