namespace SpineSense.Motion.Reps;

/// <summary>
/// Rep detection thresholds that do not depend on the exercise (those are in the exercise profile).
/// </summary>
/// <param name="EnterFraction">An excursion starts when it passes this fraction of the profile's minimum range.</param>
/// <param name="ReturnFraction">The return has begun once the excursion fell below this fraction of its peak.</param>
/// <param name="RestSpeedDps">Below this speed the signal is at rest (the start position may be re-learned).</param>
/// <param name="RebaseAfterS">At rest this long anywhere, the athlete has a new start position (posture change).</param>
/// <param name="MinRunReps">Excursions must come in a run of this many before a set starts: a lone reach for a
/// bottle, sitting down or getting up is not a set.</param>
/// <param name="MinSetReps">Fewest reps a set may have (contract section 5: a set is a run of reps). A run shorter than
/// <paramref name="MinRunReps"/> is reported once the set gap passed with nothing after it, if its excursions are
/// clearly one movement repeated.</param>
/// <param name="RunGapS">Longest gap between excursions of a starting run, seconds (at least twice the reps' duration).</param>
/// <param name="SetGapS">A gap this long without reps ends a set (contract section 5).</param>
/// <param name="HistoryS">How much signal is kept for the phase solver, seconds.</param>
public sealed record RepSettings(
    double EnterFraction = 0.5,
    double ReturnFraction = 0.4,
    double RestSpeedDps = 8,
    double RebaseAfterS = 2.5,
    int MinRunReps = 4,
    int MinSetReps = 3,
    double RunGapS = 6,
    double SetGapS = 15,
    double HistoryS = 30)
{
    internal void Validate()
    {
        if (EnterFraction is <= 0 or > 1 || ReturnFraction is <= 0 or >= 1)
            throw new ArgumentOutOfRangeException(nameof(EnterFraction), "fractions must lie in (0, 1]");
        if (MinRunReps < 1 || MinSetReps < 1 || !(SetGapS > 0) || !(RunGapS > 0) || !(HistoryS >= 5))
            throw new ArgumentOutOfRangeException(nameof(MinRunReps), "run, gap and history settings must be positive (history ≥ 5 s)");
    }
}
