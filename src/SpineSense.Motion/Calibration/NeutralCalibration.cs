using SpineSense.Motion.Geometry;
using SpineSense.Motion.Samples;

namespace SpineSense.Motion.Calibration;

/// <summary>
/// What the quiet standing window says about how the sensor sits on this athlete (contract section 3).
/// </summary>
/// <param name="SensorFromAnatomical">Columns = the anatomical axes (x anterior, y left, z superior) in sensor
/// coordinates, so <c>v_sensor = M · v_anatomical</c> and <c>v_anatomical = Mᵀ · v_sensor</c>.</param>
/// <param name="GyroBiasDps">Gyro bias in the sensor frame, deg/s (the mean rate while standing still).</param>
/// <param name="GravityG">Mean specific-force magnitude during the window, g (1 ± scale error).</param>
/// <param name="SampleRateHz">Median sample rate in the window (jitter and gaps ignored).</param>
/// <param name="EndS">Time of the last calibration sample, seconds.</param>
public readonly record struct NeutralCalibration(
    Mat3 SensorFromAnatomical, Vec3 GyroBiasDps, double GravityG, double SampleRateHz, double EndS)
{
    /// <summary>
    /// Builds the anatomical frame from a mean specific force (points up at rest) as the contract says:
    /// superior = up; posterior = sensor +z made perpendicular to up; anterior = −posterior; left = superior × anterior.
    /// </summary>
    public static Mat3 FrameFromGravity(Vec3 meanAccSensorG)
    {
        Vec3 superior = meanAccSensorG.Normalized();
        var sensorZ = new Vec3(0, 0, 1);
        Vec3 posterior = sensorZ - superior * Vec3.Dot(sensorZ, superior);
        // A sensor lying flat (z along gravity) has no posterior direction; fall back to sensor −y, which
        // is what +z would be after the ±90° tilt that caused it. Never happens with quiet standing.
        if (posterior.Norm < 1e-6) posterior = new Vec3(0, -1, 0) - superior * Vec3.Dot(new Vec3(0, -1, 0), superior);
        posterior = posterior.Normalized();
        Vec3 anterior = -posterior;
        Vec3 left = Vec3.Cross(superior, anterior);
        return Mat3.FromColumns(anterior, left, superior);
    }

    /// <summary>
    /// This calibration with the gyro bias about the horizontal axes taken from the gravity reference instead of the
    /// window's mean rate: quiet standing sways (a few tenths of a degree over the window, i.e. up to ~0.2 deg/s of
    /// mean rate), and gravity sees that sway, so the rate the gyro integrates between the first and last third of
    /// the window minus the tilt the accelerometer saw between them is the bias. About the vertical nothing better
    /// than the mean rate exists. <paramref name="window"/> is the calibration window's samples in time order.
    /// </summary>
    public NeutralCalibration WithGravityReferencedBias(ReadOnlySpan<ImuSample> window)
    {
        if (window.Length < 6) return this;
        double t0 = window[0].TimeS, spanS = window[^1].TimeS - t0;
        if (!(spanS > 0)) return this;
        Vec3 accFirst = default, accLast = default, angleFirst = default, angleLast = default, angle = default;
        double timeFirst = 0, timeLast = 0;
        int nFirst = 0, nLast = 0;
        Vec3 prevRate = default;
        for (int i = 0; i < window.Length; i++)
        {
            var s = window[i];
            var rate = new Vec3(s.GyrXDps, s.GyrYDps, s.GyrZDps) - GyroBiasDps;
            if (i > 0) angle += (rate + prevRate) * (0.5 * (s.TimeS - window[i - 1].TimeS));
            prevRate = rate;
            double u = (s.TimeS - t0) / spanS;
            var acc = new Vec3(s.AccXG, s.AccYG, s.AccZG);
            if (u < 1.0 / 3) { accFirst += acc; angleFirst += angle; timeFirst += s.TimeS; nFirst++; }
            else if (u > 2.0 / 3) { accLast += acc; angleLast += angle; timeLast += s.TimeS; nLast++; }
        }
        if (nFirst == 0 || nLast == 0) return this;
        double dtS = (timeLast / nLast) - (timeFirst / nFirst);
        if (!(dtS > 0) || accFirst.Norm < 1e-6 || accLast.Norm < 1e-6) return this;
        Vec3 upFirst = accFirst.Normalized(), upLast = accLast.Normalized();
        // Small rotations: the gyro's mean-angle change between the thirds (deg, bias = window mean removed) and
        // the body rotation gravity saw (up turns opposite to the body: φ ≈ u_last × u_first).
        Vec3 gyroTurnDeg = angleLast * (1.0 / nLast) - angleFirst * (1.0 / nFirst);
        Vec3 gravityTurnDeg = Vec3.Cross(upLast, upFirst) * Angle.DegPerRad;
        Vec3 residualDps = (gyroTurnDeg - gravityTurnDeg) * (1.0 / dtS);
        Vec3 up = SensorFromAnatomical * new Vec3(0, 0, 1);
        Vec3 horizontalDps = residualDps - up * Vec3.Dot(residualDps, up);
        return this with { GyroBiasDps = GyroBiasDps + horizontalDps };
    }
}
