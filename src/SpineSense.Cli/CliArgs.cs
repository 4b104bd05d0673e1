using System.Globalization;

namespace SpineSense.Cli;

/// <summary>
/// Parsed command line: positionals plus <c>--name value</c> options and <c>--flag</c> switches.
/// Every getter reports a bad value as a <see cref="CliException"/> naming the option.
/// Options nobody asked for are reported by <see cref="ThrowOnUnused"/> so typos are not silently ignored.
/// </summary>
public sealed class CliArgs
{
    private readonly Dictionary<string, string?> _options = new(StringComparer.Ordinal);
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    public IReadOnlyList<string> Positionals { get; }

    public CliArgs(IReadOnlyList<string> args, IReadOnlySet<string>? switches = null)
    {
        var positionals = new List<string>();
        for (int i = 0; i < args.Count; i++)
        {
            string a = args[i];
            if (a.StartsWith("--", StringComparison.Ordinal) && a.Length > 2)
            {
                string name = a[2..];
                string? value = null;
                int eq = name.IndexOf('=');
                if (eq >= 0) { value = name[(eq + 1)..]; name = name[..eq]; }
                else if (switches is null || !switches.Contains(name))
                {
                    if (i + 1 < args.Count && !IsOptionName(args[i + 1])) value = args[++i];
                }
                if (_options.ContainsKey(name)) throw CliException.Usage($"option --{name} given twice");
                _options[name] = value;
            }
            else positionals.Add(a);
        }
        Positionals = positionals;
    }

    private static bool IsOptionName(string s) =>
        s.StartsWith("--", StringComparison.Ordinal) && s.Length > 2 && !double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    public bool Flag(string name)
    {
        _used.Add(name);
        if (!_options.TryGetValue(name, out var v)) return false;
        if (v is not null) throw CliException.Usage($"option --{name} takes no value (got '{v}')");
        return true;
    }

    public string? String(string name)
    {
        _used.Add(name);
        if (!_options.TryGetValue(name, out var v)) return null;
        return v ?? throw CliException.Usage($"option --{name} needs a value");
    }

    public string RequiredString(string name) =>
        String(name) ?? throw CliException.Usage($"missing required option --{name}");

    /// <summary>An option naming a file: an empty name (<c>--out ""</c>, an unset shell variable) is refused by the
    /// option's name, since a message about the file itself would have no name to show.</summary>
    public string? FilePath(string name)
    {
        string? path = String(name);
        if (path is not null && string.IsNullOrWhiteSpace(path)) throw CliException.Usage($"option --{name} needs a file name, got '{path}'");
        return path;
    }

    public string RequiredFilePath(string name) =>
        FilePath(name) ?? throw CliException.Usage($"missing required option --{name}");

    public double? Double(string name, double min = double.NegativeInfinity, double max = double.PositiveInfinity)
    {
        string? s = String(name);
        if (s is null) return null;
        if (!double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v))
            throw CliException.Usage($"option --{name} expects a number, got '{s}'");
        if (v < min || v > max)
            throw CliException.Usage($"option --{name} must be between {min.ToString(CultureInfo.InvariantCulture)} and {max.ToString(CultureInfo.InvariantCulture)}, got {s}");
        return v;
    }

    public int? Int(string name, int min = int.MinValue, int max = int.MaxValue)
    {
        string? s = String(name);
        if (s is null) return null;
        if (!int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v))
            throw CliException.Usage($"option --{name} expects a whole number, got '{s}'");
        if (v < min || v > max)
            throw CliException.Usage($"option --{name} must be between {min} and {max}, got {s}");
        return v;
    }

    /// <summary>Call after reading every option a command knows: rejects the rest by name.</summary>
    public void ThrowOnUnused(int maxPositionals)
    {
        foreach (var name in _options.Keys)
            if (!_used.Contains(name)) throw CliException.Usage($"unknown option --{name}");
        if (Positionals.Count > maxPositionals)
            throw CliException.Usage($"unexpected argument '{Positionals[maxPositionals]}'");
    }
}
