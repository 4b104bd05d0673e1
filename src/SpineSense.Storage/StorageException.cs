namespace SpineSense.Storage;

/// <summary>Why a storage operation failed. The code tells a caller whether retrying can help.</summary>
public enum StorageErrorCode
{
    /// <summary>The store target setting (<c>--store</c> / <c>SPINESENSE_STORE</c>) cannot be parsed.</summary>
    BadTarget,
    /// <summary>The server does not answer (connection refused, timeout). Writes go to the outbox meanwhile.</summary>
    Unreachable,
    /// <summary>401/403: wrong user/password or token. Retrying cannot fix it.</summary>
    Unauthorized,
    /// <summary>404 / "database not found" / "bucket not found". Retrying cannot fix it.</summary>
    DatabaseNotFound,
    /// <summary>400: the server rejected points as malformed. Retrying cannot fix it.</summary>
    MalformedPoint,
    /// <summary>The on-disk outbox reached its size bound; points were refused (and counted).</summary>
    OutboxFull,
    /// <summary>A user-supplied value (athlete, session id, time range ...) is not valid.</summary>
    InvalidInput,
    /// <summary>Something asked for does not exist (session id, athlete).</summary>
    NotFound,
    /// <summary>The server answered with an unexpected error (5xx after retries, unparsable response).</summary>
    ServerError,
    /// <summary>Local storage (SQLite file, outbox directory) failed: disk full, permissions, corruption.</summary>
    LocalStorage,
}

/// <summary>
/// The one exception type SpineSense.Storage lets escape. The message is one clear sentence for a user
/// (never containing a password or token); <see cref="Code"/> is for programs.
/// </summary>
public sealed class StorageException : Exception
{
    public StorageErrorCode Code { get; }

    /// <summary>HTTP status of the answer that caused it, when there was one.</summary>
    public int? HttpStatus { get; }

    public StorageException(StorageErrorCode code, string message, Exception? inner = null, int? httpStatus = null)
        : base(message, inner)
    {
        Code = code;
        HttpStatus = httpStatus;
    }

    /// <summary>
    /// True when the user's input is at fault (bad target, invalid name, unknown session): the CLI maps it to exit
    /// code 2; everything else (server, credentials, disk) to 3.
    /// </summary>
    public bool IsBadInput => Code is StorageErrorCode.BadTarget or StorageErrorCode.InvalidInput or StorageErrorCode.NotFound;

    /// <summary>True when waiting and retrying may succeed (server down or overloaded).</summary>
    public bool IsTransient => Code is StorageErrorCode.Unreachable or StorageErrorCode.ServerError;
}
