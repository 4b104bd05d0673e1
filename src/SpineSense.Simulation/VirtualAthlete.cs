using SpineSense.Motion.Exercises;
using SpineSense.Motion.Samples;
using SpineSense.Simulation.Geometry;
using SpineSense.Simulation.Kinematics;
using SpineSense.Simulation.Sensor;
using SpineSense.Simulation.Sessions;
using SpineSense.Simulation.Truth;

namespace SpineSense.Simulation;

/// <summary>
/// The virtual athlete: scripts a session (<see cref="SessionScript"/>), moves a body through it
/// (<see cref="MotionTimeline"/>), measures it with a simulated lumbar IMU (<see cref="ImuSynthesizer"/>,
/// <see cref="SensorErrors"/>, <see cref="PacketLoss"/>) and computes the ground truth (<see cref="TruthBuilder"/>).
/// Deterministic for a <see cref="ScenarioSpec.Seed"/>; kinematics, sensor errors, mounting and loss use separate
/// random streams, so changing the noise level does not change the movement.
/// </summary>
public static class VirtualAthlete
{
    public static SimulatedRecording Simulate(ScenarioSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        spec.Validate();
        var kinematicsRng = Stream(spec.Seed, 1);
        var body = AthleteBody.Draw(kinematicsRng);
        var timeline = new MotionTimeline(new SwayModel(kinematicsRng), body.SensorOffsetM);
        var builder = new SessionBuilder(timeline, kinematicsRng, body);
        var blocks = spec.BeginnerRoutine ? SessionScript.BeginnerRoutine(kinematicsRng) : [SingleBlock(spec, kinematicsRng)];
        SessionScript.Write(builder, blocks, spec.CalibrationS, spec.Hazard);
        double durationS = builder.Now;

        var mounting = spec.Mounting ?? Mounting.Random(Stream(spec.Seed, 4));
        // The truth's neutral is the calibration window's (contract 3–4). Off-midline yaw is outside the contract's
        // mounting model, so its truth stays anatomical: the neutral's posterior is the sensor's +z without it.
        timeline.CalibrateNeutral(spec.CalibrationS, (mounting with { OffMidlineYawDeg = 0 }).SensorToAnatomical.Rotate(new Vec3(0, 0, 1)));
        var errors = spec.IdealSensor ? SensorErrorModel.Ideal : SensorErrorModel.Draw(spec.Noise, Stream(spec.Seed, 2));
        double actualRate = spec.RateHz * (1 + errors.RateErrorPpm * 1e-6);
        var tissue = spec.RigidAttachment ? SoftTissue.Rigid : SoftTissue.Draw(Stream(spec.Seed, 6));
        var drift = new MountingDrift(mounting, builder.StrapSlipTimes, errors.StrapSlipSigmaDeg, Stream(spec.Seed, 7));
        var synth = ImuSynthesizer.Run(timeline, durationS, actualRate, mounting, tissue, drift);
        var measured = SensorErrors.Apply(synth.Clean, errors, spec.RateHz, Stream(spec.Seed, 3));
        var samples = PacketLoss.Apply(measured, spec.LossPercent / 100, spec.CalibrationS + 0.5, spec.RateHz, Stream(spec.Seed, 5), out bool[] kept);

        var trueTimes = new double[samples.Length];
        for (int i = 0, j = 0; i < kept.Length; i++) if (kept[i]) trueTimes[j++] = synth.SampleTimesS[i];
        var limits = LimitsFor(spec, builder.Blocks, durationS, out var perBlock);
        var truth = TruthBuilder.Build(spec.AnalyzeExercise, samples[^1].TimeS, timeline, builder.Reps, builder.Holds,
            synth.Signals, limits, trueTimes, perBlock);
        return new SimulatedRecording(spec, samples, synth.Clean, kept, actualRate, mounting, drift, errors, timeline, truth);
    }

    /// <summary>
    /// Limits for the truth's alerts: the spec's, else the exercise's catalog defaults (SpineSense.Motion), with the
    /// over-arching hazard judged against the line of the legs on the 45° bench (alert below +20° flexion). A routine
    /// uses each exercise's limits during its own block.
    /// </summary>
    public static SafetyLimits LimitsFor(ScenarioSpec spec, IReadOnlyList<(string Exercise, double StartS, double EndS)> blocks,
        double durationS, out IReadOnlyList<(double StartS, double EndS, SafetyLimits Limits)>? perBlock)
    {
        perBlock = null;
        if (spec.Limits is { } given) return given;
        if (!spec.BeginnerRoutine) return DefaultLimits(spec.Exercise!, spec.Hazard);
        var list = new List<(double, double, SafetyLimits)>();
        for (int i = 0; i < blocks.Count; i++)
            list.Add((i == 0 ? 0 : blocks[i].StartS, i == blocks.Count - 1 ? durationS + 1 : blocks[i + 1].StartS, DefaultLimits(blocks[i].Exercise, Hazard.None)));
        perBlock = list;
        return SafetyLimits.General;
    }

    public static SafetyLimits DefaultLimits(string exercise, Hazard hazard)
    {
        var limits = ExerciseCatalog.TryGet(exercise, out var profile) ? profile.Limits : SafetyLimits.General;
        if (hazard == Hazard.OverArching) limits = limits with { MaxExtensionDeg = -20 };
        return limits;
    }

    private static SessionScript.Block SingleBlock(ScenarioSpec spec, Random rng)
    {
        var ex = ExerciseLibrary.Get(spec.Exercise!);
        double rest = spec.RestS ?? ex.DefaultRestS * (0.8 + 0.4 * rng.NextDouble());
        return new SessionScript.Block(ex, spec.Sets ?? ex.DefaultSets, spec.Reps ?? ex.DefaultReps, spec.HoldS, rest);
    }

    /// <summary>Independent, reproducible random stream <paramref name="stream"/> of a seed (not HashCode: that is randomised per process).</summary>
    private static Random Stream(int seed, int stream) => new(unchecked(seed * 1_000_003 + stream * 7_919));

    internal static ImuSample[] Empty => [];
}
