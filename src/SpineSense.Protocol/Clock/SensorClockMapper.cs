namespace SpineSense.Protocol.Clock;

/// <summary>
/// Estimates the mapping from sensor time (unwrapped µs) to host time (µs of any monotonic host clock) from packet
/// arrivals, robust to BLE latency jitter (PROTOCOL.md 7.3).
/// <para>
/// Every live packet gives one observation: offset = host arrival time − sensor time of its last sample. Latency only
/// ever adds to the offset, so the smallest offsets trace the true clock offset plus the minimum link latency.
/// Observations are grouped in sensor-time buckets and only each bucket's minimum is kept (the lower envelope);
/// a least-squares line through those minima over a sliding window gives offset and drift; minima far above the first
/// line are dropped, the line is refitted and then lowered onto the lowest minimum. Mapped times are therefore "when the sample would have reached the host
/// with the least latency seen" — a constant few ms late at worst, with no jitter and no drift.
/// </para>
/// Feed only live packets (not <see cref="Packets.PacketFlags.Backfill"/>: those arrive arbitrarily late).
/// Pure: no clock of its own; arrays allocated once; one instance per sensor stream; not thread-safe.
/// </summary>
public sealed class SensorClockMapper
{
    private readonly ClockMapperSettings _settings;
    private readonly long[] _bucketIndex;
    private readonly long[] _bucketSensorUs;
    private readonly long[] _bucketOffsetUs;
    private readonly bool[] _inlier;
    private int _count;      // buckets in the ring
    private int _newest;     // ring slot of the newest bucket
    private bool _started;
    private long _originUs;  // sensor time of the first observation: bucket 0 starts here, and the fit is centred on it
    private bool _dirty;
    private double _interceptUs; // fitted offset at sensor time == _originUs
    private double _slope;       // fitted drift, µs of offset per µs of sensor time

    public SensorClockMapper(ClockMapperSettings? settings = null)
    {
        _settings = settings ?? new ClockMapperSettings();
        _settings.Validate();
        _bucketIndex = new long[_settings.WindowBuckets];
        _bucketSensorUs = new long[_settings.WindowBuckets];
        _bucketOffsetUs = new long[_settings.WindowBuckets];
        _inlier = new bool[_settings.WindowBuckets];
    }

    public ClockMapperSettings Settings => _settings;

    /// <summary>True once at least one observation arrived: mapping is then possible.</summary>
    public bool IsReady => _started;

    /// <summary>True once the window holds enough buckets for a drift estimate.</summary>
    public bool HasDrift => _count >= _settings.MinBucketsForDrift;

    /// <summary>Observations kept as bucket minima in the window.</summary>
    public int BucketCount => _count;

    /// <summary>Adds one live-packet observation.</summary>
    /// <param name="sensorTimeUs">Unwrapped sensor time of the packet's last sample, µs.</param>
    /// <param name="hostTimeUs">Host clock when the notification arrived, µs.</param>
    public void AddObservation(long sensorTimeUs, long hostTimeUs)
    {
        if (!_started)
        {
            _started = true;
            _originUs = sensorTimeUs;
        }
        long offsetUs = hostTimeUs - sensorTimeUs;
        long index = FloorDiv(sensorTimeUs - _originUs, _settings.BucketUs);

        if (_count == 0 || index > _bucketIndex[_newest])
        {
            // Refit on the completed buckets once per bucket, so the detrended comparison below uses a current drift.
            Refit();
            _newest = (_newest + 1) % _bucketIndex.Length;
            if (_count < _bucketIndex.Length) _count++;
            _bucketIndex[_newest] = index;
            _bucketSensorUs[_newest] = sensorTimeUs;
            _bucketOffsetUs[_newest] = offsetUs;
            _dirty = true;
            return;
        }

        // Same or an older bucket still in the window (reordered packets): keep the smaller offset.
        for (int k = 0, slot = _newest; k < _count; k++, slot = slot == 0 ? _bucketIndex.Length - 1 : slot - 1)
        {
            if (_bucketIndex[slot] == index)
            {
                // Compare detrended by the current drift estimate: at large drift (an RC oscillator at 0.5 % moves
                // the offset 10 ms per 2 s bucket) a plain minimum would always pick the bucket's first packet.
                if (offsetUs - _slope * (sensorTimeUs - _bucketSensorUs[slot]) < _bucketOffsetUs[slot])
                {
                    _bucketOffsetUs[slot] = offsetUs;
                    _bucketSensorUs[slot] = sensorTimeUs;
                    _dirty = true;
                }
                return;
            }
            if (_bucketIndex[slot] < index)
            {
                return; // a bucket that got no observation so far but is older than the newest: ignore, it is in the past
            }
        }
    }

    /// <summary>Estimated drift of the sensor clock against the host clock, ppm (positive: the host clock runs faster).</summary>
    public double DriftPpm
    {
        get
        {
            Refit();
            return _slope * 1e6;
        }
    }

    /// <summary>Estimated host − sensor offset at <paramref name="sensorTimeUs"/>, µs (includes the minimum link latency).</summary>
    public bool TryGetOffsetUs(long sensorTimeUs, out double offsetUs)
    {
        if (!_started)
        {
            offsetUs = 0;
            return false;
        }
        Refit();
        offsetUs = _interceptUs + _slope * (sensorTimeUs - _originUs);
        return true;
    }

    /// <summary>Maps a sensor time (unwrapped µs) to host time (µs). False before the first observation.</summary>
    public bool TryMapToHost(long sensorTimeUs, out long hostTimeUs)
    {
        if (!TryGetOffsetUs(sensorTimeUs, out double offsetUs))
        {
            hostTimeUs = 0;
            return false;
        }
        hostTimeUs = sensorTimeUs + (long)Math.Round(offsetUs);
        return true;
    }

    /// <summary>Inverse of <see cref="TryMapToHost"/>: the sensor time (unwrapped µs) that maps to <paramref name="hostTimeUs"/>.
    /// Used to predict the sensor clock after a long link loss (see <see cref="SensorTimeUnwrapper.UnwrapWithHint"/>).</summary>
    public bool TryMapToSensor(long hostTimeUs, out long sensorTimeUs)
    {
        if (!_started)
        {
            sensorTimeUs = 0;
            return false;
        }
        Refit();
        // host = s + a + b (s - o)  =>  s = (host - a + b o) / (1 + b); computed relative to o for precision.
        double relative = (hostTimeUs - _originUs - _interceptUs) / (1 + _slope);
        sensorTimeUs = _originUs + (long)Math.Round(relative);
        return true;
    }

    public void Reset()
    {
        _started = false;
        _count = 0;
        _newest = 0;
        _dirty = false;
        _interceptUs = 0;
        _slope = 0;
    }

    private void Refit()
    {
        if (!_dirty)
        {
            return;
        }
        _dirty = false;

        if (_count < _settings.MinBucketsForDrift)
        {
            // Too short a baseline for drift: offset = lowest envelope point, flat.
            long min = long.MaxValue;
            for (int i = 0; i < _count; i++)
            {
                int slot = Slot(i);
                if (_bucketOffsetUs[slot] < min) min = _bucketOffsetUs[slot];
            }
            _interceptUs = min;
            _slope = 0;
            return;
        }

        for (int i = 0; i < _count; i++) _inlier[Slot(i)] = true;
        if (!Fit())
        {
            return;
        }
        // Second pass: drop minima clearly above the line (buckets whose every packet was delayed), refit.
        int kept = 0;
        for (int i = 0; i < _count; i++)
        {
            int slot = Slot(i);
            double residual = _bucketOffsetUs[slot] - (_interceptUs + _slope * (_bucketSensorUs[slot] - _originUs));
            _inlier[slot] = residual <= _settings.OutlierUs;
            if (_inlier[slot]) kept++;
        }
        if (kept >= _settings.MinBucketsForDrift && kept < _count)
        {
            Fit();
        }
        // Least squares runs through the middle of the minima, which still carry some jitter (about the mean
        // latency jitter / packets per bucket, ~0.5 ms here). Lower the line until it supports the lowest minimum,
        // so it tracks the latency floor instead of the average of bucket minima.
        double lowest = double.MaxValue;
        for (int i = 0; i < _count; i++)
        {
            int slot = Slot(i);
            if (!_inlier[slot]) continue;
            double residual = _bucketOffsetUs[slot] - (_interceptUs + _slope * (_bucketSensorUs[slot] - _originUs));
            if (residual < lowest) lowest = residual;
        }
        _interceptUs += lowest;
    }

    /// <summary>Least squares offset = a + b (s − origin) over inlier buckets, centred for numerical stability.</summary>
    private bool Fit()
    {
        double n = 0, sumX = 0, sumY = 0;
        for (int i = 0; i < _count; i++)
        {
            int slot = Slot(i);
            if (!_inlier[slot]) continue;
            n++;
            sumX += _bucketSensorUs[slot] - _originUs;
            sumY += _bucketOffsetUs[slot];
        }
        if (n < 2)
        {
            return false;
        }
        double meanX = sumX / n, meanY = sumY / n;
        double sxx = 0, sxy = 0;
        for (int i = 0; i < _count; i++)
        {
            int slot = Slot(i);
            if (!_inlier[slot]) continue;
            double dx = _bucketSensorUs[slot] - _originUs - meanX;
            sxx += dx * dx;
            sxy += dx * (_bucketOffsetUs[slot] - meanY);
        }
        double maxSlope = _settings.MaxDriftPpm * 1e-6;
        double slope = sxx > 0 ? Math.Clamp(sxy / sxx, -maxSlope, maxSlope) : 0;
        _slope = slope;
        _interceptUs = meanY - slope * meanX;
        return true;
    }

    /// <summary>Ring slot of the i-th oldest bucket.</summary>
    private int Slot(int i)
    {
        int oldest = _newest - _count + 1;
        if (oldest < 0) oldest += _bucketIndex.Length;
        return (oldest + i) % _bucketIndex.Length;
    }

    private static long FloorDiv(long a, long b)
    {
        long q = a / b;
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
    }
}
