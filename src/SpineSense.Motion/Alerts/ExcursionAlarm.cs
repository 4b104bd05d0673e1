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
    private double _prevTimeS, _prevValue;
    private bool _hasPrev, _inExcursion, _raised;
    private double _crossS, _worst, _belowSinceS = double.NaN;

    /// <param name="mergeS">A raised excursion ends only after staying below limit − hysteresis this long: a
    /// dip and a new crossing within it are the same excursion (one alert, not two).</param>
    public ExcursionAlarm(AlertKind kind, double limit, double hysteresis, double dwellS, double mergeS = 0.3)
    {
        _kind = kind;
        _limit = limit;
        _rearm = limit - hysteresis;
        _dwellS = dwellS;
        _mergeS = mergeS;
        _prevTimeS = _prevValue = _crossS = _worst = 0;
        _belowSinceS = double.NaN;
        _hasPrev = _inExcursion = _raised = false;
    }

    public readonly bool IsEnabled => double.IsFinite(_limit);
    public readonly bool IsRaised => _raised;

    /// <summary>Feeds one value at <paramref name="timeS"/>; <paramref name="alert"/> is set when a step is returned.</summary>
    public AlarmStep Update(double timeS, double value, out AlertEvent alert)
    {
        alert = default;
        AlarmStep step = AlarmStep.None;
        if (!double.IsFinite(_limit)) return step;
        if (double.IsNaN(value)) value = double.NegativeInfinity; // "not measurable now" counts as within the limit
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
                _crossS = double.IsFinite(_prevValue)
                    ? _prevTimeS + (timeS - _prevTimeS) * (_limit - _prevValue) / (value - _prevValue)
                    : timeS;
            }
        }
        else
        {
            if (value > _worst) _worst = value;
            if (!_raised && value <= _limit) _inExcursion = false; // back before the dwell: a flicker, not an alert
            else if (_raised)
            {
                if (value < _rearm) { if (double.IsNaN(_belowSinceS)) _belowSinceS = timeS; }
                else if (value > _limit) _belowSinceS = double.NaN;
                if (!double.IsNaN(_belowSinceS) && timeS - _belowSinceS >= _mergeS)
                {
                    _inExcursion = _raised = false;
                    alert = new AlertEvent(_crossS, _kind, _worst, _limit);
                    step = AlarmStep.Ended;
                }
            }
        }
        if (_inExcursion && !_raised && timeS - _crossS >= _dwellS - 1e-9)
        {
            _raised = true;
            alert = new AlertEvent(_crossS, _kind, _worst, _limit);
            step = AlarmStep.Raised;
        }
        _prevTimeS = timeS;
        _prevValue = value;
        _hasPrev = true;
        return step;
    }

    /// <summary>Ends a raised excursion at the end of the stream.</summary>
    public bool TryFlush(out AlertEvent alert)
    {
        alert = default;
        if (!_raised) return false;
        alert = new AlertEvent(_crossS, _kind, _worst, _limit);
        _inExcursion = _raised = false;
        return true;
    }
}
