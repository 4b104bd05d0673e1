using SpineSense.Motion.Exercises;

namespace SpineSense.Motion.Holds;

/// <summary>When a hold starts and ends.</summary>
/// <param name="SettleDps">Angular speed below which the athlete has settled into the posture, deg/s.</param>
/// <param name="LeaveDps">Angular speed above which the athlete is leaving the hold, deg/s.</param>
/// <param name="LeaveConfirmS">How long the speed must stay above <paramref name="LeaveDps"/> (a wobble is not leaving).</param>
/// <param name="MinHoldS">Shortest stillness in the posture that counts as a hold, seconds.</param>
/// <param name="MinLiftM">The settling movement must lift the sensor at least this much, m: half the smallest lift of a
/// side plank (the hips rise 15–35 cm off the floor; lying on the side between holds does not). Double integration over
/// the 2–3 s around a fidget on the floor reads up to ≈ 6 cm on noisy sensors, so 5 cm let fidgets pass as lifts.
/// 0 = no lift needed. While holding, a movement that lowers the sensor this much ends the hold however slowly it is
/// done.</param>
/// <param name="MaxSettleTurnDeg">A settling movement that turns the trunk further than this is a change of posture
/// (lying down on the side), not the lift into a hold; the double-integrated lift is also unreliable over large turns,
/// where a degree of attitude error leaks gravity into the vertical acceleration.</param>
/// <param name="MinInclinationDeg">The hold posture needs the segment inclined forward at least this much, degrees
/// (sagittal inclination from neutral standing; −∞ = no bound). A held hinge (hamstring stretch) is told from standing
/// still by it.</param>
/// <param name="MaxInclinationDeg">The hold posture needs the segment inclined forward at most this much, degrees
/// (+∞ = no bound): an upright trunk (half-kneeling).</param>
/// <param name="MinDropM">The sensor must be at least this far below its standing height (<see cref="VerticalLevel"/>:
/// the net vertical travel of the movements since standing) for the posture to count, m; 0 = not needed. Half-kneeling
/// puts the lumbar sensor ≈ 0.35 m below standing, which an upright trunk cannot show to gravity.</param>
/// <param name="MaxPostureShiftDeg">How far the segment's mean inclination may move within a hold, degrees (+∞ = no
/// bound): further is a change of posture however slowly it is done, which restarts the stillness before a hold and ends
/// a hold. The hip-flexor stretch is the pelvis tucked on the knee: tucking in starts it, untucking ends it.</param>
public sealed record HoldSettings(double SettleDps = 6, double LeaveDps = 10, double LeaveConfirmS = 0.3, double MinHoldS = 3,
    double MinLiftM = 0.075, double MaxSettleTurnDeg = 45,
    double MinInclinationDeg = double.NegativeInfinity, double MaxInclinationDeg = double.PositiveInfinity, double MinDropM = 0,
    double MaxPostureShiftDeg = double.PositiveInfinity)
{
    /// <summary>
    /// Hold settings for an exercise: a hold entered from the floor (side plank) must lift the sensor, which is what
    /// tells it from lying there; a standing hold (a stretch) is entered by sinking or hinging, which lowers the
    /// sensor, so it needs no lift.
    /// </summary>
    public static HoldSettings For(ExerciseProfile exercise) =>
        exercise.Posture == Posture.Standing ? new HoldSettings(MinLiftM: 0) : new HoldSettings();

    internal void Validate()
    {
        if (!(SettleDps > 0)) throw Invalid(nameof(SettleDps), SettleDps, "must be > 0 deg/s");
        if (!(LeaveDps >= SettleDps)) throw Invalid(nameof(LeaveDps), LeaveDps, $"must be ≥ {nameof(SettleDps)} ({SettleDps} deg/s)");
        if (!(LeaveConfirmS >= 0)) throw Invalid(nameof(LeaveConfirmS), LeaveConfirmS, "must be ≥ 0 s");
        if (!(MinHoldS > 0)) throw Invalid(nameof(MinHoldS), MinHoldS, "must be > 0 s");
        // A hold left after a packet-loss gap is reported only after its leaving movement has been still for 0.5 s
        // (HoldDetector.JudgeLeaveAfterGap); a shorter MinHoldS could confirm the next hold first, out of order.
        if (MinLiftM > 0 && !(MinHoldS >= HoldDetector.LeaveJudgedAfterStillS))
            throw Invalid(nameof(MinHoldS), MinHoldS, $"must be ≥ {HoldDetector.LeaveJudgedAfterStillS} s when {nameof(MinLiftM)} > 0 (a hold left after a packet-loss gap is judged that long before it is reported)");
        if (!(MaxSettleTurnDeg > 0)) throw Invalid(nameof(MaxSettleTurnDeg), MaxSettleTurnDeg, "must be > 0 degrees");
        if (!(MinInclinationDeg < MaxInclinationDeg))
            throw Invalid(nameof(MinInclinationDeg), MinInclinationDeg, $"must be < {nameof(MaxInclinationDeg)} ({MaxInclinationDeg} degrees)");
        if (!(MinDropM >= 0)) throw Invalid(nameof(MinDropM), MinDropM, "must be ≥ 0 m");
        if (!(MaxPostureShiftDeg > 0)) throw Invalid(nameof(MaxPostureShiftDeg), MaxPostureShiftDeg, "must be > 0 degrees");
    }

    private static ArgumentOutOfRangeException Invalid(string name, double value, string rule) =>
        new(name, value, $"HoldSettings.{name} {rule}");
}
