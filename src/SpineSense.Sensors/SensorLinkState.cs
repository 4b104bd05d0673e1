namespace SpineSense.Sensors;

/// <summary>Where an <see cref="ISensorLink"/> is in its lifetime.</summary>
public enum SensorLinkState
{
    /// <summary>Created, never connected.</summary>
    Idle,
    Connecting,
    Connected,
    /// <summary>Was connected, connection ended without being asked; <see cref="ISensorLink.ConnectAsync"/> may be called again.</summary>
    Lost,
    Disposed,
}
