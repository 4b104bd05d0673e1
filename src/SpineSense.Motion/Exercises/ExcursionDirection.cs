namespace SpineSense.Motion.Exercises;

/// <summary>Which way the primary signal moves away from the start position.</summary>
public enum ExcursionDirection
{
    /// <summary>The signal increases (hinging forward).</summary>
    Increasing,
    /// <summary>The signal decreases (bridging: flexion goes further negative than supine).</summary>
    Decreasing,
    /// <summary>Either way counts (each-side work, cat-cow).</summary>
    Either,
}
