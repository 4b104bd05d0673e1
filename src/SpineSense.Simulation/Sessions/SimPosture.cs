namespace SpineSense.Simulation.Sessions;

/// <summary>Where the athlete is while exercising; the session moves between them through standing.</summary>
public enum SimPosture
{
    Standing,
    /// <summary>Lying on the back: flexion ≈ −90°.</summary>
    Supine,
    /// <summary>Hands and knees: flexion ≈ +90°.</summary>
    AllFours,
    /// <summary>Lying on one side: lateral ≈ ±85° (+ = right side down).</summary>
    SideLying,
    /// <summary>Face down on a 45° back-extension bench: flexion ≈ +45° at the top.</summary>
    Bench45,
    /// <summary>Sitting on the floor leaning back (Russian twist): flexion ≈ −40°.</summary>
    SeatedReclined,
    /// <summary>Half-kneeling lunge (hip-flexor stretch): flexion ≈ −8°.</summary>
    HalfKneeling,
}
