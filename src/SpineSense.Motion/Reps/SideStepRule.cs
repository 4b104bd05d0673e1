using SpineSense.Motion.Geometry;

namespace SpineSense.Motion.Reps;

/// <summary>
/// Side steps (banded walk): the lead leg steps the same way step after step, so the pelvis tilts to the same side
/// every rep until the athlete walks back, once per set; gait drops the pelvis to alternate sides every step. This
/// rule tells a step's side and holds a step to the other side until the next step confirms the new direction
/// (walking back), tells a misread one (the old side again, twice) or shows walking (sides alternating). Kept apart
/// from <see cref="RepSequencer"/> because only standing each-side work uses it; for other exercises every step's
/// side is 0 and nothing is held.
/// </summary>
internal sealed class SideStepRule
{
    // How far the left–right component must dominate a tilt to show a side.
    private const double StepSideComponent = 0.5;

    private readonly bool _enabled;
    private RepCandidate _held0, _held1;
    private bool _held0Fits, _held1Fits;   // whether a held excursion resembles the set's steps (else it only shows a side)
    private int _heldCount;
    // Starting run: the last step followed one dropped as misread, and is confirmed by the next one.
    private bool _runStepAfterMisread;

    public SideStepRule(bool enabled) => _enabled = enabled;

    /// <summary>What <see cref="Add"/> releases to be counted.</summary>
    [Flags]
    public enum Release { None = 0, Held = 1, This = 2 }

    public int HeldCount => _heldCount;

    /// <summary>The latest held step: the set's rhythm goes on from it.</summary>
    public ref readonly RepCandidate LastHeld => ref (_heldCount == 2 ? ref _held1 : ref _held0);

    public void Clear()
    {
        _heldCount = 0;
        _runStepAfterMisread = false;
    }

    // The side a tilt drops the pelvis to (the sign of its left component, +1 left, −1 right), or 0 when the
    // left–right component does not dominate the tilt (or the exercise is not side-stepping).
    public int Side(Vec3 d) => _enabled && Math.Abs(d.Y) > StepSideComponent ? Math.Sign(d.Y) : 0;

    // c tilts the pelvis to the other side than p (left–right component changes sign and dominates both tilts),
    // which a set of side steps does once, when the athlete walks back.
    public bool Alternates(Vec3 p, Vec3 c) => Side(p) * Side(c) < 0;

    /// <summary>Whether the run's last step followed one dropped as misread; forgets it (asked once per excursion).</summary>
    public bool TakeRunStepAfterMisread()
    {
        bool was = _runStepAfterMisread;
        _runStepAfterMisread = false;
        return was;
    }

    /// <summary>
    /// Starting run (no set open): c follows run[0..count) and is otherwise like it. Returns the run's new length.
    /// </summary>
    public int CutWalking(RepCandidate[] run, int count, in RepCandidate c, bool afterMisreadStep)
    {
        ref readonly RepCandidate prev = ref run[count - 1];
        // The step that followed one dropped as misread changed side too; a third change means that step was not
        // misread: it is walking, and the run starts again from the last step (as below).
        if (afterMisreadStep && Alternates(prev.Direction, c.Direction))
        {
            run[0] = prev;
            return 1;
        }
        // Two side changes in a row is walking, not side-stepping: the run starts again from the last excursion.
        if (count >= 2 && Alternates(run[count - 2].Direction, prev.Direction) && Alternates(prev.Direction, c.Direction))
        {
            // Unless steps to one side came before: then the one the other way between them was misread (a packet-loss
            // gap hid its tilt, or a stumble), as in an open set (Add), and only it leaves the run. It is only known once
            // the next step goes the old side's way too (above): until then the step after it is unconfirmed.
            if (count >= 3 && Side(run[count - 3].Direction) * Side(run[count - 2].Direction) > 0)
            {
                _runStepAfterMisread = true;
                return count - 1;
            }
            run[0] = prev;
            return 1;
        }
        return count;
    }

    /// <summary>
    /// A step c in an open set after the last counted one (lastDir). Side-stepping changes side once per set, so a step
    /// to the other side counts only once the next step goes the same way. Every excursion shows a side, but only those
    /// that resemble the set's steps (fits) are counted: released holds which to count, the held one (released) first.
    /// </summary>
    public Release Add(in RepCandidate c, bool fits, Vec3 lastDir, out RepCandidate released)
    {
        released = default;
        if (_heldCount == 0)
        {
            if (Alternates(lastDir, c.Direction)) { _held0 = c; _held0Fits = fits; _heldCount = 1; return Release.None; }
            return fits ? Release.This : Release.None;
        }
        if (_heldCount == 1)
        {
            // Back to the first side: wait and see.
            if (Alternates(_held0.Direction, c.Direction)) { _held1 = c; _held1Fits = fits; _heldCount = 2; return Release.None; }
            // Walking back: both count.
            _heldCount = 0;
            released = _held0;
            return (_held0Fits ? Release.Held : Release.None) | (fits ? Release.This : Release.None);
        }
        // Other side, this side, other side: walking, not side steps. Neither held one counts; this one is held in
        // turn (a steady run of steps to one side after it, e.g. after a misread side, counts again).
        if (Alternates(_held1.Direction, c.Direction)) { _held0 = c; _held0Fits = fits; _heldCount = 1; return Release.None; }
        _heldCount = 0;
        // This side twice after one excursion to the other side: that one was misread (or a stumble).
        released = _held1;
        return (_held1Fits ? Release.Held : Release.None) | (fits ? Release.This : Release.None);
    }
}
