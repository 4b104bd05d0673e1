using System.Globalization;
using SpineSense.Cli.Output;
using SpineSense.Motion.Exercises;
using SpineSense.Recording;
using SpineSense.Simulation;
using SpineSense.Simulation.Sensor;
using SpineSense.Simulation.Sessions;
using SpineSense.Simulation.Truth;

namespace SpineSense.Cli.Commands;

/// <summary>
/// <c>spinesense simulate</c>: a virtual athlete's recording in the contract's CSV (section 2) plus its ground truth
/// shaped like analyze's JSON (section 6), and optionally the true angles in analyze's --angles format.
/// </summary>
internal sealed class SimulateCommand : ICliCommand
{
    public string Name => "simulate";
    public string Summary => "write a simulated recording (virtual athlete) and its ground truth";
    public string Usage =>
        """
        spinesense simulate (--exercise ID | --routine beginner) --out REC.csv [--truth TRUTH.json] [--angles ANGLES.csv]
        spinesense simulate --suite DIR [--variants N]
                [--sets N] [--reps N] [--hold-s S] [--rest-s S] [--rate HZ] [--seed N] [--loss PCT]
                [--noise low|typical|high|ideal] [--hazard none|rounding|over-arching|jumping]
                [--mounting random|nominal|STRAP_DEG,TILT_DEG] [--calibration-s S]
                [--max-flexion-deg X] [--max-extension-deg X] [--max-rotation-dps X] [--max-impact-g X]

          --exercise   cat-cow, hip-hinge-drill, glute-bridge, bird-dog, dead-bug, goblet-squat, romanian-deadlift,
                       side-plank, back-extension, clamshell, banded-walk; also russian-twist (fast loaded rotation),
                       hip-flexor-stretch, hamstring-stretch
          --routine    beginner: the seed's whole warm-up / main / cool-down routine as one session
          --reps       per set; each-side exercises count every excursion or step
          --rate       output data rate: 52, 100, 104, 200 (default), 208, 400, 416, 833
          --loss       percent of rows lost in BLE packet bursts (default 0)
          --noise      sensor error level (default typical: LSM6DSx-class; ideal = no errors, int16 quantisation only)
          --hazard     rounding (RDL/squat/hinge past the flexion limit), over-arching (back extension),
                       jumping (jumps during rests); fast rotation is --exercise russian-twist
          --max-*      limits the truth's alerts are computed for (default: the exercise's catalog limits)
          --suite      write the whole accuracy suite (NAME.csv + NAME.truth.json per scenario, index.tsv) into DIR
        The same options and seed always give the same files.
        """;

    private static readonly IReadOnlySet<string> Switches = new HashSet<string>(StringComparer.Ordinal);

    private readonly Func<string, Stream> _openFile;

    /// <param name="openFile">Creates a file the output goes to: a temporary file beside the named one, or the path
    /// itself for a device (see <see cref="ReplacingFileOutput"/>); tests pass one that fails part-way.</param>
    public SimulateCommand(Func<string, Stream>? openFile = null) =>
        _openFile = openFile ?? (path => new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16));

    public Task<int> RunAsync(IReadOnlyList<string> args, CliConsole console, CancellationToken cancel)
    {
        var a = new CliArgs(args, Switches);
        string? suiteDir = a.FilePath("suite");
        if (suiteDir is not null) return Task.FromResult(WriteSuite(a, suiteDir, console, cancel));
        string? exercise = a.String("exercise");
        string? routine = a.String("routine");
        string outPath = a.RequiredFilePath("out");
        string? truthPath = a.FilePath("truth");
        string? anglesPath = a.FilePath("angles");
        int? sets = a.Int("sets", 1, 20);
        int? reps = a.Int("reps", 1, 100);
        double? holdS = a.Double("hold-s", 5, 300);
        double? restS = a.Double("rest-s", 20, 600);
        double rate = a.Double("rate", 1, 10_000) ?? 200;
        int seed = a.Int("seed") ?? 1;
        double loss = a.Double("loss", 0, 50) ?? 0;
        string noise = a.String("noise") ?? "typical";
        string hazard = a.String("hazard") ?? "none";
        string mounting = a.String("mounting") ?? "random";
        double calibrationS = a.Double("calibration-s", 2, 30) ?? 3;
        var limitFlags = new SafetyLimits(a.Double("max-flexion-deg", -180, 180), a.Double("max-extension-deg", -180, 180),
            a.Double("max-rotation-dps", 0, 5000), a.Double("max-impact-g", 0, 64));
        a.ThrowOnUnused(0);

        if ((exercise is null) == (routine is null))
            throw CliException.Usage("give exactly one of --exercise ID or --routine beginner");
        if (routine is not null && routine != "beginner")
            throw CliException.Usage($"unknown routine '{routine}'; known: beginner");
        if (exercise is not null && !ExerciseLibrary.TryGet(exercise, out _))
            throw CliException.Usage($"unknown exercise '{exercise}'; known: {string.Join(", ", ExerciseLibrary.All.Select(e => e.Id))}");
        if (!ScenarioSpec.SupportedRatesHz.Contains(rate))
            throw CliException.Usage($"--rate must be one of {string.Join(", ", ScenarioSpec.SupportedRatesHz)}, got {rate.ToString(CultureInfo.InvariantCulture)}");

        var hazardValue = hazard switch
        {
            "none" => Hazard.None,
            "rounding" => Hazard.Rounding,
            "over-arching" => Hazard.OverArching,
            "jumping" => Hazard.Jumping,
            _ => throw CliException.Usage($"--hazard must be none, rounding, over-arching or jumping, got '{hazard}'"),
        };
        bool ideal = noise == "ideal";
        var noiseValue = noise switch
        {
            "low" => NoiseLevel.Low,
            "typical" or "ideal" => NoiseLevel.Typical,
            "high" => NoiseLevel.High,
            _ => throw CliException.Usage($"--noise must be low, typical, high or ideal, got '{noise}'"),
        };
        var spec = new ScenarioSpec
        {
            Exercise = exercise,
            BeginnerRoutine = routine is not null,
            Sets = sets,
            Reps = reps,
            HoldS = holdS,
            RestS = restS,
            RateHz = rate,
            Seed = seed,
            LossPercent = loss,
            Noise = noiseValue,
            IdealSensor = ideal,
            Hazard = hazardValue,
            Mounting = ParseMounting(mounting),
            CalibrationS = calibrationS,
        };
        var defaults = VirtualAthlete.DefaultLimits(exercise ?? "", hazardValue);
        if (limitFlags != new SafetyLimits()) spec = spec with { Limits = limitFlags.Over(routine is null ? defaults : SafetyLimits.General) };
        try
        {
            spec.Validate();
        }
        catch (ArgumentException e)
        {
            throw CliException.Usage(e.Message);
        }

        cancel.ThrowIfCancellationRequested();
        var recording = VirtualAthlete.Simulate(spec);
        // The recording, its truth and its angles belong together: none replaces an older file until all are written.
        var files = new List<(string Path, Action<Stream> Write)>
        {
            (outPath, s => RecordingWriter.Write(s, recording.Samples, recording.Metadata())),
        };
        if (truthPath is not null) files.Add((truthPath, s => TruthJson.Write(s, recording)));
        if (anglesPath is not null)
            files.Add((anglesPath, s =>
            {
                using var w = new StreamWriter(s, leaveOpen: true);
                TruthJson.WriteAngles(w, recording);
            }));
        WriteFiles(files);

        var t = recording.Truth;
        console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"wrote {outPath}: {recording.Samples.Length} rows, {t.DurationS:F1} s at {rate} Hz ({recording.CleanSamples.Length - recording.Samples.Length} lost); " +
            $"truth: {t.Sets.Count} sets, {t.Reps.Count} reps, {t.Holds.Count} holds, {t.Alerts.Count} alerts"));
        return Task.FromResult(0);
    }

    private int WriteSuite(CliArgs a, string dir, CliConsole console, CancellationToken cancel)
    {
        int variants = a.Int("variants", 1, 10) ?? 3;
        a.ThrowOnUnused(0);
        try
        {
            Directory.CreateDirectory(dir);
        }
        catch (Exception e) when (OutputFailure.IsFileError(e))
        {
            throw new CliException(OutputFailure.ExitCodeFor(e), $"cannot create {dir}: {OutputFailure.Reason(e, dir)}");
        }
        var index = new System.Text.StringBuilder("name\texercise\trate_hz\trecording\ttruth\n");
        var cases = AccuracySuite.Cases(variants);
        foreach (var c in cases)
        {
            cancel.ThrowIfCancellationRequested();
            var recording = VirtualAthlete.Simulate(c.Spec);
            string csv = c.Name + ".csv", truth = c.Name + ".truth.json";
            WriteFiles([
                (Path.Combine(dir, csv), s => RecordingWriter.Write(s, recording.Samples, recording.Metadata())),
                (Path.Combine(dir, truth), s => TruthJson.Write(s, recording)),
            ]);
            index.Append(CultureInfo.InvariantCulture, $"{c.Name}\t{c.Spec.AnalyzeExercise}\t{c.Spec.RateHz}\t{csv}\t{truth}\n");
        }
        WriteFiles([(Path.Combine(dir, "index.tsv"), s => s.Write(System.Text.Encoding.UTF8.GetBytes(index.ToString())))]);
        console.Out.WriteLine($"wrote {cases.Count} scenarios to {dir} (index.tsv lists them)");
        return 0;
    }

    private static Mounting? ParseMounting(string text)
    {
        if (text == "random") return null;
        if (text == "nominal") return Mounting.Nominal;
        var parts = text.Split(',');
        if (parts.Length == 2
            && double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out double strap)
            && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double tilt)
            && Math.Abs(strap) <= 25 && Math.Abs(tilt) <= 20)
            return new Mounting(strap, tilt);
        throw CliException.Usage($"--mounting must be random, nominal or STRAP_DEG,TILT_DEG within ±25,±20, got '{text}'");
    }

    // Each file is written whole beside its name first; only when all are written do they replace what was there, so a
    // failure part-way (a full disk) leaves the older files as they were and no partial one.
    private void WriteFiles(IReadOnlyList<(string Path, Action<Stream> Write)> files)
    {
        var outputs = new List<ReplacingFileOutput>(files.Count);
        string path = "";
        try
        {
            foreach (var file in files)
            {
                path = file.Path;
                var output = ReplacingFileOutput.Open(file.Path, _openFile);
                outputs.Add(output);
                file.Write(output.Stream);
                output.Stream.Dispose(); // the last buffered bytes are written (and may fail) here
            }
            for (int i = 0; i < outputs.Count; i++)
            {
                path = files[i].Path;
                outputs[i].Sync();
            }
            for (int i = 0; i < outputs.Count; i++)
            {
                path = files[i].Path;
                outputs[i].Replace();
            }
        }
        catch (Exception e) when (OutputFailure.IsFileError(e))
        {
            // The same cause gives the same exit code in every command, whenever it shows (OutputFailure).
            throw new CliException(OutputFailure.ExitCodeFor(e), $"cannot write {path}: {OutputFailure.Reason(e, path)}");
        }
        finally
        {
            foreach (var output in outputs) output.Dispose();
        }
    }
}
