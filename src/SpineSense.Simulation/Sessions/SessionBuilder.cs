using SpineSense.Simulation.Geometry;
using SpineSense.Simulation.Kinematics;

namespace SpineSense.Simulation.Sessions;

/// <summary>
/// Writes a session into a <see cref="MotionTimeline"/> move by move (key poses at increasing times, plus
/// overlays), and collects the planned reps and holds. <see cref="Now"/> is the end of the script so far.
/// </summary>
public sealed class SessionBuilder
{
    private Pose _current;

    public SessionBuilder(MotionTimeline timeline, Random rng, AthleteBody body)
    {
        Timeline = timeline;
        Rng = rng;
        Body = body;
        // Recordings open on the calibration stand: quiet standing, sway a little below normal (told to stand still).
        _current = body.Standing.With(swayGain: 0.7);
        timeline.Track.Add(0, _current);
    }

    public MotionTimeline Timeline { get; }

    public Random Rng { get; }

    public AthleteBody Body { get; }

    public double Now { get; private set; }

    public Pose Current => _current;

    public List<DesignedRep> Reps { get; } = [];

    public List<DesignedHold> Holds { get; } = [];

    /// <summary>Moments the strap may slip (getting up from the floor), seconds.</summary>
    public List<double> StrapSlipTimes { get; } = [];

    /// <summary>Time span of each exercise block (its sets and the rests after them), for per-exercise limits.</summary>
    public List<(string Exercise, double StartS, double EndS)> Blocks { get; } = [];

    /// <summary>Moves every channel to <paramref name="target"/> along one minimum-jerk profile.</summary>
    public void Move(in Pose target, double durationS)
    {
        Now += Math.Max(0.05, durationS);
        _current = target;
        Timeline.Track.Add(Now, _current);
    }

    /// <summary>Stays in the current pose (sway continues on top).</summary>
    public void Wait(double durationS)
    {
        if (durationS <= 0) return;
        Now += durationS;
        Timeline.Track.Add(Now, _current);
    }

    public void SetSwayGain(double gain, double durationS = 0.5) => Move(_current.With(swayGain: gain), durationS);

    /// <summary>Turns about the vertical; duration keeps the peak yaw rate near <paramref name="peakDps"/>.</summary>
    public void Turn(double deltaDeg, double peakDps = 90)
    {
        double duration = Math.Max(0.8, 1.875 * Math.Abs(deltaDeg) / peakDps);
        Move(_current.With(headingDeg: _current.HeadingDeg + deltaDeg), duration);
    }

    /// <summary>Walks <paramref name="steps"/> steps of <paramref name="stepM"/> along the current heading (negative = backwards).</summary>
    public void Walk(int steps, double stepM = 0.45)
    {
        if (steps <= 0) return;
        double stepS = 0.52 + 0.1 * Rng.NextDouble();
        double heading = Angles.DegToRad(_current.HeadingDeg);
        double distance = steps * stepM;
        var target = _current;
        target.HipXM += distance * Math.Cos(heading);
        target.HipYM += distance * Math.Sin(heading);
        Timeline.AddOverlay(new GaitOverlay(Now, steps, stepS, bobM: 0.018 + 0.01 * Rng.NextDouble(), swayM: 0.02,
            rotationDeg: 3 + 2 * Rng.NextDouble(), tiltDeg: 2 + 1.5 * Rng.NextDouble(), flexDeg: 1.2,
            strikeM: 0.0006 + 0.0005 * Rng.NextDouble(), startWithLeft: Rng.Next(2) == 0));
        Move(target, steps * stepS);
    }

    /// <summary>A countermovement jump in place (an impact hazard).</summary>
    public void Jump()
    {
        var jump = new JumpOverlay(Now, dipM: 0.22 + 0.08 * Rng.NextDouble(), flightHeightM: 0.08 + 0.07 * Rng.NextDouble(),
            impactS: 0.04 + 0.02 * Rng.NextDouble(), dipLeanDeg: 18 + 12 * Rng.NextDouble(), landLeanDeg: 12 + 10 * Rng.NextDouble());
        Timeline.AddOverlay(jump);
        Wait(jump.EndS - jump.StartS);
    }

    /// <summary>A C² jolt on one channel starting now (does not advance time).</summary>
    public void Jolt(int channel, double durationS, double amplitude) =>
        Timeline.AddOverlay(new ChannelBumpOverlay(channel, Now, durationS, amplitude));

    /// <summary>Turns back to face heading 0 (the mirror) within a couple of degrees, before a set.</summary>
    public void FaceFront()
    {
        double residual = (Rng.NextDouble() * 2 - 1) * 2;
        double delta = -_current.HeadingDeg + residual;
        if (Math.Abs(delta) > 1) Turn(delta);
    }

    public double Uniform(double lo, double hi) => lo + (hi - lo) * Rng.NextDouble();
}
