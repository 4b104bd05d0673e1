using SpineSense.Motion.Alerts;
using SpineSense.Motion.Analysis;
using SpineSense.Motion.Results;

namespace SpineSense.Motion.Reps;

/// <summary>
/// Decides which excursions are reps and groups them into sets (contract section 5).
/// </summary>
/// <remarks>
/// Rest is full of excursions that look like reps one at a time: reaching for a bottle, sitting down,
/// getting up. Reps come in runs of similar size and tempo, so a set only opens after
/// <see cref="RepSettings.MinRunReps"/> similar excursions with short gaps; once open, an excursion joins
/// it if it resembles the set so far. A gap of <see cref="RepSettings.SetGapS"/> ends the set.
/// </remarks>
public sealed class RepSequencer
{
    private readonly RepSettings _settings;
    private readonly AlertLog _alerts;
    private readonly RepCandidate[] _pending;
    private int _pendingCount;

    private bool _setOpen, _hasLast;
    private int _set, _repInSet;
    private double _setStartS, _ampSum, _durSum, _ampMin, _ampMax;
    private RepCandidate _last;

    private readonly bool _checkSide, _alternates;

    /// <param name="profile">When given and it alternates sides (bird-dog, dead bug), a rep's tilt direction must
    /// mirror the previous rep's (left ↔ right): fidgets on the mat between sets point anywhere.</param>
    public RepSequencer(RepSettings settings, AlertLog alerts, Exercises.ExerciseProfile? profile = null)
    {
        // Only alternating work is checked: a clamshell or banded-walk set turns over or changes direction midway.
        _checkSide = profile is { Signal: Exercises.PrimarySignal.TiltChange, Alternates: true };
        _alternates = profile is { Alternates: true };
        _settings = settings;
        _alerts = alerts;
        _pending = new RepCandidate[Math.Max(1, settings.MinRunReps)];
    }

    public int SetCount => _set;

    /// <summary>Reps counted in the current (open) set.</summary>
    public int RepsInOpenSet => _setOpen ? _repInSet : 0;

    public void Add<TSink>(in RepCandidate c, TSink sink) where TSink : IMotionEventSink
    {
        if (_setOpen)
        {
            if (c.StartS - _last.EndS < _settings.SetGapS)
            {
                if (ResemblesSet(c) && SideFits(_last, c)) Accept(c, sink);
                return;
            }
            CloseSet(sink);
        }
        // No set open: extend or restart the run of candidates.
        if (_pendingCount > 0)
        {
            ref readonly RepCandidate prev = ref _pending[_pendingCount - 1];
            if (c.StartS - prev.EndS > _settings.RunGapS || !Similar(prev, c) || !SideFits(prev, c)) _pendingCount = 0;
        }
        _pending[_pendingCount++] = c;
        if (_pendingCount >= _settings.MinRunReps)
        {
            _setOpen = true;
            _set++;
            _repInSet = 0;
            _ampSum = _durSum = 0;
            _ampMin = double.PositiveInfinity;
            _ampMax = 0;
            _setStartS = _pending[0].StartS;
            for (int i = 0; i < _pendingCount; i++) Accept(_pending[i], sink);
            _pendingCount = 0;
        }
    }

    /// <summary>Closes the open set once the gap since its last rep reaches the set gap.</summary>
    public void Tick<TSink>(double nowS, TSink sink) where TSink : IMotionEventSink
    {
        if (_setOpen && nowS - _last.EndS >= _settings.SetGapS) CloseSet(sink);
    }

    /// <summary>End of stream: the open set ends with its last rep (top pause 0).</summary>
    public void Finish<TSink>(TSink sink) where TSink : IMotionEventSink
    {
        if (_setOpen) CloseSet(sink);
        _pendingCount = 0;
    }

    private void Accept<TSink>(in RepCandidate c, TSink sink) where TSink : IMotionEventSink
    {
        if (_hasLast) sink.OnRep(ToResult(_last, _repInSet, Math.Max(0, c.StartS - _last.EndS)));
        _repInSet++;
        _ampSum += c.AmplitudeDeg;
        _ampMin = Math.Min(_ampMin, c.AmplitudeDeg);
        _ampMax = Math.Max(_ampMax, c.AmplitudeDeg);
        _durSum += c.DurationS;
        _last = c;
        _hasLast = true;
        sink.OnRepDetected(ToResult(c, _repInSet, 0));
    }

    private void CloseSet<TSink>(TSink sink) where TSink : IMotionEventSink
    {
        if (_hasLast) sink.OnRep(ToResult(_last, _repInSet, 0));
        sink.OnSet(new SetResult(_set, _setStartS, _last.EndS, _repInSet));
        _setOpen = _hasLast = false;
    }

    private RepResult ToResult(in RepCandidate c, int rep, double topPauseS)
    {
        var p = c.Phases;
        return new RepResult(_set, rep, p.EccentricStartS, p.ConcentricEndS,
            p.EccentricS, p.BottomPauseS, p.ConcentricS, topPauseS, p.PeakFlexionDeg,
            _alerts.KindsDuring(p.EccentricStartS, p.ConcentricEndS));
    }

    // Reps of a set resemble each other. A deeper rep is still a rep (a tired athlete rounding to reach lower),
    // but something clearly shallower than every rep so far is not; after a pause (longer than 4 s and than the
    // reps themselves) the bar is higher, because that is when athletes reach for a bottle or change position.
    private bool ResemblesSet(in RepCandidate c)
    {
        double dur = _durSum / _repInSet;
        double durRatio = c.DurationS / dur, amp = c.AmplitudeDeg;
        double gapS = c.StartS - _last.EndS;
        if (gapS > Math.Max(6.0, 2 * dur)) // long after the set's rhythm: only a rep just like the others
            return amp > 0.85 * _ampMin && amp < 1.2 * _ampMax && durRatio is > 0.6 and < 1.6;
        if (gapS > Math.Max(4.0, dur))
            return amp > 0.8 * _ampMin && amp < 1.5 * _ampMax && durRatio is > 0.4 and < 2.5;
        return amp > 0.7 * _ampMin && amp < 2.5 * (_ampSum / _repInSet) && durRatio is > 0.33 and < 3.0;
    }

    // Left and right are mirror images about the sagittal plane: flip the left (y) component.
    private bool SideFits(in RepCandidate previous, in RepCandidate c)
    {
        if (!_checkSide) return true;
        const double cos60 = 0.5;
        var p = previous.Direction;
        var mirrored = new Geometry.Vec3(p.X, -p.Y, p.Z);
        bool mirrors = Geometry.Vec3.Dot(c.Direction, mirrored) > cos60;
        bool repeats = Geometry.Vec3.Dot(c.Direction, p) > cos60;
        return _alternates ? mirrors : mirrors || repeats;
    }

    private static bool Similar(in RepCandidate a, in RepCandidate b)
    {
        double ampRatio = b.AmplitudeDeg / a.AmplitudeDeg, durRatio = b.DurationS / a.DurationS;
        return ampRatio > 0.4 && ampRatio < 2.5 && durRatio > 0.4 && durRatio < 2.5;
    }
}
