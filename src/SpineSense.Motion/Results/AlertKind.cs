namespace SpineSense.Motion.Results;

/// <summary>What limit an alert is about (contract section 6). Flags so a rep can carry several.</summary>
[Flags]
public enum AlertKind
{
    None = 0,
    /// <summary>flexion_deg exceeded the maximum flexion.</summary>
    Flexion = 1,
    /// <summary>−flexion_deg (leaning back / over-arching) exceeded the maximum extension.</summary>
    Extension = 2,
    /// <summary>Axial angular speed exceeded the maximum rotation rate.</summary>
    Rotation = 4,
    /// <summary>Acceleration magnitude exceeded the maximum impact.</summary>
    Impact = 8,
}
