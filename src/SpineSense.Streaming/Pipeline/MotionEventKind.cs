namespace SpineSense.Streaming.Pipeline;

/// <summary>Which callback of the motion core produced a <see cref="MotionEventItem"/>.</summary>
public enum MotionEventKind : byte
{
    Calibrated,
    /// <summary>A limit was just crossed (live warning, within 0.2 s).</summary>
    AlertRaised,
    /// <summary>The excursion ended: the alert with its worst value (what is stored).</summary>
    Alert,
    /// <summary>A rep was recognised (live count); its top pause is not known yet.</summary>
    RepDetected,
    /// <summary>A rep with every phase final (what is stored).</summary>
    Rep,
    Set,
    HoldStarted,
    Hold,
}
