using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace SpineSense.Server.Auth;

/// <summary>
/// PBKDF2-SHA256 password hashes in the form <c>pbkdf2-sha256$ITERATIONS$SALT_B64$HASH_B64</c>.
/// The users file only ever holds these, never a password.
/// </summary>
public static class PasswordHasher
{
    private const string Scheme = "pbkdf2-sha256";
    // OWASP 2023 guidance for PBKDF2-HMAC-SHA256 is 600,000 iterations.
    public const int DefaultIterations = 600_000;
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    public static string Hash(string password, int iterations = DefaultIterations)
    {
        ArgumentException.ThrowIfNullOrEmpty(password);
        byte[] salt = RandomNumberGenerator.GetBytes(SaltBytes);
        byte[] hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, HashBytes);
        return $"{Scheme}${iterations.ToString(CultureInfo.InvariantCulture)}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}";
    }

    /// <summary>True when <paramref name="encoded"/> is a well-formed hash in this scheme.</summary>
    public static bool IsWellFormed(string encoded) => TryParse(encoded, out _, out _, out _);

    /// <summary>Constant-time check of a password against an encoded hash; false for malformed hashes.</summary>
    public static bool Verify(string password, string encoded)
    {
        if (!TryParse(encoded, out int iterations, out byte[] salt, out byte[] expected)) return false;
        byte[] actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    private static bool TryParse(string encoded, out int iterations, out byte[] salt, out byte[] hash)
    {
        iterations = 0; salt = []; hash = [];
        string[] parts = encoded.Split('$');
        if (parts.Length != 4 || parts[0] != Scheme) return false;
        if (!int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out iterations) || iterations < 1000) return false;
        try
        {
            salt = Convert.FromBase64String(parts[2]);
            hash = Convert.FromBase64String(parts[3]);
        }
        catch (FormatException) { return false; }
        return salt.Length >= 8 && hash.Length >= 16;
    }
}
