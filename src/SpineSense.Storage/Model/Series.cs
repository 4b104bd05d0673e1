namespace SpineSense.Storage.Model;

/// <summary>Which time series of a session to read.</summary>
public enum SeriesKind
{
    /// <summary>Channels flexion_deg, lateral_deg, rotation_deg.</summary>
    Angles,
    /// <summary>Channels acc_x_g, acc_y_g, acc_z_g, gyr_x_dps, gyr_y_dps, gyr_z_dps.</summary>
    Raw,
}

/// <summary>
/// A series read for a time window of a session, downsampled by the store (not the caller) to at most
/// <c>MaxBuckets</c> buckets: each bucket carries the min and the max of every channel, so a chart
/// drawing one vertical line per pixel column loses no peak. When the window holds no more samples than
/// buckets, every bucket is one sample (min == max) and <see cref="Downsampled"/> is false.
/// </summary>
/// <param name="TimeS">Bucket start (or the sample's time), seconds since session start, ascending.</param>
/// <param name="Min">Min[channel][bucket].</param>
/// <param name="Max">Max[channel][bucket].</param>
/// <param name="Count">Samples per bucket.</param>
/// <param name="BucketS">
/// How many seconds each bucket spans, as the store cut them: it may be wider than the window divided by
/// <c>MaxBuckets</c> (whole microseconds, or whole seconds when read from the per-second aggregates); 0 when
/// every bucket is one sample. A chart needs it to place a bucket's max; the asked-for width would misplace it.
/// </param>
public sealed record SeriesData(
    SeriesKind Kind, IReadOnlyList<string> Channels, double[] TimeS, double[][] Min, double[][] Max, int[] Count,
    bool Downsampled, double BucketS)
{
    public static IReadOnlyList<string> ChannelsOf(SeriesKind kind) => kind == SeriesKind.Angles
        ? ["flexion_deg", "lateral_deg", "rotation_deg"]
        : ["acc_x_g", "acc_y_g", "acc_z_g", "gyr_x_dps", "gyr_y_dps", "gyr_z_dps"];
}
