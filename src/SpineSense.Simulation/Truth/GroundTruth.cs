using SpineSense.Motion.Exercises;
using SpineSense.Motion.Results;
using SpineSense.Simulation.Sensor;

namespace SpineSense.Simulation.Truth;

/// <summary>
/// What really happened in a simulated recording, from the noise-free kinematics and the contract's
/// definitions (sections 4–6). Independent of SpineSense.Motion's algorithms by construction.
/// </summary>
public sealed class GroundTruth
{
    internal GroundTruth(string exercise, double durationS, IReadOnlyList<TrueSet> sets, IReadOnlyList<TrueRep> reps,
        IReadOnlyList<TrueHold> holds, SpineAngles[] trueAngles, TruthSignals signals, SafetyLimits limits,
        IReadOnlyList<AlertEvent> alerts, IReadOnlyList<(double StartS, double EndS, SafetyLimits Limits)>? limitsByBlock)
    {
        Exercise = exercise;
        DurationS = durationS;
        Sets = sets;
        Reps = reps;
        Holds = holds;
        TrueAngles = trueAngles;
        Signals = signals;
        Limits = limits;
        Alerts = alerts;
        LimitsByBlock = limitsByBlock;
    }

    /// <summary>The exercise ID to analyze with ("auto" for a routine).</summary>
    public string Exercise { get; }

    public double DurationS { get; }

    public IReadOnlyList<TrueSet> Sets { get; }

    /// <summary>Reps in time order, numbered within their set, with flags from <see cref="Alerts"/>.</summary>
    public IReadOnlyList<TrueRep> Reps { get; }

    public IReadOnlyList<TrueHold> Holds { get; }

    /// <summary>True angles at the instant each row of <see cref="SimulatedRecording.Samples"/> was measured (same index).</summary>
    public SpineAngles[] TrueAngles { get; }

    public TruthSignals Signals { get; }

    /// <summary>The limits <see cref="Alerts"/> (and rep flags) were computed for.</summary>
    public SafetyLimits Limits { get; }

    /// <summary>For a routine: the exercise limits in force in each time span (null for a single exercise).</summary>
    public IReadOnlyList<(double StartS, double EndS, SafetyLimits Limits)>? LimitsByBlock { get; }

    public IReadOnlyList<AlertEvent> Alerts { get; }

    /// <summary>True alerts for other limits (a physio's per-athlete limits, analyze flags).</summary>
    public IReadOnlyList<AlertEvent> AlertsFor(SafetyLimits limits) => AlertTruth.Compute(Signals, limits);

    /// <summary>Total reps across sets.</summary>
    public int RepCount => Reps.Count;
}
