using System.Reflection;
using System.Security.Cryptography;

namespace SpineSense.Server.Assets;

/// <summary>
/// The front end built by <c>npm run build</c> in web/ and embedded into this assembly (when it was built
/// first). Serving from the assembly means `spinesense serve` works from any directory, with no file paths.
/// </summary>
public sealed class EmbeddedAssets
{
    private const string Prefix = "wwwroot/";
    private readonly Dictionary<string, Asset> _byPath;

    private EmbeddedAssets(Dictionary<string, Asset> byPath) => _byPath = byPath;

    public sealed record Asset(byte[] Bytes, string ContentType, string ETag);

    /// <summary>False when the assembly was built before the npm build ran: the pages are missing.</summary>
    public bool Present => _byPath.ContainsKey("index.html");

    public const string MissingMessage =
        "the dashboard's web assets were not built into this binary: run `npm ci && npm run build` in src/SpineSense.Server/web, then rebuild (./test.sh does both)";

    public bool TryGet(string path, out Asset asset) => _byPath.TryGetValue(path.TrimStart('/'), out asset!);

    public static EmbeddedAssets Load(Assembly? assembly = null)
    {
        assembly ??= typeof(EmbeddedAssets).Assembly;
        var map = new Dictionary<string, Asset>(StringComparer.Ordinal);
        foreach (string name in assembly.GetManifestResourceNames())
        {
            if (!name.StartsWith(Prefix, StringComparison.Ordinal)) continue;
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            byte[] bytes = buffer.ToArray();
            string etag = "\"" + Convert.ToHexString(SHA256.HashData(bytes), 0, 8) + "\"";
            map[name[Prefix.Length..].Replace('\\', '/')] = new Asset(bytes, ContentTypeOf(name), etag);
        }
        return new EmbeddedAssets(map);
    }

    private static string ContentTypeOf(string name) => Path.GetExtension(name) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".svg" => "image/svg+xml",
        ".png" => "image/png",
        ".json" => "application/json",
        ".map" => "application/json",
        _ => "application/octet-stream",
    };
}
