using SpineSense.Storage.Influx;
using SpineSense.Storage.Sqlite;
using SpineSense.Storage.Targets;

namespace SpineSense.Storage;

/// <summary>Opens the store a target names. The one entry point for the CLI, the live pipeline and the server.</summary>
public static class SpineStore
{
    /// <summary>
    /// Opens (creating when needed) the store of <paramref name="target"/>. With <see cref="StoreOptions.VerifyOnOpen"/>
    /// an InfluxDB target is checked first (reachable, credentials, database): a failure is one
    /// <see cref="StorageException"/> with a message fit for the user.
    /// </summary>
    public static async Task<ISessionStore> OpenAsync(StoreTarget target, StoreOptions? options = null, CancellationToken cancel = default)
    {
        options ??= new StoreOptions();
        if (target.Kind == StoreKind.Sqlite) return new SqliteSessionStore(target, options);
        return await InfluxSessionStore.OpenAsync(target, options, cancel).ConfigureAwait(false);
    }

    /// <summary>Shortcut: resolve <c>--store</c> / <c>SPINESENSE_STORE</c> / default, then open.</summary>
    public static Task<ISessionStore> OpenAsync(string? storeOption, StoreOptions? options = null, CancellationToken cancel = default) =>
        OpenAsync(StoreTarget.Resolve(storeOption), options, cancel);
}
