using SpineSense.Motion.Analysis;
using SpineSense.Motion.Exercises;
using SpineSense.Motion.Results;
using SpineSense.Motion.Samples;

namespace SpineSense.Motion.Recognition;

/// <summary>What <see cref="ExerciseRecognizer"/> decided, and the evidence.</summary>
/// <param name="Reps">Reps the chosen profile counts.</param>
/// <param name="HoldS">Seconds of holds the chosen profile finds.</param>
/// <param name="MeanAmplitudeDeg">Mean sagittal range of its reps, degrees.</param>
/// <param name="MeanTravelM">Mean vertical travel of the sensor during its reps, m.</param>
public readonly record struct Recognition(string ExerciseId, Posture Posture, int Reps, double HoldS,
    double MeanAmplitudeDeg = 0, double MeanTravelM = 0);

/// <summary>
/// <c>--exercise auto</c>: recognises the exercise of a whole recording, offline, by running every profile
/// over it and weighing the evidence. Allocates; not for the live path.
/// </summary>
/// <remarks>
/// Every profile only counts reps that start in its own posture, so the profile family that finds the most
/// reps (or holds) tells the posture: supine (glute bridge, dead bug), all fours (cat-cow, bird-dog),
/// side-lying (side plank, clamshell), incline bench (back extension) or standing (hinges, squats, banded
/// walks). Within a family, features decide: big sagittal excursions (bridges, cat-cow) against small tilts
/// (dead bug, bird-dog); holds against reps (side plank, clamshell); for standing work the vertical travel
/// of the hips (squat), the depth, tempo and number of sets (the seed's hip-hinge drill is one warm-up set;
/// Romanian deadlifts are deeper, slower and come in three sets), and tilt-only steps (banded walk).
/// </remarks>
public static class ExerciseRecognizer
{
    public static Recognition Recognize(ReadOnlySpan<ImuSample> samples, double calibrationS = 2.0)
    {
        var o = new Dictionary<string, Outcome>(StringComparer.Ordinal);
        foreach (var p in ExerciseCatalog.All) o[p.Id] = Run(p.Id, samples, calibrationS);

        double standing = Math.Max(Math.Max(o["romanian-deadlift"].Reps, o["hip-hinge-drill"].Reps),
            Math.Max(o["goblet-squat"].Reps, o["banded-walk"].Reps * 0.5));
        double supine = Math.Max(o["glute-bridge"].Reps, o["dead-bug"].Reps * 0.8);
        double allFours = Math.Max(o["cat-cow"].Reps, o["bird-dog"].Reps * 0.8);
        double side = Math.Max(o["clamshell"].Reps * 0.8, o["side-plank"].HoldS / 4);
        double bench = o["back-extension"].Reps;
        double best = Math.Max(Math.Max(standing, supine), Math.Max(Math.Max(allFours, side), bench));

        if (best == supine)
            return o["glute-bridge"].Reps >= 3 && o["glute-bridge"].MeanAmplitudeDeg >= 12
                ? Pick("glute-bridge", Posture.Supine, o) : Pick("dead-bug", Posture.Supine, o);
        if (best == allFours)
            return o["cat-cow"].Reps >= 3 && o["cat-cow"].MeanAmplitudeDeg >= 12
                ? Pick("cat-cow", Posture.AllFours, o) : Pick("bird-dog", Posture.AllFours, o);
        if (best == side)
            // A hold is stillness, so time spent holding cannot be clamshell reps: whichever fills more of the
            // recording (holds found versus the duration of the reps counted) wins.
            return o["clamshell"].Reps >= 10 && o["clamshell"].RepTimeS > o["side-plank"].HoldS
                ? Pick("clamshell", Posture.SideLying, o) : Pick("side-plank", Posture.SideLying, o);
        if (best == bench) return Pick("back-extension", Posture.InclineBench, o);

        // Standing.
        var hinge = o["romanian-deadlift"].Reps >= o["hip-hinge-drill"].Reps ? o["romanian-deadlift"] : o["hip-hinge-drill"];
        var squat = o["goblet-squat"];
        if (hinge.Reps < 3 && squat.Reps < 3) return Pick("banded-walk", Posture.Standing, o);
        var reps = squat.Reps > hinge.Reps ? squat : hinge;
        // A goblet squat lowers the hips 0.3–0.5 m with the trunk fairly upright (< 45°, more only when it rounds); a
        // hinge tips the trunk 50–80° about the hips and lowers a lumbar sensor 0.2–0.25 m from them by 0.1–0.15 m. The
        // travel comes from double integration and reads up to twice that on a noisy sensor, so a deep tilt needs a
        // squat's full drop before it counts as a squat.
        const double SquatDropM = 0.4, ShallowDropM = 0.2, UprightTrunkDeg = 45;
        bool squatLike = reps.MeanVerticalTravelM > SquatDropM
                         || (reps.MeanVerticalTravelM > ShallowDropM && reps.MeanAmplitudeDeg < UprightTrunkDeg);
        if (squatLike) return Pick("goblet-squat", Posture.Standing, o);
        // Hip-hinge drill: one warm-up set, shallower and quicker; RDL: several sets, deeper, slower eccentric.
        double rdlVotes = (hinge.Sets >= 2 ? 1 : 0) + (hinge.MeanAmplitudeDeg >= 52 ? 1 : 0) + (hinge.MeanEccentricS >= 1.45 ? 1 : 0);
        return Pick(rdlVotes >= 2 ? "romanian-deadlift" : "hip-hinge-drill", Posture.Standing, o);
    }

    private static Recognition Pick(string id, Posture posture, Dictionary<string, Outcome> o) =>
        new(id, posture, o[id].Reps, o[id].HoldS, o[id].MeanAmplitudeDeg, o[id].MeanVerticalTravelM);

    private readonly record struct Outcome(int Reps, int Sets, double MeanAmplitudeDeg, double MeanEccentricS,
        double MeanVerticalTravelM, double HoldS, double RepTimeS);

    private static Outcome Run(string id, ReadOnlySpan<ImuSample> samples, double calibrationS)
    {
        var sink = new OutcomeSink();
        var analyzer = new LumbarAnalyzer(AnalyzerSettings.For(id, null, calibrationS));
        foreach (ref readonly var s in samples) analyzer.Process(s, sink);
        analyzer.Finish(sink);
        int n = sink.Reps.Count;
        double ecc = 0, repTimeS = 0;
        foreach (var r in sink.Reps) { ecc += r.EccentricS; repTimeS += r.EndS - r.StartS; }
        return new Outcome(n, sink.Sets, n == 0 ? 0 : sink.AmplitudeSum / n, n == 0 ? 0 : ecc / n,
            n == 0 ? 0 : sink.TravelSum / n, sink.HoldS, repTimeS);
    }

    /// <summary>
    /// Per excursion: the sagittal range and the vertical travel of the sensor, from double integration of the
    /// vertical acceleration with the velocity forced back to zero at the excursion's end (the athlete is at
    /// rest before and after), which removes accelerometer bias and tilt error.
    /// </summary>
    internal sealed class OutcomeSink : MotionEventSink
    {
        public List<RepResult> Reps { get; } = [];
        public int Sets { get; private set; }
        public double HoldS { get; private set; }
        public double AmplitudeSum { get; private set; }
        public double TravelSum { get; private set; }
        private readonly List<double> _acc = [], _dt = [];
        private double _startSag, _minSag, _maxSag, _lastS = double.NaN;
        private double _excAmplitude, _excTravel;
        private bool _inExcursion;

        public override void OnRep(in RepResult rep) => Reps.Add(rep);
        public override void OnSet(in SetResult set) => Sets++;
        public override void OnHold(in HoldResult hold) => HoldS += hold.DurationS;

        public override void OnRepDetected(in RepResult rep)
        {
            AmplitudeSum += _excAmplitude;
            TravelSum += _excTravel;
        }

        public override void OnFrame(in MotionFrame f)
        {
            double dt = double.IsNaN(_lastS) ? 0 : Math.Min(f.TimeS - _lastS, 0.05);
            _lastS = f.TimeS;
            if (f.InExcursion && !_inExcursion) { _startSag = f.SagittalDeg; _minSag = _maxSag = 0; _acc.Clear(); _dt.Clear(); }
            if (f.InExcursion)
            {
                _acc.Add((Geometry.Vec3.Dot(f.AccBodyG, f.UpBody) - 1.0) * 9.80665);
                _dt.Add(dt);
                // The analyzer's sagittal angle is unwrapped and can come back from a long gap a full turn away; no
                // trunk turns half a turn within one excursion, so the range is taken on the angle from the
                // excursion's first sample, modulo a turn.
                double fromStartDeg = HalfTurnDeg(f.SagittalDeg - _startSag);
                _minSag = Math.Min(_minSag, fromStartDeg);
                _maxSag = Math.Max(_maxSag, fromStartDeg);
            }
            else if (_inExcursion)
            {
                _excAmplitude = _maxSag - _minSag;
                _excTravel = Travel();
            }
            _inExcursion = f.InExcursion;
        }

        /// <summary>An angle difference brought into [−180°, 180°].</summary>
        private static double HalfTurnDeg(double deg) => deg - 360 * Math.Round(deg / 360);

        private double Travel()
        {
            double v = 0, total = 0;
            for (int i = 0; i < _acc.Count; i++) { v += _acc[i] * _dt[i]; total += _dt[i]; }
            if (total <= 0) return 0;
            double drift = v / total; // constant acceleration error that would leave the athlete moving
            double z = 0, min = 0, max = 0;
            v = 0;
            for (int i = 0; i < _acc.Count; i++)
            {
                v += (_acc[i] - drift) * _dt[i];
                z += v * _dt[i];
                min = Math.Min(min, z);
                max = Math.Max(max, z);
            }
            return max - min;
        }
    }
}
