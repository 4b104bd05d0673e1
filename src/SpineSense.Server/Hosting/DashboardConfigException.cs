namespace SpineSense.Server;

/// <summary>
/// The one exception the dashboard lets escape at start-up: a configuration a person must fix
/// (unsafe binding without authentication, a bad users file, missing assets when required).
/// </summary>
public sealed class DashboardConfigException(string message) : Exception(message);
