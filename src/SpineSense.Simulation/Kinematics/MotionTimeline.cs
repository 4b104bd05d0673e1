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

    /// <summary>
    /// The calibrated neutral (contract sections 3–4) as the analyzer must see it: the anatomical frame's superior axis
    /// is the mean up direction over the calibration window, not the designed pose's, because quiet standing sways and
    /// breathes (over a 2–3 s window the sway's slow components leave a mean of a few tenths of a degree). Body-fixed:
    /// the calibrated frame's axes in designed-segment coordinates. Identity until <see cref="CalibrateNeutral"/>.
    /// </summary>
    public Quat CalibratedFrameInSegment { get; private set; } = Quat.Identity;

    /// <summary>World orientation of the calibrated frame during the window (its mean: up, with the mean heading).</summary>
    public Quat CalibratedNeutral { get; private set; } = Quat.Identity;

    /// <summary>
    /// Takes the calibrated neutral from the pose over [0, <paramref name="windowS"/>) on a 1 ms grid, as the contract builds
    /// it from the window's mean gravity: superior = mean up in segment coordinates; posterior = the sensor's +z
    /// (<paramref name="sensorZInSegment"/>, segment coordinates) made perpendicular to it; the neutral's heading is the
    /// window's mean.
    /// </summary>
    public void CalibrateNeutral(double windowS, Vec3 sensorZInSegment)
    {
        if (!(windowS > 0)) throw new ArgumentOutOfRangeException(nameof(windowS), "calibration window must be positive");
        int n = Math.Max(2, (int)Math.Ceiling(windowS / 0.001));
        var cursor = Sway.NewCursor();
        Vec3 upSum = Vec3.Zero;
        for (int i = 0; i < n; i++) upSum += SegmentOrientation(PoseAt(i * 0.001, cursor)).RotateInverse(new Vec3(0, 0, 1));
        Vec3 superior = upSum * (1 / upSum.Length);
        Vec3 posterior = sensorZInSegment - superior * sensorZInSegment.Dot(superior);
        Vec3 anterior = -posterior * (1 / posterior.Length);
        CalibratedFrameInSegment = FromAxes(anterior, superior.Cross(anterior), superior);

        cursor = Sway.NewCursor();
        double w = 0, x = 0, y = 0, z = 0;
        for (int i = 0; i < n; i++)
        {
            var q = SegmentOrientation(PoseAt(i * 0.001, cursor)) * CalibratedFrameInSegment;
            if (q.W < 0) q = new Quat(-q.W, -q.X, -q.Y, -q.Z); // standing: every sample is near the same rotation
            w += q.W; x += q.X; y += q.Y; z += q.Z;
        }
        CalibratedNeutral = new Quat(w, x, y, z).Normalized();
    }

    /// <summary>The contract's R_rel = R_neutralᵀ·R(t) of the calibrated frame in this pose (what angles are taken of).</summary>
    public Quat RelativeToNeutral(in Pose pose) => CalibratedNeutral.Conjugate * SegmentOrientation(pose) * CalibratedFrameInSegment;

    // Rotation whose columns are the given orthonormal axes; only for rotations well away from 180° (w > 0).
    private static Quat FromAxes(Vec3 x, Vec3 y, Vec3 z)
    {
        double w = 0.5 * Math.Sqrt(Math.Max(0, 1 + x.X + y.Y + z.Z));
        if (w < 0.1) throw new InvalidOperationException("calibrated frame far from the segment's: the calibration stand is not standing");
        return new Quat(w, (y.Z - z.Y) / (4 * w), (z.X - x.Z) / (4 * w), (x.Y - y.X) / (4 * w)).Normalized();
    }

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
