using SpineSense.Sensors;
using SpineSense.Storage;

namespace SpineSense.Cli;

/// <summary>
/// The one exception type a command lets escape: it carries the process exit code and a
/// single human-readable message (file, line and what was expected, where that applies).
/// </summary>
public sealed class CliException(int exitCode, string message) : Exception(message)
{
    /// <summary>Exit code for bad input or bad usage (contract section 2).</summary>
    public const int BadInput = 2;

    /// <summary>Exit code for an environment failure: no Bluetooth, unreachable store.</summary>
    public const int Unavailable = 3;

    public int ExitCode { get; } = exitCode;

    public static CliException Usage(string message) => new(BadInput, message);

    /// <summary>
    /// The one mapping of a storage failure to an exit code, shared by every command so the same mistake (a malformed
    /// target, an invalid name, an unknown session) gives the same code everywhere: bad input 2, anything else 3.
    /// </summary>
    public static CliException FromStorage(StorageException e) => new(e.IsBadInput ? BadInput : Unavailable, e.Message);

    /// <summary>
    /// The one mapping of a sensor failure, shared by session, record and scan: a replay log that is not one (the
    /// user's file, named with its line) is bad input 2; a sensor or radio that cannot be reached is 3.
    /// </summary>
    public static CliException FromSensor(SensorLinkException e) =>
        new(e.Error == SensorLinkError.BadReplayLog ? BadInput : Unavailable, e.Message);
}
