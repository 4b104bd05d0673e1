using System.Globalization;
using SpineSense.Cli.Analyze;
using SpineSense.Cli.Input;
using SpineSense.Cli.Output;
using SpineSense.Motion.Analysis;
using SpineSense.Motion.Exercises;
using SpineSense.Motion.Recognition;
using SpineSense.Recording;

namespace SpineSense.Cli.Commands;

/// <summary>
/// <c>spinesense analyze</c> (contract section 6): reads a recording, runs the motion core over it and reports
/// sets, reps with tempo phases, holds and alerts as JSON or a human summary; optionally writes the angles.
/// </summary>
internal sealed class AnalyzeCommand : ICliCommand
{
    private readonly Func<string, Stream> _openAngles;

    /// <param name="openAngles">Creates the file the angle rows go to: a temporary file beside <c>--angles</c>, or the
    /// <c>--angles</c> path itself for a device (see <see cref="ReplacingFileOutput"/>); tests pass one that fails part-way.</param>
    public AnalyzeCommand(Func<string, Stream>? openAngles = null) =>
        _openAngles = openAngles ?? (path => new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16));

    public string Name => "analyze";
    public string Summary => "count reps, tempo, holds and alerts in a recording";
    public string Usage =>
        "spinesense analyze FILE --exercise ID [--json] [--angles OUT.csv]\n" +
        "        [--calibration-s S] [--max-flexion-deg X] [--max-extension-deg X]\n" +
        "        [--max-rotation-dps X] [--max-impact-g X]\n" +
        "\n" +
        "  FILE             a recording (contract section 2), e.g. from 'spinesense record' or 'spinesense simulate'\n" +
        "  --exercise ID    the exercise done, or auto to recognise it\n" +
        "  --json           one JSON object on stdout instead of the summary\n" +
        "  --angles OUT.csv time_s,flexion_deg,lateral_deg,rotation_deg per sample; an existing file is replaced only\n" +
        "                   when the run succeeds, keeping its permissions\n" +
        "  --calibration-s  length of the quiet standing at the start (default 2)\n" +
        "  --max-*          limits for the alerts (default: the exercise's profile)\n" +
        "Exit codes: 0 done, 2 bad input (the recording, an option, an unwritable --angles path), 3 the disk failed.\n" +
        "exercises: " + string.Join(", ", ExerciseCatalog.Ids);

    private static readonly HashSet<string> Switches = new(StringComparer.Ordinal) { "json" };

    public Task<int> RunAsync(IReadOnlyList<string> args, CliConsole console, CancellationToken cancel)
    {
        var a = new CliArgs(args, Switches);
        string exerciseId = a.RequiredString("exercise");
        bool json = a.Flag("json");
        string? anglesPath = a.FilePath("angles");
        double calibrationS = a.Double("calibration-s", min: 0.1, max: 60) ?? 2.0;
        var overrides = new SafetyLimits(
            a.Double("max-flexion-deg", -180, 180),
            a.Double("max-extension-deg", -180, 180),
            a.Double("max-rotation-dps", 0, 10000),
            a.Double("max-impact-g", 0, 100));
        a.ThrowOnUnused(maxPositionals: 1);
        if (a.Positionals.Count == 0) throw CliException.Usage("missing recording FILE");
        string file = a.Positionals[0];
        if (string.IsNullOrWhiteSpace(file)) throw CliException.Usage($"recording FILE is an empty name ('{file}')");
        // Opening a directory fails with EISDIR, which .NET reports as "access denied": say what it is instead.
        if (Directory.Exists(file)) throw CliException.Usage($"{file}: is a directory, not a recording");

        bool auto = exerciseId == ExerciseCatalog.Auto;
        if (!auto && !ExerciseCatalog.TryGet(exerciseId, out _))
            throw CliException.Usage($"unknown exercise '{exerciseId}'; known exercises: {string.Join(", ", ExerciseCatalog.Ids)}");

        ImuRecording recording;
        try
        {
            recording = RecordingReader.Read(file);
        }
        catch (RecordingFormatException e)
        {
            throw new CliException(CliException.BadInput, e.Message + RecordFiles.PacketLogHint(file));
        }
        if (recording.DurationS < calibrationS)
            throw new CliException(CliException.BadInput, string.Format(CultureInfo.InvariantCulture,
                "{0}: the recording lasts {1:0.###} s ({2} rows), shorter than the {3:0.###} s calibration window (contract section 3)",
                file, recording.DurationS, recording.Samples.Length, calibrationS));
        cancel.ThrowIfCancellationRequested();

        string? requested = null;
        if (auto)
        {
            requested = ExerciseCatalog.Auto;
            exerciseId = ExerciseRecognizer.Recognize(recording.Samples, calibrationS).ExerciseId;
        }
        var settings = AnalyzerSettings.For(exerciseId, overrides, calibrationS);
        var analyzer = new LumbarAnalyzer(settings);

        ReplacingFileOutput? anglesOutput = null;
        if (anglesPath is not null)
        {
            try
            {
                anglesOutput = ReplacingFileOutput.Open(anglesPath, _openAngles);
            }
            catch (Exception e) when (OutputFailure.IsFileError(e))
            {
                throw AnglesFailure(e);
            }
        }
        // Disposing an uncommitted output removes its temporary file: a failed run leaves OUT.csv as it was.
        using (anglesOutput)
        {
            var anglesWriter = anglesOutput is null ? null : new AnglesCsvWriter(anglesOutput.Stream);
            var collector = new AnalysisCollector(anglesWriter);
            try
            {
                using (anglesWriter)
                {
                    var samples = recording.Samples;
                    for (int i = 0; i < samples.Length; i++) analyzer.Process(samples[i], collector);
                    analyzer.Finish(collector);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Only the angles file does I/O here (the analysis is pure): a full disk or a vanished mount is the
                // environment, not the recording, so exit 3 like any other missing environment.
                throw AnglesFailure(e);
            }
            if (!analyzer.IsCalibrated)
                throw new CliException(CliException.BadInput,
                    $"{file}: no gravity in the calibration window (accelerometer reads about 0 g): cannot calibrate");
            if (!double.IsNaN(analyzer.CalibrationMotionS))
                console.Error.WriteLine(CalibrationWarning(file, analyzer.Calibration.EndS, analyzer.CalibrationMotionS,
                    analyzer.CalibrationMotionS - recording.Samples[0].TimeS));
            try
            {
                anglesOutput?.Commit();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw AnglesFailure(e);
            }
            WriteReport(collector);
        }
        return Task.FromResult(0);

        // A warning, not bad input: the recording is well formed and the reps still count; only the angles (and so
        // peaks and alerts) are measured from a neutral the athlete never stood in.
        static string CalibrationWarning(string file, double windowEndS, double motionS, double quietS)
        {
            var inv = CultureInfo.InvariantCulture;
            string advice = quietS >= 0.1 // the option's minimum
                ? string.Create(inv, $"use --calibration-s {Math.Floor(quietS * 10) / 10:0.0} or less.")
                : "the recording does not start with the quiet standing it needs (contract section 3).";
            return string.Create(inv,
                $"{file}: warning: the calibration window (to {windowEndS:0.0} s) is not quiet standing: the trunk moves from {motionS:0.0} s. ")
                + "Angles are measured from the window's mean posture; " + advice;
        }

        CliException AnglesFailure(Exception e) =>
            new(OutputFailure.ExitCodeFor(e), $"{anglesPath}: cannot write angles: {OutputFailure.Reason(e, anglesPath!)}");

        void WriteReport(AnalysisCollector collector)
        {
            collector.Alerts.Sort((x, y) => x.TimeS.CompareTo(y.TimeS));
            var report = new AnalysisReport(file, exerciseId, requested, recording.DurationS, analyzer.Calibration.SampleRateHz,
                analyzer.Limits, collector.Sets, collector.Reps, collector.Holds, collector.Alerts);
            // stdout failing (a full disk) is StandardOutputWriter's one message and exit 3, as for every command.
            if (json)
            {
                using var stdout = new MemoryStream();
                report.WriteJson(stdout);
                console.Out.Write(System.Text.Encoding.UTF8.GetString(stdout.ToArray()));
            }
            else report.WriteSummary(console.Out);
            console.Out.Flush();
        }
    }
}
