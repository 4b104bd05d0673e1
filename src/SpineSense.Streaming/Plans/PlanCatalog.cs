namespace SpineSense.Streaming.Plans;

/// <summary>
/// Finds a plan by built-in name (embedded JSON under Plans/BuiltIn) or by path to a JSON file.
/// </summary>
public static class PlanCatalog
{
    /// <summary>The default plan: the seed's beginner routine.</summary>
    public const string DefaultName = "beginner";

    private const string ResourcePrefix = "SpineSense.Streaming.Plans.";

    /// <summary>Names of the plans built into the assembly.</summary>
    public static IReadOnlyList<string> BuiltInNames { get; } = typeof(PlanCatalog).Assembly.GetManifestResourceNames()
        .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal))
        .Select(n => n[ResourcePrefix.Length..^".json".Length])
        .Order(StringComparer.Ordinal)
        .ToArray();

    /// <summary>The built-in beginner routine.</summary>
    public static WorkoutPlan Beginner => Load(DefaultName);

    /// <summary>
    /// A built-in name, or a path to a plan JSON file (anything containing a path separator or ending in .json).
    /// </summary>
    /// <exception cref="PlanException">Unknown name, unreadable file or malformed plan.</exception>
    public static WorkoutPlan Load(string nameOrPath)
    {
        ArgumentNullException.ThrowIfNull(nameOrPath);
        bool looksLikePath = nameOrPath.EndsWith(".json", StringComparison.OrdinalIgnoreCase)
            || nameOrPath.Contains('/') || nameOrPath.Contains(Path.DirectorySeparatorChar);
        if (!looksLikePath)
        {
            using var stream = typeof(PlanCatalog).Assembly.GetManifestResourceStream(ResourcePrefix + nameOrPath + ".json");
            if (stream is null)
                throw new PlanException($"unknown plan '{nameOrPath}'; built-in plans: {string.Join(", ", BuiltInNames)}, or give a path to a plan JSON file");
            using var reader = new StreamReader(stream);
            return PlanJson.Parse(reader.ReadToEnd(), $"built-in plan '{nameOrPath}'");
        }
        string text;
        try
        {
            text = File.ReadAllText(nameOrPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new PlanException($"cannot read plan file '{nameOrPath}': {e.Message}", e);
        }
        return PlanJson.Parse(text, nameOrPath);
    }
}
