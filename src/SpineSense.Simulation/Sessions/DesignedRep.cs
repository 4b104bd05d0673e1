using SpineSense.Simulation.Geometry;

namespace SpineSense.Simulation.Sessions;

/// <summary>
/// A rep as the session script planned it: key times of its eccentric movement (T0→T1) and concentric return
/// (T2→T3), and the direction of the excursion in (flexion, lateral, rotation) space. Ground truth measures the
/// actual phase boundaries from the kinematics; these times only bound the search.
/// </summary>
public sealed record DesignedRep(string Exercise, int DesignedSet, int Side, double T0, double T1, double T2, double T3, Vec3 DirectionDeg);

/// <summary>An isometric hold as planned: the settling-in movement (EnterStartS→EnterEndS) and the leaving one.</summary>
public sealed record DesignedHold(string Exercise, int DesignedSet, int Side, double EnterStartS, double EnterEndS, double LeaveStartS, double LeaveEndS);
