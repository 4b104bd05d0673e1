using SpineSense.Motion.Geometry;
using SpineSense.Motion.Orientation;

namespace SpineSense.Motion.Tests.Support;

/// <summary>Known angles over time (degrees), as the contract defines them, for building ideal sensor data.</summary>
public delegate (double FlexionDeg, double LateralDeg, double RotationDeg) AngleFunction(double timeS);

/// <summary>Minimum-jerk movement shapes (Flash &amp; Hogan), the usual model of smooth human movement.</summary>
public static class MinJerk
{
    /// <summary>Position fraction 0→1 at normalised time τ ∈ [0, 1].</summary>
    public static double Position(double tau)
    {
        tau = Math.Clamp(tau, 0, 1);
        return tau * tau * tau * (10 - 15 * tau + 6 * tau * tau);
    }

    /// <summary>
    /// Fraction of the move after which its speed first exceeds 10% of the peak speed: the speed profile
    /// 30τ²(1−τ)² reaches 0.1 · 30/16 where τ(1−τ) = 0.0791, τ ≈ 0.0865.
    /// </summary>
    public const double TenPercentTau = 0.08654;
}

/// <summary>
/// A rep plan: standing or lying start angle, excursion per rep with its four phases. Produces the contract
/// truth for each rep, computed analytically (min-jerk phases start at 8.65% and end at 91.35% of the move).
/// </summary>
public sealed record RepPlan(double StartS, int Reps, double EccentricS, double BottomS, double ConcentricS, double TopS,
    double AmplitudeDeg)
{
    public double PeriodS => EccentricS + BottomS + ConcentricS + TopS;
    public double EndS => StartS + Reps * PeriodS;

    /// <summary>Excursion (degrees) at <paramref name="timeS"/>: 0 outside the plan.</summary>
    public double Excursion(double timeS)
    {
        if (timeS < StartS || timeS >= EndS) return 0;
        double u = (timeS - StartS) % PeriodS;
        if (u < EccentricS) return AmplitudeDeg * MinJerk.Position(u / EccentricS);
        u -= EccentricS;
        if (u < BottomS) return AmplitudeDeg;
        u -= BottomS;
        if (u < ConcentricS) return AmplitudeDeg * (1 - MinJerk.Position(u / ConcentricS));
        return 0;
    }

    public (double StartS, double EccS, double BottomS, double ConS, double EndS) TruthOfRep(int i)
    {
        double s0 = StartS + i * PeriodS;
        double eccStart = s0 + MinJerk.TenPercentTau * EccentricS;
        double eccEnd = s0 + (1 - MinJerk.TenPercentTau) * EccentricS;
        double conStart = s0 + EccentricS + BottomS + MinJerk.TenPercentTau * ConcentricS;
        double conEnd = s0 + EccentricS + BottomS + (1 - MinJerk.TenPercentTau) * ConcentricS;
        return (eccStart, eccEnd - eccStart, conStart - eccEnd, conEnd - conStart, conEnd);
    }
}

/// <summary>How the sensor sits and what errors it has.</summary>
public sealed record SensorModel(
    double RateHz = 200,
    double MountRollDeg = 0,      // rotation in the plane of the back (about sensor z)
    double MountTiltDeg = 0,      // lumbar-curve tilt (about sensor x)
    double GyroBiasDps = 0,
    double AccNoiseG = 0,
    double GyroNoiseDps = 0,
    double JitterFraction = 0,
    int Seed = 1);

/// <summary>Ideal (optionally noisy) lumbar IMU samples for a known angle trajectory of a segment rotating about
/// the sensor (no linear acceleration unless <paramref name="linearAccWorldG"/> is given).</summary>
public static class SyntheticImu
{
    // Nominal mounting: anatomical axes in sensor coordinates (anterior = −z, left = −x, superior = +y).
    public static Mat3 NominalSensorFromAnatomical => Mat3.FromColumns(new Vec3(0, 0, -1), new Vec3(-1, 0, 0), new Vec3(0, 1, 0));

    public static List<Samples.ImuSample> Generate(double durationS, AngleFunction angles, SensorModel model,
        Func<double, Vec3>? linearAccWorldG = null, Func<double, bool>? dropped = null)
    {
        var rng = new Random(model.Seed);
        // Mounting: the sensor is the nominal one rotated by roll (about its z) then tilt (about its x).
        // (tilt about the anatomical left–right axis, so sensor +z stays in the sagittal plane as the contract assumes).
        Mat3 mount = Mat3.RotX(Angle.DegToRad(model.MountTiltDeg)) * Mat3.RotZ(Angle.DegToRad(model.MountRollDeg));
        Mat3 sensorFromAnat = mount.Transpose() * NominalSensorFromAnatomical;
        // Neutral: the anatomical frame the calibration will find is gravity-defined; with the trajectory's
        // angles zero at t = 0, neutral = identity.
        var list = new List<Samples.ImuSample>();
        double dtNominal = 1.0 / model.RateHz, t = 0;
        while (t <= durationS)
        {
            if (dropped is null || !dropped(t))
            {
                const double h = 1e-4;
                Mat3 r0 = Rel(angles, t - h), r1 = Rel(angles, t + h);
                Quat q0 = Quat.FromMatrix(r0), q1 = Quat.FromMatrix(r1);
                Quat dq = q0.Conjugate() * q1;
                if (dq.W < 0) dq = new Quat(-dq.W, -dq.X, -dq.Y, -dq.Z);
                var omegaAnatRad = new Vec3(dq.X, dq.Y, dq.Z) * (2.0 / (2 * h));
                Mat3 r = Rel(angles, t);
                Vec3 fWorld = new Vec3(0, 0, 1) + (linearAccWorldG?.Invoke(t) ?? Vec3.Zero);
                Vec3 accAnat = r.TransposeTimes(fWorld);
                Vec3 acc = sensorFromAnat * accAnat;
                Vec3 gyro = sensorFromAnat * (omegaAnatRad * Angle.DegPerRad);
                list.Add(new Samples.ImuSample(t,
                    acc.X + Gauss(rng) * model.AccNoiseG, acc.Y + Gauss(rng) * model.AccNoiseG, acc.Z + Gauss(rng) * model.AccNoiseG,
                    gyro.X + model.GyroBiasDps + Gauss(rng) * model.GyroNoiseDps,
                    gyro.Y - 0.5 * model.GyroBiasDps + Gauss(rng) * model.GyroNoiseDps,
                    gyro.Z + 0.7 * model.GyroBiasDps + Gauss(rng) * model.GyroNoiseDps));
            }
            t += dtNominal * (1 + model.JitterFraction * (2 * rng.NextDouble() - 1));
        }
        return list;
    }

    private static Mat3 Rel(AngleFunction angles, double t)
    {
        var (f, l, r) = angles(t);
        return CardanAngles.ToRelative(f, l, r);
    }

    private static double Gauss(Random rng) =>
        Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
}
