namespace SpineSense.Motion.Exercises;

/// <summary>The body position an exercise is done in, judged from gravity in the segment frame.</summary>
public enum Posture
{
    /// <summary>Upright or hinging from upright (flexion between about −30° and +100°).</summary>
    Standing,
    /// <summary>Lying on the back (anterior axis up; flexion about −90°).</summary>
    Supine,
    /// <summary>Hands and knees (anterior axis down; flexion about +90°).</summary>
    AllFours,
    /// <summary>Lying or planking on one side (left or right axis up).</summary>
    SideLying,
    /// <summary>Side plank: on one side with the hips lifted, so the trunk rises toward the head (more than
    /// about 9° above horizontal) — which is what tells it from lying on the side.</summary>
    SidePlank,
    /// <summary>Face down on a 45° back-extension bench (flexion about +45° at the top).</summary>
    InclineBench,
}
