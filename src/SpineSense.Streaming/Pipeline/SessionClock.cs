using SpineSense.Protocol.Clock;

namespace SpineSense.Streaming.Pipeline;

/// <summary>
/// Session time for one sensor stream: seconds since the session's first sample, measured on the sensor clock and
/// corrected for its drift against the host clock (SpineSense.Protocol's <see cref="SensorClockMapper"/>, fed with
/// live packets). Drift-only (not offset) correction keeps session time smooth and monotonic while the mapper's
/// offset estimate settles on the lowest link latency. Single-threaded (the pipeline thread).
/// </summary>
public sealed class SessionClock
{
    private readonly SensorClockMapper _mapper;
    private long _originUs;
    private bool _hasOrigin;
    private double _offsetS;
    private double _lastS = double.NegativeInfinity;

    public SessionClock(ClockMapperSettings? settings = null) => _mapper = new SensorClockMapper(settings);

    /// <summary>Unwrapped sensor time of the session's first sample, µs.</summary>
    public long OriginSensorUs => _originUs;

    public bool HasOrigin => _hasOrigin;

    /// <summary>Estimated sensor clock drift against the host, ppm.</summary>
    public double DriftPpm => _mapper.HasDrift ? _mapper.DriftPpm : 0;

    /// <summary>Host time (Unix epoch µs) of the session's first sample, once known.</summary>
    public long? OriginHostUs => _hasOrigin && _mapper.TryMapToHost(_originUs, out long host) ? host : null;

    /// <summary>One live packet: the sensor time of its last sample and its host arrival.</summary>
    public void Observe(long lastSampleSensorUs, long hostArrivalUs) => _mapper.AddObservation(lastSampleSensorUs, hostArrivalUs);

    /// <summary>Host time (Unix epoch µs) session time 0 stands for; null = the first sample's time.</summary>
    public long? SessionStartHostUs { get; set; }

    /// <summary>Session seconds of a sensor time; the first call fixes the origin. Never goes backwards.</summary>
    public double ToSessionS(long sensorUs)
    {
        if (!_hasOrigin)
        {
            _originUs = sensorUs;
            _hasOrigin = true;
            // The first sample happened this long after the session was opened (store start time).
            if (SessionStartHostUs is long start && _mapper.TryMapToHost(sensorUs, out long host))
                _offsetS = Math.Max(0, (host - start) * 1e-6);
        }
        double s = _offsetS + (sensorUs - _originUs) * 1e-6 * (1 + DriftPpm * 1e-6);
        // A drift update may move a time back by microseconds; sample times must stay strictly increasing.
        if (s <= _lastS) s = _lastS + 1e-6;
        _lastS = s;
        return s;
    }
}
