using SpineSense.Server.Data;

namespace SpineSense.Server.Live;

/// <summary>What a live session reports to the dashboard; the Streaming adapter maps its events to these.</summary>
public abstract record LiveEvent;

/// <summary>The segment's angles at <paramref name="TimeS"/> seconds since session start (≥ 10 per second).</summary>
public sealed record AngleSnapshot(double TimeS, double FlexionDeg, double LateralDeg, double RotationDeg) : LiveEvent;

public sealed record RepCompleted(RepRow Rep) : LiveEvent;

public sealed record SetCompleted(SetRow Set) : LiveEvent;

public sealed record AlertRaised(AlertRow Alert) : LiveEvent;

/// <summary>Sensor link health: battery %, signal (RSSI dBm, null if unknown), packet loss % and link state text.</summary>
public sealed record LinkHealth(double? BatteryPct, double? RssiDbm, double LossPct, string State) : LiveEvent;

/// <summary>Where the workout runner is: exercise, set and reps against target, rest, and the flexion limit in force.</summary>
public sealed record RunnerState(
    string Exercise, int Set, int SetsTarget, int Reps, int? RepsTarget, string Phase,
    double? RestRemainingS, double? FlexionLimitDeg, double? ExtensionLimitDeg) : LiveEvent;

/// <summary>The session ended (routine finished, stopped or failed); <paramref name="Reason"/> for the page.</summary>
public sealed record SessionEnded(string Reason, string? StoredSessionId) : LiveEvent;
