namespace SpineSense.Simulation.Kinematics;

/// <summary>A C² bump added to one pose channel (a heel strike's jolt, a bump of the hips when sitting down).</summary>
public sealed class ChannelBumpOverlay(int channel, double startS, double durationS, double amplitude)
    : MotionOverlay(startS, startS + durationS)
{
    public override void Apply(double timeS, ref Pose pose) =>
        pose[channel] += amplitude * Profiles.Bump((timeS - StartS) / (EndS - StartS));
}
