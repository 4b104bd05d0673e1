namespace SpineSense.Motion.Holds;

/// <summary>When a hold starts and ends.</summary>
/// <param name="SettleDps">Angular speed below which the athlete has settled into the posture, deg/s.</param>
/// <param name="LeaveDps">Angular speed above which the athlete is leaving the hold, deg/s.</param>
/// <param name="LeaveConfirmS">How long the speed must stay above <paramref name="LeaveDps"/> (a wobble is not leaving).</param>
/// <param name="MinHoldS">Shortest stillness in the posture that counts as a hold, seconds.</param>
public sealed record HoldSettings(double SettleDps = 10, double LeaveDps = 20, double LeaveConfirmS = 0.3, double MinHoldS = 3)
{
    internal void Validate()
    {
        if (!(SettleDps > 0) || !(LeaveDps >= SettleDps) || LeaveConfirmS < 0 || !(MinHoldS > 0))
            throw new ArgumentOutOfRangeException(nameof(SettleDps), "hold thresholds must be positive and leave ≥ settle");
    }
}
