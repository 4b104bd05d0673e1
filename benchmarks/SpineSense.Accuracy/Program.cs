using System.Diagnostics;
using System.Globalization;
using System.Text;
using SpineSense.Accuracy;

// Runs the analyzer over the virtual athlete's accuracy suite and writes docs/ACCURACY.md.
//   dotnet run -c Release --project benchmarks/SpineSense.Accuracy -- [--per-exercise N] [--out docs/ACCURACY.md] [--no-auto] [--only EXERCISE] [--seed-base N] [--holdout B1,B2] [--holdout-per-exercise N] [--no-holdout]
int perExercise = 4;
string outPath = "docs/ACCURACY.md";
bool withAuto = true;
int seedBase = 100; // --seed-base N: a held-out suite (other seeds) to check rules are not fitted to the default one
string? only = null;
int[] holdoutBases = [5000, 21000]; // --holdout 5000,21000: held-out suites summarised next to the main one (--no-holdout: none)
int holdoutPerExercise = 8; // --only EXERCISE: that exercise's recordings only (fast iteration; not for docs/ACCURACY.md)
if (args.Length >= 5 && args[0] == "--trace")
{
    SampleTrace.Write(args[1], int.Parse(args[2], CultureInfo.InvariantCulture), double.Parse(args[3], CultureInfo.InvariantCulture), args[4],
        args.Length > 5 ? Enum.Parse<SpineSense.Simulation.Sensor.NoiseLevel>(args[5], ignoreCase: true) : SpineSense.Simulation.Sensor.NoiseLevel.Typical,
        args.Length > 6 ? Enum.Parse<SpineSense.Simulation.Sessions.Hazard>(args[6], ignoreCase: true) : SpineSense.Simulation.Sessions.Hazard.None,
        args.Length > 7 ? double.Parse(args[7], CultureInfo.InvariantCulture) : 0);
    return;
}
if (args.Length >= 4 && args[0] == "--alert-census")
{
    AlertCensus.Write(int.Parse(args[1], CultureInfo.InvariantCulture),
        args[2].Split(',').Select(x => int.Parse(x, CultureInfo.InvariantCulture)), args[3]);
    return;
}
for (int i = 0; i < args.Length; i++)
{
    if (args[i] == "--per-exercise") perExercise = int.Parse(args[++i], CultureInfo.InvariantCulture);
    else if (args[i] == "--out") outPath = args[++i];
    else if (args[i] == "--no-auto") withAuto = false;
    else if (args[i] == "--only") only = args[++i];
    else if (args[i] == "--seed-base") seedBase = int.Parse(args[++i], CultureInfo.InvariantCulture);
    else if (args[i] == "--holdout") holdoutBases = args[++i].Split(',').Select(x => int.Parse(x, CultureInfo.InvariantCulture)).ToArray();
    else if (args[i] == "--holdout-per-exercise") holdoutPerExercise = int.Parse(args[++i], CultureInfo.InvariantCulture);
    else if (args[i] == "--no-holdout") holdoutBases = [];
}
var sw = Stopwatch.StartNew();
var results = RunSuite(Scenarios.All(perExercise, seedBase));
// Only/seed-base runs are for iterating on one thing: the held-out summaries belong to the docs run.
var heldOut = only is null && seedBase == 100
    ? holdoutBases.Select(b => new Report.HeldOut(b, holdoutPerExercise, RunSuite(Scenarios.All(holdoutPerExercise, b)))).ToList()
    : [];
string report = Report.Build(results, perExercise, withAuto, sw.Elapsed, heldOut);
File.WriteAllText(outPath, report, new UTF8Encoding(false));
Console.WriteLine(report);

Evaluation[] RunSuite(IEnumerable<SpineSense.Simulation.ScenarioSpec> suite)
{
    var specs = suite.Where(s => only is null || s.Exercise == only).ToList();
    var evaluations = new Evaluation[specs.Count];
    Parallel.For(0, specs.Count, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i =>
    {
        evaluations[i] = Evaluation.Run(specs[i], withAuto);
        Console.Error.WriteLine($"  {evaluations[i].Name}");
    });
    return evaluations;
}
