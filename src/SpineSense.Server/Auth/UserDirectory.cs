using System.Text.Json;
using System.Text.Json.Serialization;

namespace SpineSense.Server.Auth;

/// <summary>
/// The users file: who can sign in, their role and password hash. JSON:
/// <c>{"users":[{"name":"lee","role":"physio","password":"pbkdf2-sha256$..."},
/// {"name":"sam","role":"athlete","athlete":"sam","password":"pbkdf2-sha256$..."}]}</c>.
/// Loading validates every entry so a typo is one clear message at start-up, not a silent lock-out.
/// </summary>
public sealed class UserDirectory
{
    private readonly Dictionary<string, (DashboardUser User, string Hash)> _byName;

    private UserDirectory(Dictionary<string, (DashboardUser, string)> byName) => _byName = byName;

    public int Count => _byName.Count;

    public IEnumerable<DashboardUser> Users => _byName.Values.Select(v => v.User);

    /// <summary>Checks a sign-in; the same time is spent whether or not the name exists.</summary>
    public DashboardUser? Authenticate(string name, string password)
    {
        if (_byName.TryGetValue(name, out var entry))
            return PasswordHasher.Verify(password, entry.Hash) ? entry.User : null;
        PasswordHasher.Verify(password, DummyHash);
        return null;
    }

    public DashboardUser? Find(string name) => _byName.TryGetValue(name, out var e) ? e.User : null;

    // Burns the same PBKDF2 work for unknown names so response time does not reveal which names exist.
    private static readonly string DummyHash = PasswordHasher.Hash("not-a-user-password", 100_000);

    public static UserDirectory Load(string path)
    {
        string json;
        try { json = File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DashboardConfigException($"cannot read users file '{path}': {e.Message}");
        }
        return Parse(json, path);
    }

    public static UserDirectory Parse(string json, string source)
    {
        UsersFile? file;
        try { file = JsonSerializer.Deserialize<UsersFile>(json, JsonOptions); }
        catch (JsonException e) { throw new DashboardConfigException($"users file '{source}' is not valid JSON: {e.Message}"); }
        if (file?.Users is null || file.Users.Count == 0)
            throw new DashboardConfigException($"users file '{source}' has no users");
        var byName = new Dictionary<string, (DashboardUser, string)>(StringComparer.Ordinal);
        for (int i = 0; i < file.Users.Count; i++)
        {
            var u = file.Users[i];
            string where = $"users file '{source}', user #{i + 1}";
            if (string.IsNullOrWhiteSpace(u.Name)) throw new DashboardConfigException($"{where}: missing name");
            if (byName.ContainsKey(u.Name)) throw new DashboardConfigException($"{where}: name '{u.Name}' appears twice");
            if (u.Password is null || !PasswordHasher.IsWellFormed(u.Password))
                throw new DashboardConfigException($"{where} ('{u.Name}'): password must be a hash from 'spinesense serve --hash-password' (pbkdf2-sha256$...)");
            DashboardRole role = u.Role?.ToLowerInvariant() switch
            {
                "physio" => DashboardRole.Physio,
                "athlete" => DashboardRole.Athlete,
                _ => throw new DashboardConfigException($"{where} ('{u.Name}'): role must be 'physio' or 'athlete'"),
            };
            string? athlete = role == DashboardRole.Athlete ? (string.IsNullOrWhiteSpace(u.Athlete) ? u.Name : u.Athlete) : null;
            byName[u.Name] = (new DashboardUser(u.Name, role, athlete), u.Password);
        }
        return new UserDirectory(byName);
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNameCaseInsensitive = true, ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    private sealed class UsersFile
    {
        [JsonPropertyName("users")] public List<UserEntry>? Users { get; set; }
    }

    private sealed class UserEntry
    {
        public string? Name { get; set; }
        public string? Role { get; set; }
        public string? Athlete { get; set; }
        public string? Password { get; set; }
    }
}
