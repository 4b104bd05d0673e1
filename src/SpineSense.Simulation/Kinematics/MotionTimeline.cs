using SpineSense.Simulation.Geometry;

namespace SpineSense.Simulation.Kinematics;

/// <summary>
/// The athlete's whole movement: key poses, overlays and sway, plus the body geometry that places the sensor.
/// Evaluating it gives the lumbar segment's orientation and the sensor's position at any time (noise free).
/// </summary>
public sealed class MotionTimeline
{
    private readonly List<MotionOverlay> _overlays = [];
    private double _longestOverlayS;
    private bool _sorted = true;

    public MotionTimeline(SwayModel sway, Vec3 sensorOffsetM)
    {
        Sway = sway;
        SensorOffsetM = sensorOffsetM;
    }

    public PoseTrack Track { get; } = new();

    public SwayModel Sway { get; }

    /// <summary>Sensor position relative to the hip joint centre in the anatomical frame (x anterior, z superior), m.</summary>
    public Vec3 SensorOffsetM { get; }

    public double EndS => Math.Max(Track.EndS, _overlays.Count == 0 ? 0 : _overlays.Max(o => o.EndS));

    public IReadOnlyList<MotionOverlay> Overlays => _overlays;

    public void AddOverlay(MotionOverlay overlay)
    {
        if (_overlays.Count > 0 && overlay.StartS < _overlays[^1].StartS) _sorted = false;
        _overlays.Add(overlay);
        _longestOverlayS = Math.Max(_longestOverlayS, overlay.EndS - overlay.StartS);
    }

    /// <summary>The full pose (key track + overlays + sway) at <paramref name="timeS"/>.</summary>
    public Pose PoseAt(double timeS) => PoseAt(timeS, null);

    /// <summary>
    /// As <see cref="PoseAt(double)"/>; loops that step time uniformly pass one <see cref="SwayModel.Cursor"/>
    /// (from <c>Sway.NewCursor()</c>) to make the sway several times cheaper.
    /// </summary>
    public Pose PoseAt(double timeS, SwayModel.Cursor? cursor)
    {
        if (!_sorted)
        {
            _overlays.Sort((a, b) => a.StartS.CompareTo(b.StartS));
            _sorted = true;
        }
        Pose pose = Track.At(timeS);
        // Overlays sorted by start: only those starting within the longest duration before t can be active.
        int i = FirstStartingAfter(timeS - _longestOverlayS);
        for (; i < _overlays.Count && _overlays[i].StartS <= timeS; i++)
        {
            var o = _overlays[i];
            if (timeS < o.EndS) o.Apply(timeS, ref pose);
        }
        if (cursor is null) Sway.Apply(timeS, ref pose);
        else Sway.Apply(timeS, ref pose, cursor);
        return pose;
    }

    /// <summary>Orientation of the lumbar segment (anatomical frame → world), heading first, then the contract's Cardan angles.</summary>
    public static Quat SegmentOrientation(in Pose pose) =>
        Quat.AboutZ(Angles.DegToRad(pose.HeadingDeg)) * Angles.FromCardan(pose.FlexionDeg, pose.LateralDeg, pose.RotationDeg);

    /// <summary>World position of the sensor: the hip joint centre plus the rotated lumbar offset (hinges move it on an arc).</summary>
    public Vec3 SensorPosition(in Pose pose, in Quat segment) =>
        new Vec3(pose.HipXM, pose.HipYM, pose.HipZM) + segment.Rotate(SensorOffsetM);

    private int FirstStartingAfter(double timeS)
    {
        int lo = 0, hi = _overlays.Count;
        while (lo < hi)
        {
            int mid = (lo + hi) >> 1;
            if (_overlays[mid].StartS < timeS) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }
}
