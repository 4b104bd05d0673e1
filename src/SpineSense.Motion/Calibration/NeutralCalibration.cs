using SpineSense.Motion.Geometry;

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
}
