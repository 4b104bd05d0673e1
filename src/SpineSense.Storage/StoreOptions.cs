using SpineSense.Storage.Influx;

namespace SpineSense.Storage;

/// <summary>
/// How a store is opened. Defaults are the documented ones (docs/STORAGE.md); tests shrink them.
/// </summary>
public sealed record StoreOptions
{
    /// <summary>SQLite file holding configuration (athletes, limits, corrections) when time series go to InfluxDB. Default: the default SQLite store file.</summary>
    public string? ConfigDbPath { get; init; }

    /// <summary>Directory of the InfluxDB outbox. Default: <c>&lt;data dir&gt;/spinesense/outbox/&lt;host_port_db&gt;</c>.</summary>
    public string? OutboxDirectory { get; init; }

    /// <summary>Outbox bound; beyond it new points are refused, counted and reported (<see cref="StorageErrorCode.OutboxFull"/>).</summary>
    public long OutboxMaxBytes { get; init; } = 1L << 30;

    /// <summary>A batch is sealed (written to the outbox file) when it holds this many points ...</summary>
    public int BatchMaxPoints { get; init; } = 5000;

    /// <summary>... or when its first point is this old. It bounds what a crash (SIGKILL) of SpineSense can lose.</summary>
    public TimeSpan SealInterval { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The outbox is fsync'd at most this long after a write. It bounds what a power loss can lose.</summary>
    public TimeSpan FsyncInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Check the server (ping + database/credentials) when opening; a failure is one clear <see cref="StorageException"/>.</summary>
    public bool VerifyOnOpen { get; init; } = true;

    /// <summary>
    /// Write requests the sender keeps in flight (outbox order; acknowledged in order). Two let influxd parse one batch
    /// while it commits the previous one to its WAL, instead of idling while the answer travels back and the next
    /// request is read and sent. 1 = strictly one at a time.
    /// </summary>
    public int WritesInFlight { get; init; } = 2;

    /// <summary>Per-request timeout of the InfluxDB client.</summary>
    public TimeSpan HttpTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Gzip request bodies (Content-Encoding: gzip).</summary>
    public bool Gzip { get; init; } = true;

    /// <summary>Timestamp precision of written points (µs by default: the sensor clock's resolution).</summary>
    public TimestampPrecision Precision { get; init; } = TimestampPrecision.Microseconds;

    public RetryPolicy Retry { get; init; } = new();
}
