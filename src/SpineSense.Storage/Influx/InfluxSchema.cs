using SpineSense.Motion.Results;
using SpineSense.Motion.Samples;
using SpineSense.Storage.LineProtocol;
using SpineSense.Storage.Model;

namespace SpineSense.Storage.Influx;

/// <summary>
/// The InfluxDB schema (docs/STORAGE.md): measurement, tag and field names, and how each item of a session
/// becomes one point. Tags are only <c>athlete</c> (+ <c>exercise</c> / <c>kind</c> on events): bounded cardinality.
/// The session id is a field; a session's points are found by athlete + the session's time range.
/// Point identity (measurement, tags, timestamp) is the idempotency key: a replay overwrites, never duplicates.
/// </summary>
internal static class InfluxSchema
{
    public const string Imu = "imu", Angles = "angles", Imu1s = "imu_1s", Angles1s = "angles_1s", Reps = "reps", Sets = "sets", Holds = "holds",
        Alerts = "alerts", Link = "link", Sessions = "sessions";

    public const string TagAthlete = "athlete", TagExercise = "exercise", TagKind = "kind";

    public static string KindName(AlertKind k) => k switch
    {
        AlertKind.Flexion => "flexion",
        AlertKind.Extension => "extension",
        AlertKind.Rotation => "rotation",
        AlertKind.Impact => "impact",
        _ => "none",
    };

    public static AlertKind ParseKind(string? s) => s switch
    {
        "flexion" => AlertKind.Flexion,
        "extension" => AlertKind.Extension,
        "rotation" => AlertKind.Rotation,
        "impact" => AlertKind.Impact,
        _ => AlertKind.None,
    };

    /// <summary>Contract-style flag list, e.g. <c>flexion,rotation</c> (empty string when none).</summary>
    public static string FlagNames(AlertKind flags)
    {
        if (flags == AlertKind.None) return "";
        var parts = new List<string>(4);
        foreach (var k in (ReadOnlySpan<AlertKind>)[AlertKind.Flexion, AlertKind.Extension, AlertKind.Rotation, AlertKind.Impact])
            if ((flags & k) != 0) parts.Add(KindName(k));
        return string.Join(',', parts);
    }
}

/// <summary>
/// Serialises one session's items into line protocol. Prefixes (measurement + escaped athlete tag) are built once;
/// raw samples and angles take the prepared fixed-point path (no allocation). Precision of stored values:
/// acceleration 1e-5 g, angular rate and angles 1e-3 (deg/s, deg) — below the sensor's int16 quantisation.
/// </summary>
internal sealed class SessionPoints
{
    private static ReadOnlySpan<byte> AccX => "acc_x_g"u8;
    private static ReadOnlySpan<byte> AccY => "acc_y_g"u8;
    private static ReadOnlySpan<byte> AccZ => "acc_z_g"u8;
    private static ReadOnlySpan<byte> GyrX => "gyr_x_dps"u8;
    private static ReadOnlySpan<byte> GyrY => "gyr_y_dps"u8;
    private static ReadOnlySpan<byte> GyrZ => "gyr_z_dps"u8;
    private static ReadOnlySpan<byte> Flex => "flexion_deg"u8;
    private static ReadOnlySpan<byte> Lat => "lateral_deg"u8;
    private static ReadOnlySpan<byte> Rot => "rotation_deg"u8;

    private readonly byte[] _imuPrefix, _anglesPrefix;
    private readonly long _startUnits;
    private readonly double _unitsPerSecond;

    public SessionPoints(SessionInfo info, TimestampPrecision precision)
    {
        Info = info;
        _imuPrefix = PointPrefix.Build(InfluxSchema.Imu, (InfluxSchema.TagAthlete, info.Athlete));
        _anglesPrefix = PointPrefix.Build(InfluxSchema.Angles, (InfluxSchema.TagAthlete, info.Athlete));
        _imu1s = new SecondAggregator(InfluxSchema.Imu1s, info.Athlete, SeriesData.ChannelsOf(SeriesKind.Raw), [5, 5, 5, 3, 3, 3]);
        _angles1s = new SecondAggregator(InfluxSchema.Angles1s, info.Athlete, SeriesData.ChannelsOf(SeriesKind.Angles), [3, 3, 3]);
        long us = (info.StartUtc.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;
        _startUnits = precision == TimestampPrecision.Nanoseconds ? us * 1000 : us;
        _unitsPerSecond = precision == TimestampPrecision.Nanoseconds ? 1e9 : 1e6;
        Precision = precision;
    }

    public SessionInfo Info { get; }
    public TimestampPrecision Precision { get; }

    /// <summary>Timestamp of a session-relative time, rounded to whole microseconds in both precisions.</summary>
    public long Timestamp(double timeS)
    {
        long us = (long)Math.Round(timeS * 1e6);
        return _startUnits + (_unitsPerSecond > 1e6 ? us * 1000 : us);
    }

    public long Timestamp(DateTimeOffset t)
    {
        long us = (t.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10;
        return _unitsPerSecond > 1e6 ? us * 1000 : us;
    }

    private readonly SecondAggregator _imu1s, _angles1s;

    /// <summary>Points the last Sample/Angles call wrote besides the item itself (a completed per-second aggregate).</summary>
    public int ExtraPoints { get; private set; }

    public void Sample(LineProtocolBuffer b, in ImuSample s)
    {
        int before = b.Points;
        if (_imu1s.Begin(b, s.TimeS, this))
        {
            _imu1s.Add(0, s.AccXG); _imu1s.Add(1, s.AccYG); _imu1s.Add(2, s.AccZG);
            _imu1s.Add(3, s.GyrXDps); _imu1s.Add(4, s.GyrYDps); _imu1s.Add(5, s.GyrZDps);
        }
        ExtraPoints = b.Points - before;
        b.BeginPrepared(_imuPrefix);
        b.FixedField(AccX, s.AccXG, 5);
        b.FixedField(AccY, s.AccYG, 5);
        b.FixedField(AccZ, s.AccZG, 5);
        b.FixedField(GyrX, s.GyrXDps, 3);
        b.FixedField(GyrY, s.GyrYDps, 3);
        b.FixedField(GyrZ, s.GyrZDps, 3);
        b.End(Timestamp(s.TimeS));
    }

    public void Angles(LineProtocolBuffer b, double timeS, in SpineAngles a)
    {
        int before = b.Points;
        if (_angles1s.Begin(b, timeS, this))
        {
            _angles1s.Add(0, a.FlexionDeg); _angles1s.Add(1, a.LateralDeg); _angles1s.Add(2, a.RotationDeg);
        }
        ExtraPoints = b.Points - before;
        b.BeginPrepared(_anglesPrefix);
        b.FixedField(Flex, a.FlexionDeg, 3);
        b.FixedField(Lat, a.LateralDeg, 3);
        b.FixedField(Rot, a.RotationDeg, 3);
        b.End(Timestamp(timeS));
    }

    public void Rep(LineProtocolBuffer b, string exercise, in RepResult r)
    {
        b.Measurement(InfluxSchema.Reps).Tag(InfluxSchema.TagAthlete, Info.Athlete).Tag(InfluxSchema.TagExercise, exercise)
            .Field("bottom_pause_s", r.BottomPauseS).Field("concentric_s", r.ConcentricS).Field("eccentric_s", r.EccentricS)
            .Field("end_s", r.EndS).Field("flags", InfluxSchema.FlagNames(r.Flags)).Field("flags_mask", (long)r.Flags)
            .Field("peak_flexion_deg", r.PeakFlexionDeg).Field("rep", (long)r.Rep).Field("session_id", Info.SessionId)
            .Field("set", (long)r.Set).Field("start_s", r.StartS).Field("top_pause_s", r.TopPauseS);
        b.End(Timestamp(r.StartS));
    }

    public void Set(LineProtocolBuffer b, string exercise, in SetResult s)
    {
        b.Measurement(InfluxSchema.Sets).Tag(InfluxSchema.TagAthlete, Info.Athlete).Tag(InfluxSchema.TagExercise, exercise)
            .Field("end_s", s.EndS).Field("reps", (long)s.Reps).Field("session_id", Info.SessionId)
            .Field("set", (long)s.Set).Field("start_s", s.StartS);
        b.End(Timestamp(s.StartS));
    }

    public void Hold(LineProtocolBuffer b, string exercise, in HoldResult h)
    {
        b.Measurement(InfluxSchema.Holds).Tag(InfluxSchema.TagAthlete, Info.Athlete).Tag(InfluxSchema.TagExercise, exercise)
            .Field("duration_s", h.DurationS).Field("end_s", h.EndS).Field("session_id", Info.SessionId)
            .Field("start_s", h.StartS).Field("sway_deg", h.SwayDeg);
        b.End(Timestamp(h.StartS));
    }

    public void Alert(LineProtocolBuffer b, string? exercise, in AlertEvent a)
    {
        b.Measurement(InfluxSchema.Alerts).Tag(InfluxSchema.TagAthlete, Info.Athlete).Tag(InfluxSchema.TagKind, InfluxSchema.KindName(a.Kind))
            .Field("exercise", exercise).Field("limit", a.Limit).Field("session_id", Info.SessionId)
            .Field("t_s", a.TimeS).Field("value", a.Value);
        b.End(Timestamp(a.TimeS));
    }

    public void Link(LineProtocolBuffer b, in LinkHealth l)
    {
        b.Measurement(InfluxSchema.Link).Tag(InfluxSchema.TagAthlete, Info.Athlete)
            .Field("battery_pct", l.BatteryPct).Field("packets_lost", l.PacketsLost).Field("packets_received", l.PacketsReceived)
            .Field("rssi_dbm", l.RssiDbm).Field("session_id", Info.SessionId);
        b.End(Timestamp(l.TimeS));
    }

    /// <summary>Writes the last, partial second of the per-second aggregates (session end); returns the points written.</summary>
    public int EmitAggregates(LineProtocolBuffer b)
    {
        int before = b.Points;
        _imu1s.Emit(b, this);
        _angles1s.Emit(b, this);
        return b.Points - before;
    }

    /// <summary>The session row at its start time; the end rewrites the same point with the end fields added (fields merge).</summary>
    public void SessionRow(LineProtocolBuffer b, DateTimeOffset? endUtc)
    {
        b.Measurement(InfluxSchema.Sessions).Tag(InfluxSchema.TagAthlete, Info.Athlete)
            .Field("exercise", Info.Exercise).Field("plan", Info.Plan).Field("session_id", Info.SessionId)
            .Field("start_unix_us", (Info.StartUtc.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10);
        if (endUtc is { } e) b.Field("end_unix_us", (e.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10);
        b.End(Timestamp(Info.StartUtc));
    }
}
