namespace SpineSense.Simulation.Kinematics;

/// <summary>
/// A movement added on top of the key-pose track during [StartS, EndS] (gait oscillations, a jump's flight).
/// Implementations must be C² in time and zero outside their window.
/// </summary>
public abstract class MotionOverlay
{
    protected MotionOverlay(double startS, double endS)
    {
        StartS = startS;
        EndS = endS;
    }

    public double StartS { get; }

    public double EndS { get; }

    /// <summary>Adds this overlay's contribution at <paramref name="timeS"/> (inside the window) to <paramref name="pose"/>.</summary>
    public abstract void Apply(double timeS, ref Pose pose);
}
