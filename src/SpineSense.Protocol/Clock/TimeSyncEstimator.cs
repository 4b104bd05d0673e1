namespace SpineSense.Protocol.Clock;

/// <summary>
/// Turns TimeSync exchanges (PROTOCOL.md 4.2, 7.3) into a sensor→host offset with a known error bound. Each exchange
/// says the sensor read its clock somewhere between the host's send and receive times, so
/// offset = midpoint − sensor time, uncertain by ± round trip / 2. Of the last <see cref="Capacity"/> exchanges the one
/// with the shortest round trip wins (the tightest bound). Unlike <see cref="SensorClockMapper"/>, whose offset includes
/// the minimum link latency, this is the clock offset itself; the difference of the two is the minimum one-way latency.
/// Pure, fixed arrays; one instance per sensor stream; not thread-safe.
/// </summary>
public sealed class TimeSyncEstimator
{
    public const int Capacity = 16;
    private readonly long[] _offsetUs = new long[Capacity];
    private readonly long[] _roundTripUs = new long[Capacity];
    private int _count;
    private int _next;

    public int Count => _count;

    /// <param name="hostSendUs">Host clock when the TimeSync write was sent.</param>
    /// <param name="hostReceiveUs">Host clock when its result indication arrived.</param>
    /// <param name="sensorTimeUs">The indication's sensor time, unwrapped (<see cref="SensorTimeUnwrapper"/>).</param>
    /// <returns>False (and ignored) when the receive time precedes the send time.</returns>
    public bool Add(long hostSendUs, long hostReceiveUs, long sensorTimeUs)
    {
        long roundTripUs = hostReceiveUs - hostSendUs;
        if (roundTripUs < 0)
        {
            return false;
        }
        // Midpoint without overflow for large epoch times.
        long midpointUs = hostSendUs + roundTripUs / 2;
        _offsetUs[_next] = midpointUs - sensorTimeUs;
        _roundTripUs[_next] = roundTripUs;
        _next = (_next + 1) % Capacity;
        if (_count < Capacity) _count++;
        return true;
    }

    /// <summary>Host − sensor offset (µs) of the tightest recent exchange and its bound (± round trip / 2, µs).</summary>
    public bool TryGetOffset(out long offsetUs, out long uncertaintyUs)
    {
        if (_count == 0)
        {
            offsetUs = uncertaintyUs = 0;
            return false;
        }
        int best = 0;
        for (int i = 1; i < _count; i++)
        {
            if (_roundTripUs[i] < _roundTripUs[best]) best = i;
        }
        offsetUs = _offsetUs[best];
        uncertaintyUs = (_roundTripUs[best] + 1) / 2;
        return true;
    }

    public void Reset()
    {
        _count = 0;
        _next = 0;
    }
}
