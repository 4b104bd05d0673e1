using SpineSense.Server.Auth;

namespace SpineSense.Server.Tests.Auth;

public class PasswordHasherTests
{
    [Fact]
    public void Verifies_the_right_password_and_rejects_a_wrong_one()
    {
        string hash = PasswordHasher.Hash("correct horse", iterations: 10_000);
        Assert.True(PasswordHasher.Verify("correct horse", hash));
        Assert.False(PasswordHasher.Verify("correct hors", hash));
        Assert.False(PasswordHasher.Verify("", hash));
    }

    [Fact]
    public void Never_contains_the_password_and_salts_every_hash()
    {
        string a = PasswordHasher.Hash("s3cret-pass", iterations: 10_000);
        string b = PasswordHasher.Hash("s3cret-pass", iterations: 10_000);
        Assert.DoesNotContain("s3cret-pass", a);
        Assert.NotEqual(a, b);
        Assert.StartsWith("pbkdf2-sha256$10000$", a);
    }

    [Theory]
    [InlineData("")]
    [InlineData("plaintext")]
    [InlineData("pbkdf2-sha256$10$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    [InlineData("md5$1000$abc$def")]
    [InlineData("pbkdf2-sha256$100000$not base64$AAAA")]
    public void Rejects_malformed_hashes(string encoded)
    {
        Assert.False(PasswordHasher.IsWellFormed(encoded));
        Assert.False(PasswordHasher.Verify("anything", encoded));
    }
}
