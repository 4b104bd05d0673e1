using SpineSense.Motion.Filters;

namespace SpineSense.Motion.Reps;

/// <summary>
/// Standing work: whether the way down of the excursion under way ended on a seat. Seat contact stops the falling
/// pelvis: an UPWARD specific-force spike of ~0.5–1 g within ~0.1 s, at the end of the way down. A controlled squat or
/// hinge decelerates smoothly there (on the accuracy suite, 20 ms-smoothed with sensor noise: median 0.08 g; a brisk
/// one's drive up out of the bottom may reach 0.47 g, but not briefly: see <see cref="MaxImpactS"/>). Dropping into a
/// squat accelerates downward (negative), and the way back up may end on a stamp or a step: neither is the seat, so only
/// upward force until the turn counts. Kept apart from <see cref="ExcursionDetector"/> because it is its own signal
/// (vertical force, not tilt). One per stream; no allocation per sample.
/// </summary>
internal sealed class SeatImpact
{
    private const double SeatImpactG = 0.35;
    // An impact is brief: the seat stops the pelvis and the upward force is gone within ~0.1 s (above half the impact
    // level for at most 0.15 s after 20 ms smoothing), where the legs' drive out of the bottom of a brisk squat pushes
    // up at 0.4–0.5 g for 0.25 s or longer, starting before the trunk is seen rising.
    private const double MaxImpactS = 0.15;

    private double _joltG, _spikeSinceS = double.NaN, _spikePeakG;
    private bool _spikeOnWayDown;

    /// <summary>The current excursion's way down ended on a seat.</summary>
    public bool Seen { get; private set; }

    /// <summary>
    /// One raw sample: <paramref name="verticalAccG"/> is the specific force along world up minus the posture's rest
    /// reading; <paramref name="inExcursion"/> and <paramref name="onWayDown"/> are the detector's state before this
    /// sample (out from the start, and not yet turned back).
    /// </summary>
    public void Update(double timeS, double dtS, double verticalAccG, bool inExcursion, bool onWayDown)
    {
        // ~20 ms smoothing: sensor noise averages out, a 0.1 s seat impact does not.
        OnePole.Step(ref _joltG, Math.Max(verticalAccG, 0), dtS, 0.02);
        // An upward spike above the impact level that began on the way down of the excursion under way and was over
        // within MaxImpactS was the seat's impact.
        if (_joltG > 0.5 * SeatImpactG)
        {
            if (double.IsNaN(_spikeSinceS))
            {
                _spikeSinceS = timeS;
                _spikePeakG = 0;
                _spikeOnWayDown = onWayDown;
            }
            if (_joltG > _spikePeakG) _spikePeakG = _joltG;
        }
        else if (!double.IsNaN(_spikeSinceS))
        {
            if (_spikeOnWayDown && inExcursion && _spikePeakG > SeatImpactG && timeS - _spikeSinceS <= MaxImpactS)
                Seen = true;
            _spikeSinceS = double.NaN;
        }
    }

    /// <summary>A new excursion begins: nothing seen on its way down yet.</summary>
    public void NewExcursion() => Seen = false;
}
