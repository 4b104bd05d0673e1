using SpineSense.Motion.Exercises;
using SpineSense.Motion.Results;
using SpineSense.Simulation.Geometry;
using SpineSense.Simulation.Kinematics;
using SpineSense.Simulation.Sensor;
using SpineSense.Simulation.Sessions;

namespace SpineSense.Simulation.Truth;

/// <summary>Builds <see cref="GroundTruth"/> from the script's planned reps and holds and the noise-free kinematics.</summary>
public static class TruthBuilder
{
    /// <summary>Contract section 5: a gap of 15 s or more without reps ends a set.</summary>
    public const double SetGapS = 15;

    /// <summary>Fraction of a minimum-jerk move after which its speed has fallen below 10% of its peak (and before which it rose above).</summary>
    public const double MinJerkTenPercentTau = 0.0865471;

    public static GroundTruth Build(string exercise, double durationS, MotionTimeline timeline, IReadOnlyList<DesignedRep> designed,
        IReadOnlyList<DesignedHold> designedHolds, TruthSignals signals, SafetyLimits limits, ReadOnlySpan<double> sampleTrueTimesS,
        IReadOnlyList<(double StartS, double EndS, SafetyLimits Limits)>? limitsByBlock = null)
    {
        List<AlertEvent> alerts;
        if (limitsByBlock is null) alerts = AlertTruth.Compute(signals, limits);
        else
        {
            // A routine: each exercise's limits apply while it (and the rest after it) is going on.
            alerts = [];
            foreach (var (startS, endS, blockLimits) in limitsByBlock)
                foreach (var a in AlertTruth.Compute(signals, blockLimits))
                    if (a.TimeS >= startS && a.TimeS < endS) alerts.Add(a);
        }
        var ordered = designed.OrderBy(r => r.T0).ToList();
        var phases = new PhaseFinder.Phases[ordered.Count];
        for (int i = 0; i < ordered.Count; i++)
        {
            double lower = i > 0 ? ordered[i - 1].T3 : 0;
            double upper = i + 1 < ordered.Count ? ordered[i + 1].T0 : durationS;
            phases[i] = PhaseFinder.Find(timeline, ordered[i], lower, upper);
        }

        var reps = new List<TrueRep>();
        var sets = new List<TrueSet>();
        int setNo = 0, repNo = 0, setFirst = 0;
        for (int i = 0; i < ordered.Count; i++)
        {
            bool newSet = i == 0 || phases[i].EccStartS - phases[i - 1].ConEndS >= SetGapS;
            if (newSet)
            {
                if (i > 0) sets.Add(MakeSet(ordered[setFirst].Exercise, setNo, phases, setFirst, i - 1));
                setNo++;
                repNo = 0;
                setFirst = i;
            }
            repNo++;
            bool lastOfSet = i + 1 == ordered.Count || phases[i + 1].EccStartS - phases[i].ConEndS >= SetGapS;
            var p = phases[i];
            double topPause = lastOfSet ? 0 : Math.Max(0, phases[i + 1].EccStartS - p.ConEndS);
            var flags = AlertKind.None;
            foreach (var a in alerts)
                if (a.TimeS >= p.EccStartS && a.TimeS <= p.ConEndS) flags |= a.Kind;
            reps.Add(new TrueRep(ordered[i].Exercise, ordered[i].Side, new RepResult(setNo, repNo, p.EccStartS, p.ConEndS,
                p.EccEndS - p.EccStartS, Math.Max(0, p.ConStartS - p.EccEndS), p.ConEndS - p.ConStartS, topPause,
                p.PeakFlexionDeg, flags)));
        }
        if (ordered.Count > 0) sets.Add(MakeSet(ordered[setFirst].Exercise, setNo, phases, setFirst, ordered.Count - 1));

        var holds = new List<TrueHold>();
        foreach (var h in designedHolds.OrderBy(h => h.EnterStartS))
        {
            double start = h.EnterStartS + (1 - MinJerkTenPercentTau) * (h.EnterEndS - h.EnterStartS);
            double end = h.LeaveStartS + MinJerkTenPercentTau * (h.LeaveEndS - h.LeaveStartS);
            holds.Add(new TrueHold(h.Exercise, h.Side, new HoldResult(start, end, SwayDeg(timeline, start, end))));
        }

        var angles = new SpineAngles[sampleTrueTimesS.Length];
        var cursor = timeline.Sway.NewCursor(); // rows without loss are uniformly spaced
        for (int i = 0; i < angles.Length; i++) angles[i] = TrueAngles.At(timeline, sampleTrueTimesS[i], cursor);
        return new GroundTruth(exercise, durationS, sets, reps, holds, angles, signals, limits, alerts, limitsByBlock);
    }

    private static TrueSet MakeSet(string exercise, int setNo, PhaseFinder.Phases[] phases, int first, int last) =>
        new(exercise, new SetResult(setNo, phases[first].EccStartS, phases[last].ConEndS, last - first + 1));

    /// <summary>RMS angle (deg) between the segment orientation and its mean over [start, end], sampled at 100 Hz.</summary>
    public static double SwayDeg(MotionTimeline timeline, double startS, double endS)
    {
        int n = Math.Max(2, (int)((endS - startS) * 100));
        var qs = new Quat[n];
        double w = 0, x = 0, y = 0, z = 0;
        for (int i = 0; i < n; i++)
        {
            var q = MotionTimeline.SegmentOrientation(timeline.PoseAt(startS + (endS - startS) * i / (n - 1)));
            if (i > 0 && q.W * qs[0].W + q.X * qs[0].X + q.Y * qs[0].Y + q.Z * qs[0].Z < 0) q = new Quat(-q.W, -q.X, -q.Y, -q.Z);
            qs[i] = q;
            w += q.W; x += q.X; y += q.Y; z += q.Z;
        }
        var mean = new Quat(w, x, y, z).Normalized();
        double sum = 0;
        foreach (var q in qs)
        {
            double d = (mean.Conjugate * q).AngleDeg;
            sum += d * d;
        }
        return Math.Sqrt(sum / n);
    }
}
