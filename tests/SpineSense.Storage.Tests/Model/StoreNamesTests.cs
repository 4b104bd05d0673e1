using SpineSense.Storage.Model;

namespace SpineSense.Storage.Tests.Model;

public class StoreNamesTests
{
    [Theory]
    [InlineData("Ann", true)]
    [InlineData("Ann O'Neil", true)]
    [InlineData("José-María Núñez", true)]
    [InlineData("dr.smith_2", true)]
    [InlineData("", false)]
    [InlineData(" Ann", false)]
    [InlineData("Ann ", false)]
    [InlineData("Ann\nBob", false)]
    [InlineData("Ann\\Bob", false)]
    [InlineData("Ann\"Bob", false)]
    [InlineData("a=b", false)]
    [InlineData("a,b", false)]
    [InlineData("a/b", false)]
    [InlineData("a~b", false)]
    public void Athlete_names_allow_people_and_refuse_query_syntax(string name, bool valid) =>
        Assert.Equal(valid, StoreNames.IsValidAthlete(name));

    [Fact]
    public void Athlete_names_are_limited_to_64_characters()
    {
        Assert.True(StoreNames.IsValidAthlete(new string('a', 64)));
        Assert.False(StoreNames.IsValidAthlete(new string('a', 65)));
    }

    [Theory]
    [InlineData("20261124T051200Z-3fa2c1", true)]
    [InlineData("sess_1", true)]
    [InlineData("s1' OR 1=1", false)]
    [InlineData("a b", false)]
    [InlineData("é", false)]
    public void Session_ids_are_ascii_letters_digits_dash_underscore(string id, bool valid) =>
        Assert.Equal(valid, StoreNames.IsValidSessionId(id));

    [Theory]
    [InlineData("goblet-squat", true)]
    [InlineData("Goblet-Squat", false)]
    [InlineData("goblet squat", false)]
    public void Exercise_ids_are_kebab_case(string id, bool valid) => Assert.Equal(valid, StoreNames.IsValidExercise(id));

    [Fact]
    public void New_session_ids_are_valid_sortable_and_distinct()
    {
        var t = new DateTimeOffset(2026, 11, 24, 5, 12, 0, TimeSpan.Zero);
        var ids = Enumerable.Range(0, 200).Select(_ => StoreNames.NewSessionId(t)).ToList();
        Assert.All(ids, id => Assert.True(StoreNames.IsValidSessionId(id)));
        Assert.All(ids, id => Assert.StartsWith("20261124T051200Z-", id));
        Assert.True(ids.Distinct().Count() >= 199); // 24 random bits
    }

    [Fact]
    public void Error_messages_do_not_echo_control_characters()
    {
        var e = Assert.Throws<StorageException>(() => StoreNames.CheckAthlete("x\ny"));
        Assert.Equal(StorageErrorCode.InvalidInput, e.Code);
        Assert.DoesNotContain("\n", e.Message);
        Assert.True(e.IsBadInput);
    }
}
