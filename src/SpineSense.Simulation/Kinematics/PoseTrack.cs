namespace SpineSense.Simulation.Kinematics;

/// <summary>
/// Key poses in time order; between two keys every channel moves along one minimum-jerk profile, so each
/// movement starts and ends at rest. Before the first key and after the last the pose is held.
/// </summary>
public sealed class PoseTrack
{
    private readonly List<double> _times = [];
    private readonly List<Pose> _poses = [];

    public int Count => _times.Count;

    public double EndS => _times.Count == 0 ? 0 : _times[^1];

    public Pose Last => _poses[^1];

    /// <summary>Adds a key at <paramref name="timeS"/> (must not be earlier than the previous key).</summary>
    public void Add(double timeS, in Pose pose)
    {
        if (_times.Count > 0 && timeS < _times[^1] - 1e-9)
            throw new ArgumentOutOfRangeException(nameof(timeS), timeS, "keys must be added in time order");
        _times.Add(timeS);
        _poses.Add(pose);
    }

    public Pose At(double timeS)
    {
        int n = _times.Count;
        if (n == 0) return default;
        if (timeS <= _times[0]) return _poses[0];
        if (timeS >= _times[n - 1]) return _poses[n - 1];
        int hi = _times.BinarySearch(timeS);
        if (hi >= 0) return _poses[hi];
        hi = ~hi; // first key after timeS
        int lo = hi - 1;
        double span = _times[hi] - _times[lo];
        if (span <= 0) return _poses[hi];
        double s = Profiles.MinJerk((timeS - _times[lo]) / span);
        return Pose.Lerp(_poses[lo], _poses[hi], s);
    }
}
