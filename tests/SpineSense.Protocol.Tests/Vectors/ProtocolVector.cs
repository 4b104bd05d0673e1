using System.Globalization;

namespace SpineSense.Protocol.Tests.Vectors;

/// <summary>One record of a firmware-protocol/vectors/*.vec file (format: vectors/README.md).</summary>
public sealed class ProtocolVector
{
    public ProtocolVector(string file, string name, IReadOnlyDictionary<string, string> fields)
    {
        File = file;
        Name = name;
        Fields = fields;
        Bytes = Convert.FromHexString(Get("hex").Replace(" ", "", StringComparison.Ordinal));
    }

    public string File { get; }
    public string Name { get; }
    public IReadOnlyDictionary<string, string> Fields { get; }
    public byte[] Bytes { get; }
    public string Type => Get("type");
    public string Error => Get("error");
    public bool IsValid => Error == "None";
    public bool IsCanonical => !Fields.TryGetValue("canonical", out string? c) || c == "1";

    public string Get(string key) =>
        Fields.TryGetValue(key, out string? value) ? value : throw new KeyNotFoundException($"{File} [{Name}] has no '{key}'.");

    public bool Has(string key) => Fields.ContainsKey(key);

    public long Long(string key) => long.Parse(Get(key), NumberStyles.Integer, CultureInfo.InvariantCulture);

    public short[] Shorts(string key) =>
        Get(key).Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(s => short.Parse(s, CultureInfo.InvariantCulture)).ToArray();

    public override string ToString() => $"{File}:{Name}";
}
