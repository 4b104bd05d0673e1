using System.Globalization;

namespace SpineSense.Storage.Model;

/// <summary>
/// Validation of the names users type, at the boundary: athlete and plan names, session ids, exercise ids.
/// Valid names can still contain characters that need escaping (apostrophes, spaces, dots): escaping is done
/// wherever they reach a query or line protocol, validation only keeps out control characters and absurd lengths.
/// </summary>
public static class StoreNames
{
    public const int MaxNameLength = 64;

    /// <summary>Letters, digits, space, <c>. _ - '</c>; 1..64 chars, no leading/trailing space.</summary>
    public static bool IsValidAthlete(string? name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > MaxNameLength) return false;
        if (name[0] == ' ' || name[^1] == ' ') return false;
        foreach (char c in name)
            if (!(char.IsLetterOrDigit(c) || c is ' ' or '.' or '_' or '-' or '\'')) return false;
        return true;
    }

    /// <summary>Plan names follow the athlete-name rule.</summary>
    public static bool IsValidPlan(string? name) => IsValidAthlete(name);

    /// <summary>ASCII letters, digits, <c>-</c> and <c>_</c>; 1..64 chars.</summary>
    public static bool IsValidSessionId(string? id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > MaxNameLength) return false;
        foreach (char c in id)
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_')) return false;
        return true;
    }

    /// <summary>Kebab-case exercise ids (contract section 6): lower-case ASCII letters, digits and <c>-</c>.</summary>
    public static bool IsValidExercise(string? id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > MaxNameLength) return false;
        foreach (char c in id)
            if (!(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')) return false;
        return true;
    }

    public static string CheckAthlete(string? name) => IsValidAthlete(name) ? name! :
        throw new StorageException(StorageErrorCode.InvalidInput,
            $"athlete name '{Printable(name)}' is not valid: use 1-{MaxNameLength} letters, digits, spaces, '.', '_', '-' or apostrophes");

    public static string CheckSessionId(string? id) => IsValidSessionId(id) ? id! :
        throw new StorageException(StorageErrorCode.InvalidInput,
            $"session id '{Printable(id)}' is not valid: use 1-{MaxNameLength} ASCII letters, digits, '-' or '_'");

    public static string CheckExercise(string? id) => IsValidExercise(id) ? id! :
        throw new StorageException(StorageErrorCode.InvalidInput,
            $"exercise id '{Printable(id)}' is not valid: use lower-case kebab-case like 'goblet-squat'");

    public static string? CheckPlan(string? name) => name is null || IsValidPlan(name) ? name :
        throw new StorageException(StorageErrorCode.InvalidInput,
            $"plan name '{Printable(name)}' is not valid: use 1-{MaxNameLength} letters, digits, spaces, '.', '_', '-' or apostrophes");

    /// <summary>A new, sortable session id: UTC start time plus 6 random hex digits, e.g. <c>20261124T051200Z-3fa2c1</c>.</summary>
    public static string NewSessionId(DateTimeOffset startUtc) =>
        startUtc.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture) + "-" +
        Random.Shared.Next(0, 1 << 24).ToString("x6", CultureInfo.InvariantCulture);

    // Error messages quote the bad value, shortened and with control characters made visible.
    private static string Printable(string? s)
    {
        if (s is null) return "";
        var chars = s.Length > 80 ? s[..80].ToCharArray() : s.ToCharArray();
        for (int i = 0; i < chars.Length; i++) if (char.IsControl(chars[i])) chars[i] = '?';
        return new string(chars);
    }
}
