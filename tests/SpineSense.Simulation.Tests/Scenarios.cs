using System.Collections.Concurrent;
using SpineSense.Simulation;
using SpineSense.Simulation.Sensor;

namespace SpineSense.Simulation.Tests;

/// <summary>Simulations shared by several tests (each takes 0.1–2 s), cached per spec.</summary>
internal static class Scenarios
{
    private static readonly ConcurrentDictionary<ScenarioSpec, Lazy<SimulatedRecording>> Cache = new();

    public static SimulatedRecording Get(ScenarioSpec spec) =>
        Cache.GetOrAdd(spec, s => new Lazy<SimulatedRecording>(() => VirtualAthlete.Simulate(s))).Value;

    /// <summary>Three short RDL sets with an ideal sensor and nominal mounting: physics tests read it.</summary>
    public static SimulatedRecording IdealRdl => Get(new ScenarioSpec
    {
        Exercise = "romanian-deadlift", Sets = 2, Reps = 5, RestS = 25, RateHz = 200, Seed = 11,
        IdealSensor = true, Mounting = Mounting.Nominal,
    });

    public static SimulatedRecording TypicalRdl => Get(new ScenarioSpec
    {
        Exercise = "romanian-deadlift", Sets = 2, Reps = 5, RestS = 25, RateHz = 200, Seed = 11,
    });
}
