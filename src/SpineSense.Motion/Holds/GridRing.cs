namespace SpineSense.Motion.Holds;

/// <summary>
/// The bookkeeping of a ring of recent history on a uniform 100 Hz grid, sample-and-hold (each grid point takes the
/// sample that reached or passed it): which slot the next grid point goes to, the slots' times, and how many are filled.
/// The channels themselves are the owner's arrays, indexed by the slots given out here. Shared by
/// <see cref="HoldHistory"/> and <see cref="VerticalLevel"/>; allocated once, nothing per sample.
/// </summary>
internal sealed class GridRing
{
    public const double SpacingS = 0.01;

    private readonly double _historyS;
    private double _nextS = double.NaN;
    private int _head;

    public GridRing(double historyS)
    {
        _historyS = historyS;
        TimeS = new double[Capacity(historyS)];
    }

    /// <summary>Slots needed to keep <paramref name="historyS"/> of grid points (and two to spare).</summary>
    public static int Capacity(double historyS) => (int)(historyS / SpacingS) + 2;

    /// <summary>Each slot's grid time, seconds.</summary>
    public double[] TimeS { get; }

    /// <summary>Filled slots (at most the capacity).</summary>
    public int Count { get; private set; }

    /// <summary>The slot of the <paramref name="i"/>-th oldest grid point kept.</summary>
    public int Index(int i) => (_head - Count + i + TimeS.Length) % TimeS.Length;

    /// <summary>
    /// The next grid point at or before <paramref name="timeS"/>, if any: its slot (its time already stored) for the
    /// owner to fill. Call until false for each sample.
    /// </summary>
    public bool TryAdvance(double timeS, out int slot)
    {
        if (double.IsNaN(_nextS)) _nextS = timeS;
        slot = _head;
        if (_nextS > timeS) return false;
        TimeS[slot] = _nextS;
        _head = (_head + 1) % TimeS.Length;
        if (Count < TimeS.Length) Count++;
        _nextS += SpacingS;
        if (timeS - _nextS > _historyS) _nextS = timeS; // a long gap: restart the grid
        return true;
    }
}
