using SpineSense.Sensors;
using SpineSense.Sensors.Ble;
using SpineSense.Sensors.Replay;
using SpineSense.Sensors.Simulated;
using SpineSense.Streaming.Link;
using SpineSense.Streaming.Live;
using SpineSense.Streaming.Plans;

namespace SpineSense.Cli.Live;

/// <summary>
/// <c>--sensor ble:ADDRESS[/random] | sim | replay:FILE</c>: builds the link. The simulated sensor carries a virtual
/// athlete doing the plan; it also says when the athlete moves on (the "next" presses).
/// </summary>
internal static class SensorOption
{
    public const string Help = "ble:ADDRESS[/public|/random] | sim | replay:FILE";

    public sealed record Built(ISensorLink Link, SensorStreamConfig? Stream, IReadOnlyList<double>? StepStartsS)
    {
        /// <summary>Live-session options for this sensor: its stream configuration and, for sim, the athlete's step starts.</summary>
        public LiveSessionOptions SessionOptions(string athlete, WorkoutPlan plan) =>
            new(athlete, plan, Stream: Stream, StepStartsS: StepStartsS);
    }

    public static Built Create(string value, WorkoutPlan plan, double speed, int seed, double lossPct = 0)
    {
        if (value == "sim") return Simulated(plan, speed, seed, lossPct);
        if (value.StartsWith("ble:", StringComparison.Ordinal))
        {
            (BluetoothAddress address, BleAddressType type) parsed;
            try
            {
                parsed = BleSensorLink.ParseArgument(value["ble:".Length..]);
            }
            catch (FormatException e)
            {
                throw CliException.Usage($"--sensor {value}: {e.Message}");
            }
            return new Built(new BleSensorLink(parsed.address, new BleLinkOptions(AddressType: parsed.type)), null, null);
        }
        if (value.StartsWith("replay:", StringComparison.Ordinal))
        {
            string path = value["replay:".Length..];
            if (!File.Exists(path)) throw CliException.Usage($"--sensor {value}: no such file '{path}'");
            if (Input.RecordFiles.IsRecording(path))
                throw CliException.Usage($"--sensor {value}: '{path}' is a recording CSV ('record --out'); replay plays the packet log " +
                    $"written by 'record --log'. To analyse the recording: spinesense analyze {path} --exercise ID");
            return new Built(new ReplaySensorLink(path, new ReplayOptions(Speed: speed)), null, null);
        }
        throw CliException.Usage($"--sensor must be {Help}, got '{value}'");
    }

    public static Built Simulated(WorkoutPlan plan, double speed, int seed, double lossPct = 0)
    {
        var workout = SimulatedWorkout.For(plan, seed);
        var link = new SimulatedSensorLink(workout.Samples, new SimulatedSensorOptions(SpeedFactor: speed, LossPct: lossPct, Seed: seed));
        var stream = new SensorStreamConfig(link.Packets.Rate, link.Packets.Options.AccelRange, link.Packets.Options.GyroRange);
        return new Built(link, stream, workout.StepStartsS);
    }
}
