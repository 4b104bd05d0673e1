using SpineSense.Motion.Results;

namespace SpineSense.Motion.Alerts;

/// <summary>
/// The last few alert excursions (crossing to end) so a rep can carry the kinds raised during it.
/// Fixed ring of 64; older excursions are long past any rep still being finalised.
/// </summary>
public sealed class AlertLog
{
    private const int Capacity = 64;
    private readonly double[] _startS = new double[Capacity], _endS = new double[Capacity];
    private readonly AlertKind[] _kind = new AlertKind[Capacity];
    private int _head, _count;

    /// <summary>Records a raised excursion; its end is open until <see cref="Ended"/>.</summary>
    public void Raised(double crossS, AlertKind kind)
    {
        _startS[_head] = crossS;
        _endS[_head] = double.PositiveInfinity;
        _kind[_head] = kind;
        _head = (_head + 1) % Capacity;
        if (_count < Capacity) _count++;
    }

    public void Ended(double crossS, AlertKind kind, double endS)
    {
        for (int i = 0; i < _count; i++)
        {
            int idx = (_head - 1 - i + Capacity) % Capacity;
            if (_kind[idx] == kind && _startS[idx] == crossS) { _endS[idx] = endS; return; }
        }
    }

    /// <summary>The kinds of every excursion overlapping [<paramref name="fromS"/>, <paramref name="toS"/>].</summary>
    public AlertKind KindsDuring(double fromS, double toS)
    {
        AlertKind kinds = AlertKind.None;
        for (int i = 0; i < _count; i++)
            if (_startS[i] <= toS && _endS[i] >= fromS) kinds |= _kind[i];
        return kinds;
    }
}
