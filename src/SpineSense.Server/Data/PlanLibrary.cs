using SpineSense.Streaming.Plans;

namespace SpineSense.Server.Data;

/// <summary>
/// The plans a physio can assign: the built-in ones plus every <c>*.json</c> plan file of an optional
/// directory (named by file name without extension). Built-in names win over files of the same name.
/// </summary>
public sealed class PlanLibrary
{
    private readonly Dictionary<string, string?> _pathByName = new(StringComparer.Ordinal);
    // A session stores its plan's own "name" (what `spinesense session --plan FILE` and a live session record), which
    // need not be the file name the library offers it under.
    private readonly Dictionary<string, string> _pathByPlanName = new(StringComparer.Ordinal);

    public PlanLibrary(string? directory = null)
    {
        foreach (string name in PlanCatalog.BuiltInNames) _pathByName[name] = null;
        if (directory is null) return;
        if (!Directory.Exists(directory)) throw new DashboardConfigException($"plans directory '{directory}' does not exist");
        foreach (string file in Directory.GetFiles(directory, "*.json").OrderBy(f => f, StringComparer.Ordinal))
        {
            string name = Path.GetFileNameWithoutExtension(file);
            WorkoutPlan plan;
            try { plan = PlanCatalog.Load(file); }
            catch (PlanException e) { throw new DashboardConfigException(e.Message); }
            _pathByName.TryAdd(name, file);
            _pathByPlanName.TryAdd(plan.Name, file);
        }
    }

    public IReadOnlyList<string> Names => _pathByName.Keys.Order(StringComparer.Ordinal).ToList();

    public bool Contains(string name) => _pathByName.ContainsKey(name);

    /// <summary>
    /// The plan a stored session names: a library name, else a plan file whose own "name" it is (a file offered as
    /// "hinge-day" but named "rdl-only" inside); null when the library does not have it.
    /// </summary>
    /// <exception cref="PlanException">A file that became unreadable.</exception>
    public WorkoutPlan? FindStored(string planName) =>
        _pathByName.ContainsKey(planName) ? Load(planName)
        : _pathByPlanName.TryGetValue(planName, out string? path) ? PlanCatalog.Load(path)
        : null;

    /// <exception cref="PlanException">Unknown name or a file that became unreadable.</exception>
    public WorkoutPlan Load(string name) =>
        _pathByName.TryGetValue(name, out string? path) ? PlanCatalog.Load(path ?? name) : throw new PlanException($"unknown plan '{name}'");
}
