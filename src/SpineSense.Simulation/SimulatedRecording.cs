using SpineSense.Motion.Samples;
using SpineSense.Simulation.Kinematics;
using SpineSense.Simulation.Sensor;
using SpineSense.Simulation.Truth;

namespace SpineSense.Simulation;

/// <summary>A simulated recording: the rows a real sensor would have delivered, and what really happened.</summary>
public sealed class SimulatedRecording
{
    internal SimulatedRecording(ScenarioSpec spec, ImuSample[] samples, ImuSample[] clean, bool[] kept, double actualRateHz,
        Mounting mounting, MountingDrift mountingDrift, SensorErrorModel sensor, MotionTimeline timeline, GroundTruth truth)
    {
        Spec = spec;
        Samples = samples;
        CleanSamples = clean;
        Kept = kept;
        ActualRateHz = actualRateHz;
        Mounting = mounting;
        MountingDrift = mountingDrift;
        Sensor = sensor;
        Timeline = timeline;
        Truth = truth;
    }

    public ScenarioSpec Spec { get; }

    /// <summary>The recording's rows (contract section 2): sensor frame, sensor errors, jittered time, lost rows removed.</summary>
    public ImuSample[] Samples { get; }

    /// <summary>Noise-free sensor output for every sample instant before loss (time = true instant, no jitter).</summary>
    public ImuSample[] CleanSamples { get; }

    /// <summary>Which rows of <see cref="CleanSamples"/> survived packet loss (same length as it).</summary>
    public bool[] Kept { get; }

    /// <summary>Nominal output data rate, Hz.</summary>
    public double RateHz => Spec.RateHz;

    /// <summary>The sensor's true rate (nominal with its crystal error), Hz: true instants are k / ActualRateHz.</summary>
    public double ActualRateHz { get; }

    /// <summary>The mounting at the start (the calibration stand).</summary>
    public Mounting Mounting { get; }

    /// <summary>The mounting over time, with strap slips (none at the low noise level).</summary>
    public MountingDrift MountingDrift { get; }

    public SensorErrorModel Sensor { get; }

    /// <summary>The noise-free motion (for plots and physics tests).</summary>
    public MotionTimeline Timeline { get; }

    public GroundTruth Truth { get; }

    /// <summary><c># key: value</c> comments for the recording file.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Metadata() =>
    [
        new("source", "spinesense virtual athlete"),
        new("exercise", Spec.BeginnerRoutine ? "beginner-routine" : Spec.Exercise ?? ""),
        new("rate_hz", Inv(RateHz)),
        new("seed", Spec.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("noise", Spec.Noise.ToString().ToLowerInvariant()),
        new("loss_percent", Inv(Spec.LossPercent)),
        new("hazard", Spec.Hazard.ToString().ToLowerInvariant()),
        new("calibration_s", Inv(Spec.CalibrationS)),
    ];

    private static string Inv(double v) => v.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);
}
