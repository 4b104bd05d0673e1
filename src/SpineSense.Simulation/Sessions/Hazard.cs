namespace SpineSense.Simulation.Sessions;

/// <summary>Unsafe behaviour a scenario injects, each caught by one alert kind of the contract.</summary>
public enum Hazard
{
    None,
    /// <summary>Some reps of a hinge or squat round past the flexion limit (more as the set tires).</summary>
    Rounding,
    /// <summary>Some back-extension reps over-arch at the top, well past the line of the legs.</summary>
    OverArching,
    /// <summary>Jumps during the rests (high impact). Fast loaded rotation is the "russian-twist" exercise.</summary>
    Jumping,
}
