using SpineSense.Simulation.Geometry;
using SpineSense.Simulation.Kinematics;

namespace SpineSense.Simulation.Sensor;

/// <summary>
/// The mounting over time: the initial <see cref="Mounting"/> plus strap slips. Getting up from the floor drags the
/// strap: each such moment the sensor turns a little (mostly about its own z, in the plane of the back, some tilt)
/// over 0.4 s and stays there. The calibrated neutral of an analyzer is off by the accumulated slip afterwards.
/// </summary>
public sealed class MountingDrift
{
    private const double SlipDurationS = 0.4;
    private readonly Quat _initial;
    private readonly double[] _startsS;
    private readonly Vec3[] _slipsRad;
    private readonly Quat[] _before; // mounting before slip i (all earlier slips applied)

    public MountingDrift(Mounting mounting, IReadOnlyList<double> slipTimesS, double slipSigmaDeg, Random rng)
    {
        _initial = mounting.SensorToAnatomical;
        int n = slipSigmaDeg > 0 ? slipTimesS.Count : 0;
        _startsS = new double[n];
        _slipsRad = new Vec3[n];
        _before = new Quat[n];
        Quat q = _initial;
        for (int i = 0; i < n; i++)
        {
            _startsS[i] = slipTimesS[i];
            double z = Math.Clamp(Sensor.SensorErrors.Gaussian(rng), -3, 3) * slipSigmaDeg;
            double x = Math.Clamp(Sensor.SensorErrors.Gaussian(rng), -3, 3) * slipSigmaDeg * 0.5;
            _slipsRad[i] = new Vec3(Angles.DegToRad(x), 0, Angles.DegToRad(z));
            _before[i] = q;
            q = (q * Quat.FromRotationVector(_slipsRad[i])).Normalized();
        }
        Final = q;
    }

    /// <summary>Sensor frame → anatomical frame at the end of the recording.</summary>
    public Quat Final { get; }

    public int SlipCount => _startsS.Length;

    /// <summary>Sensor frame → anatomical frame at <paramref name="timeS"/>.</summary>
    public Quat At(double timeS)
    {
        int i = Array.BinarySearch(_startsS, timeS);
        if (i < 0) i = ~i - 1; // last slip that started at or before t
        if (i < 0) return _initial;
        double tau = (timeS - _startsS[i]) / SlipDurationS;
        if (tau >= 1) return i + 1 < _before.Length ? _before[i + 1] : Final; // settled: no trigonometry per step
        double fraction = Profiles.MinJerk(tau);
        return _before[i] * Quat.FromRotationVector(_slipsRad[i] * fraction);
    }
}
