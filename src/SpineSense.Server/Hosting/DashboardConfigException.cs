namespace SpineSense.Server;

/// <summary>
/// The one exception the dashboard lets escape at start-up: a configuration a person must fix
/// (unsafe binding without authentication, a bad users file, missing assets when required), or an address the
/// machine would not let it listen on (port in use).
/// </summary>
/// <param name="isBadInput">
/// True (the default) when the settings themselves are wrong and no retry helps; false when the settings are valid but
/// the environment refused them (the port is taken), so a command can tell bad input (exit 2) from a missing
/// environment (exit 3).
/// </param>
public sealed class DashboardConfigException(string message, bool isBadInput = true) : Exception(message)
{
    public bool IsBadInput { get; } = isBadInput;
}
