using SpineSense.Motion.Exercises;
using SpineSense.Simulation.Sensor;
using SpineSense.Simulation.Sessions;

namespace SpineSense.Simulation;

/// <summary>
/// What to simulate. Either one exercise (<see cref="Exercise"/>, with optional sets/reps/hold/rest overrides)
/// or the seed's whole beginner routine (<see cref="BeginnerRoutine"/>). Everything random is drawn from
/// <see cref="Seed"/>, so the same spec always gives the same recording.
/// </summary>
public sealed record ScenarioSpec
{
    /// <summary>An ID of <see cref="ExerciseLibrary"/> (the contract's 11 plus "russian-twist" and the two stretches).</summary>
    public string? Exercise { get; init; }

    public bool BeginnerRoutine { get; init; }

    public int? Sets { get; init; }

    /// <summary>Reps per set; each-side exercises count every excursion or step.</summary>
    public int? Reps { get; init; }

    /// <summary>Hold duration per side (holds only); default drawn from the seed's range.</summary>
    public double? HoldS { get; init; }

    /// <summary>Rest between sets; default the exercise's (45–90 s, ±20%). At least 20 s so sets stay apart (15 s rule).</summary>
    public double? RestS { get; init; }

    /// <summary>Nominal output data rate: one of <see cref="SupportedRatesHz"/>.</summary>
    public double RateHz { get; init; } = 200;

    public int Seed { get; init; } = 1;

    /// <summary>Percentage of rows lost in BLE packet bursts (0–50).</summary>
    public double LossPercent { get; init; }

    public NoiseLevel Noise { get; init; } = NoiseLevel.Typical;

    /// <summary>Mounting; null draws a random one within the contract's ±25° strap / ±20° tilt.</summary>
    public Mounting? Mounting { get; init; }

    public Hazard Hazard { get; init; }

    /// <summary>Quiet neutral standing at the start, s (contract: at least 2).</summary>
    public double CalibrationS { get; init; } = 3;

    /// <summary>Limits the truth's alerts are computed for; null = the exercise's catalog defaults (SpineSense.Motion).</summary>
    public SafetyLimits? Limits { get; init; }

    /// <summary>Sensor rigidly fixed to the spine (no skin/strap wobble). Default false: real sensors sit on skin.</summary>
    public bool RigidAttachment { get; init; }

    /// <summary>No sensor errors at all (noise, bias, scale, jitter); quantisation stays. For physics tests.</summary>
    public bool IdealSensor { get; init; }

    public static IReadOnlyList<double> SupportedRatesHz { get; } = [52, 100, 104, 200, 208, 400, 416, 833];

    /// <summary>
    /// The exercise ID to analyze the recording with (--exercise): the single exercise when it is one of the contract's,
    /// else "auto" (a routine, Russian twists, the stretches).
    /// </summary>
    public string AnalyzeExercise =>
        !BeginnerRoutine && Exercise is not null && ExerciseLibrary.ContractIds.Contains(Exercise) ? Exercise : "auto";

    /// <summary>Throws <see cref="ArgumentException"/> naming the bad field.</summary>
    public void Validate()
    {
        if (BeginnerRoutine == (Exercise is not null))
            throw new ArgumentException("give exactly one of an exercise or the beginner routine");
        if (Exercise is not null && !ExerciseLibrary.TryGet(Exercise, out _))
            throw new ArgumentException($"unknown exercise '{Exercise}'; known: {string.Join(", ", ExerciseLibrary.All.Select(e => e.Id))}");
        if (!SupportedRatesHz.Contains(RateHz))
            throw new ArgumentException($"rate {RateHz} Hz is not one of {string.Join(", ", SupportedRatesHz)}");
        if (Sets is < 1 or > 20) throw new ArgumentException("sets must be 1..20");
        if (Reps is < 1 or > 100) throw new ArgumentException("reps must be 1..100");
        if (HoldS is < 5 or > 300) throw new ArgumentException("hold must be 5..300 s");
        if (RestS is < 20 or > 600) throw new ArgumentException("rest must be 20..600 s (sets are apart when ≥ 15 s pass without reps)");
        if (LossPercent is < 0 or > 50 || double.IsNaN(LossPercent)) throw new ArgumentException("loss must be 0..50 %");
        if (CalibrationS is < 2 or > 30 || double.IsNaN(CalibrationS)) throw new ArgumentException("calibration must be 2..30 s");
        if (Mounting is { } m && (Math.Abs(m.StrapRotationDeg) > 25 || Math.Abs(m.TiltDeg) > 20 || Math.Abs(m.OffMidlineYawDeg) > 10))
            throw new ArgumentException("mounting must be within strap ±25°, tilt ±20°, off-midline yaw ±10°");
    }
}
