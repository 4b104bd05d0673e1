using SpineSense.Motion.Results;

namespace SpineSense.Motion.Alerts;

/// <summary>What one <see cref="ExcursionAlarm.Update"/> produced.</summary>
public enum AlarmStep
{
    None,
    /// <summary>An excursion passed its dwell: raise the alert now (value = worst so far).</summary>
    Raised,
    /// <summary>A raised excursion fell back below limit − hysteresis (value = worst of the excursion).</summary>
    Ended,
}

/// <summary>
/// One limit watched sample by sample: one alert per excursion, crossing time interpolated between samples.
/// A mutable struct held inline by the analyzer; no allocation.
/// </summary>
public struct ExcursionAlarm
{
    private readonly AlertKind _kind;
    private readonly double _limit, _rearm, _dwellS, _mergeS;
    private readonly bool _magnitude;
    private double _prevTimeS, _prevValue, _prevSigned, _signed;
    private bool _hasPrev, _inExcursion, _raised, _raiseDue;
    private double _crossS, _worst, _belowSinceS = double.NaN;

    /// <param name="mergeS">A raised excursion ends only after staying below limit − hysteresis this long: a
    /// dip and a new crossing within it are the same excursion (one alert, not two).</param>
    /// <param name="magnitudeOfSigned">The values fed are a signed rate and the limit applies to their magnitude
    /// (axial speed = |ω·superior|). Crossing and re-arm moments are then interpolated on the signed line: a sign
    /// change between two samples (a turn reversing, often across a packet-loss gap) passes through zero, which
    /// interpolating the magnitudes cannot.</param>
    public ExcursionAlarm(AlertKind kind, double limit, double hysteresis, double dwellS, double mergeS = 0.3,
        bool magnitudeOfSigned = false)
    {
        _magnitude = magnitudeOfSigned;
        _kind = kind;
        _limit = limit;
        _rearm = limit - hysteresis;
        _dwellS = dwellS;
        _mergeS = mergeS;
    }

    public readonly bool IsEnabled => double.IsFinite(_limit);
    public readonly bool IsRaised => _raised;

    /// <summary>Feeds one value at <paramref name="timeS"/>; <paramref name="alert"/> is set when a step is returned.</summary>
    public AlarmStep Update(double timeS, double value, out AlertEvent alert)
    {
        alert = default;
        AlarmStep step = AlarmStep.None;
        if (!double.IsFinite(_limit)) return step;
        bool missing = double.IsNaN(value);
        if (missing) value = double.NegativeInfinity; // "not measurable now" counts as within the limit
        _signed = value;
        if (_magnitude && !missing) value = Math.Abs(value);
        if (!_inExcursion)
        {
            // Only a crossing counts: a stream that starts beyond the limit has no crossing moment.
            if (value > _limit && _hasPrev && _prevValue <= _limit)
            {
                _inExcursion = true;
                _raised = false;
                _worst = value;
                _belowSinceS = double.NaN;
                // Linear interpolation of the crossing between the previous and this sample.
                _crossS = CrossingTime(timeS, value);
            }
        }
        else
        {
            if (!_raised && !_raiseDue && value <= _limit) _inExcursion = false; // back before the dwell: a flicker, not an alert
            else if (_raised)
            {
                if (value < _rearm)
                {
                    // The moment it fell below the re-arm level, interpolated like the crossing: the merge window is
                    // continuous time, and at 50–100 Hz a whole sample period is a third of its slack.
                    if (double.IsNaN(_belowSinceS))
                        _belowSinceS = double.IsFinite(_prevValue) && _prevValue >= _rearm && _prevValue > value
                            ? TimeAtLevel(timeS, _magnitude ? Math.CopySign(_rearm, _prevSigned) : _rearm)
                            : timeS;
                }
                else if (value > _limit && !double.IsNaN(_belowSinceS))
                {
                    // Re-crossing: a new excursion when it stayed below long enough before the (interpolated)
                    // crossing, although no sample fell inside the end of the merge window.
                    double crossS = CrossingTime(timeS, value);
                    if (crossS - _belowSinceS >= _mergeS)
                    {
                        alert = new AlertEvent(_crossS, _kind, _worst, _limit);
                        step = AlarmStep.Ended;
                        _raised = false;
                        _crossS = crossS;
                        _worst = value;
                        _belowSinceS = double.NaN;
                        // One step per update: a new excursion already past its dwell is raised on the next one.
                        _raiseDue = _dwellS <= 1e-9;
                        Remember(timeS, value);
                        return step;
                    }
                    _belowSinceS = double.NaN;
                }
                else if (value > _limit) _belowSinceS = double.NaN;
                if (value > _worst) _worst = value;
                if (!double.IsNaN(_belowSinceS) && timeS - _belowSinceS >= _mergeS)
                {
                    _inExcursion = _raised = false;
                    alert = new AlertEvent(_crossS, _kind, _worst, _limit);
                    step = AlarmStep.Ended;
                }
            }
            if (!_raised && value > _worst) _worst = value;
        }
        if (_inExcursion && !_raised && (_raiseDue || timeS - _crossS >= _dwellS - 1e-9))
        {
            _raiseDue = false;
            _raised = true;
            alert = new AlertEvent(_crossS, _kind, _worst, _limit);
            step = AlarmStep.Raised;
        }
        Remember(timeS, value);
        return step;
    }

    /// <summary>Keeps this sample as the previous one for the next update's interpolation.</summary>
    private void Remember(double timeS, double value)
    {
        _prevTimeS = timeS;
        _prevValue = value;
        _prevSigned = _signed;
        _hasPrev = true;
    }

    /// <summary>When the limit was crossed between the previous sample and this one (linear interpolation).</summary>
    private readonly double CrossingTime(double timeS, double value) =>
        double.IsFinite(_prevValue) && value > _prevValue
            ? TimeAtLevel(timeS, _magnitude ? Math.CopySign(_limit, _signed) : _limit)
            : timeS;

    /// <summary>When the line from the previous (signed) sample to this one passes <paramref name="level"/>.</summary>
    private readonly double TimeAtLevel(double timeS, double level)
    {
        double f = (level - _prevSigned) / (_signed - _prevSigned);
        if (!double.IsFinite(f)) return timeS;
        return _prevTimeS + (timeS - _prevTimeS) * Math.Clamp(f, 0, 1);
    }

    /// <summary>Ends a raised excursion at the end of the stream.</summary>
    public bool TryFlush(out AlertEvent alert)
    {
        alert = default;
        if (!_raised && !(_inExcursion && _raiseDue)) return false;
        _raiseDue = false;
        alert = new AlertEvent(_crossS, _kind, _worst, _limit);
        _inExcursion = _raised = false;
        return true;
    }
}
