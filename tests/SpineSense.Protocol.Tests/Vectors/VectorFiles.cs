namespace SpineSense.Protocol.Tests.Vectors;

/// <summary>
/// Loads the shared vectors from the repository (firmware-protocol/vectors), found by walking up from the test
/// assembly to the directory holding SpineSense.sln — the same files the C reference's CTest run reads.
/// </summary>
public static class VectorFiles
{
    private static readonly Lazy<IReadOnlyList<ProtocolVector>> All = new(Load);

    public static IReadOnlyList<ProtocolVector> Vectors => All.Value;

    public static string Directory
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (System.IO.File.Exists(Path.Combine(dir.FullName, "SpineSense.sln")))
                {
                    return Path.Combine(dir.FullName, "firmware-protocol", "vectors");
                }
            }
            throw new DirectoryNotFoundException($"No SpineSense.sln above {AppContext.BaseDirectory}.");
        }
    }

    public static ProtocolVector Get(string name) => Vectors.Single(v => v.Name == name);

    public static TheoryData<string> Names(string type)
    {
        var data = new TheoryData<string>();
        foreach (ProtocolVector v in Vectors.Where(v => v.Type == type)) data.Add(v.Name);
        return data;
    }

    private static IReadOnlyList<ProtocolVector> Load()
    {
        var vectors = new List<ProtocolVector>();
        foreach (string path in System.IO.Directory.GetFiles(Directory, "*.vec").Order(StringComparer.Ordinal))
        {
            string file = Path.GetFileName(path);
            string? name = null;
            var fields = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (string raw in File.ReadLines(path))
            {
                string line = raw.Trim();
                if (line.Length == 0 || line[0] == '#') continue;
                if (line[0] == '[')
                {
                    if (name is not null) vectors.Add(new ProtocolVector(file, name, fields));
                    name = line[1..^1];
                    fields = new Dictionary<string, string>(StringComparer.Ordinal);
                    continue;
                }
                int eq = line.IndexOf('=', StringComparison.Ordinal);
                fields[line[..eq].Trim()] = line[(eq + 1)..].Trim();
            }
            if (name is not null) vectors.Add(new ProtocolVector(file, name, fields));
        }
        return vectors;
    }
}
