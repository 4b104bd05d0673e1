using SpineSense.Server;
using SpineSense.Server.Auth;

namespace SpineSense.Server.Tests.Auth;

public class UserDirectoryTests
{
    private static readonly string Hash = PasswordHasher.Hash("pw-lee", iterations: 10_000);

    [Fact]
    public void Loads_physios_and_athletes_and_authenticates_by_password()
    {
        var dir = UserDirectory.Parse($$"""
            {"users":[{"name":"lee","role":"physio","password":"{{Hash}}"},
                      {"name":"sam","role":"athlete","athlete":"Sam Example","password":"{{Hash}}"}]}
            """, "test");
        Assert.Equal(2, dir.Count);
        var lee = dir.Authenticate("lee", "pw-lee");
        Assert.Equal(new DashboardUser("lee", DashboardRole.Physio, null), lee);
        Assert.Equal("Sam Example", dir.Authenticate("sam", "pw-lee")!.AthleteId);
        Assert.Null(dir.Authenticate("lee", "wrong"));
        Assert.Null(dir.Authenticate("nobody", "pw-lee"));
    }

    [Theory]
    [InlineData("""{"users":[]}""", "no users")]
    [InlineData("""{"users":[{"name":"x","role":"admin","password":"HASH"}]}""", "role must be")]
    [InlineData("""{"users":[{"name":"x","role":"physio","password":"hunter2"}]}""", "must be a hash")]
    [InlineData("""{"users":[{"name":"x","role":"physio","password":"HASH"},{"name":"x","role":"physio","password":"HASH"}]}""", "appears twice")]
    [InlineData("""{"users":[{"role":"physio","password":"HASH"}]}""", "missing name")]
    [InlineData("""not json""", "not valid JSON")]
    public void Rejects_a_bad_users_file_with_one_clear_message(string json, string expected)
    {
        var e = Assert.Throws<DashboardConfigException>(() => UserDirectory.Parse(json.Replace("HASH", Hash), "users.json"));
        Assert.Contains(expected, e.Message);
        Assert.Contains("users.json", e.Message);
    }

    [Fact]
    public void A_plaintext_password_in_the_file_is_not_echoed_in_the_error()
    {
        var e = Assert.Throws<DashboardConfigException>(() =>
            UserDirectory.Parse("""{"users":[{"name":"x","role":"physio","password":"hunter2-secret"}]}""", "u.json"));
        Assert.DoesNotContain("hunter2-secret", e.Message);
    }
}
