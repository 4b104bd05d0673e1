namespace SpineSense.Cli.Output;

/// <summary>What is due after rows were appended: nothing, writing them to the file, or also making them durable.</summary>
internal enum FlushStep { None, Write, WriteAndSync }

/// <summary>
/// When <c>spinesense record</c> hands its buffered rows to the file and when it fsyncs them. Rows are written every
/// <c>writeEveryDataS</c> of sensor time, so a killed recorder (SIGKILL, OOM killer) loses at most that much: the
/// kernel keeps what was written. They are synced at the same moments, so a power cut loses no more either, but never
/// more often than <c>minSyncInterval</c> of real time: a replay or simulation at <c>--speed 1000</c> would otherwise
/// wait for the disk a thousand times a second, while it can be run again anyway.
/// </summary>
internal sealed class FlushSchedule(double writeEveryDataS, TimeSpan minSyncInterval, TimeProvider time)
{
    private double _lastWriteS;
    private long _lastSync = time.GetTimestamp();

    /// <summary>Write every second of data; sync with it, at most twice a second of real time (a live sensor's
    /// seconds arrive in jittery batches, so a full second would skip every other one).</summary>
    public static FlushSchedule Default() => new(1.0, TimeSpan.FromSeconds(0.5), TimeProvider.System);

    /// <param name="dataEndS">Sensor time of the last row appended.</param>
    public FlushStep After(double dataEndS)
    {
        if (dataEndS - _lastWriteS < writeEveryDataS) return FlushStep.None;
        _lastWriteS = dataEndS;
        if (time.GetElapsedTime(_lastSync) < minSyncInterval) return FlushStep.Write;
        _lastSync = time.GetTimestamp();
        return FlushStep.WriteAndSync;
    }
}
