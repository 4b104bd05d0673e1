using SpineSense.Motion.Results;

namespace SpineSense.Server.Data;

/// <summary>The contract's lower-case alert / flag names (section 6) for an <see cref="AlertKind"/> set.</summary>
public static class AlertNames
{
    public static IReadOnlyList<string> Of(AlertKind kind)
    {
        var names = new List<string>(4);
        if (kind.HasFlag(AlertKind.Flexion)) names.Add("flexion");
        if (kind.HasFlag(AlertKind.Extension)) names.Add("extension");
        if (kind.HasFlag(AlertKind.Rotation)) names.Add("rotation");
        if (kind.HasFlag(AlertKind.Impact)) names.Add("impact");
        return names;
    }

    public static string First(AlertKind kind) => Of(kind).FirstOrDefault() ?? "none";
}
