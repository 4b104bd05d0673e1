using SpineSense.Motion.Geometry;
using static SpineSense.Motion.Reps.RepComparisons;

namespace SpineSense.Motion.Reps;

/// <summary>
/// Side-lying work (clamshell): a run of excursions off the earlier sets' axis. Shifts on the mat between sets come
/// one or a few at a time, a set is ten or more reps in a steady rhythm: a run off that axis that agrees with itself
/// within the set's 25° and goes on one excursion past a run's length is the athlete's movement from a new lying
/// position (more rolled, the strap re-seated), so <see cref="RepSequencer"/> opens the set with it. Also holds the
/// side-lying side rule (<see cref="RollFits"/>). Fixed buffer, allocated once.
/// </summary>
internal sealed class SideLyingAxisRun
{
    private readonly RepCandidate[] _run;
    private int _count;

    /// <param name="length">Excursions that make the run (one longer than a run that opens a set).</param>
    public SideLyingAxisRun(int length) => _run = new RepCandidate[length];

    public int Length => _run.Length;

    public void Clear() => _count = 0;

    // Lying on one side, every rep rolls the pelvis the same way; after turning over (start position on the other
    // side) the first rep shows the new side's way. p is measured from pStartUp.
    public static bool RollFits(Vec3 p, Vec3 pStartUp, in RepCandidate c) =>
        pStartUp.Y * c.StartUp.Y <= 0 || Vec3.Dot(c.Direction, p) > 0;

    /// <summary>Extends or restarts the run with c; true once it is complete (then <see cref="MoveTo"/> takes it).</summary>
    /// <param name="minRunGapS">The shortest gap allowed inside a run (it scales with the excursions' length).</param>
    public bool Add(in RepCandidate c, double minRunGapS)
    {
        if (_count > 0)
        {
            ref readonly RepCandidate prev = ref _run[_count - 1];
            double runGapS = Math.Max(minRunGapS, 2 * Math.Max(prev.DurationS, c.DurationS));
            var axis = default(Vec3);
            for (int i = 0; i < _count; i++) axis += Fold(_run[i].Direction);
            if (c.StartS - prev.EndS > runGapS || !Similar(prev, c, 1.4) || !RollFits(prev.Direction, prev.StartUp, c)
                || !SameHeading(prev, c) || AxisAngleCos(axis, c.Direction) < SetAxisCos)
                _count = 0;
        }
        _run[_count++] = c;
        return _count >= _run.Length;
    }

    /// <summary>Takes source[0..count) as the run so far (shorter than a complete run).</summary>
    public void TakeFrom(RepCandidate[] source, int count)
    {
        Array.Copy(source, _run, count);
        _count = count;
    }

    /// <summary>Copies the run to the start of destination and forgets it; returns its length.</summary>
    public int MoveTo(RepCandidate[] destination)
    {
        int n = _count;
        Array.Copy(_run, destination, n);
        _count = 0;
        return n;
    }
}
