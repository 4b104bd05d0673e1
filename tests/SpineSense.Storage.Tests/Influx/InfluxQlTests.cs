using SpineSense.Storage.Influx;

namespace SpineSense.Storage.Tests.Influx;

public class InfluxQlTests
{
    [Theory]
    [InlineData("Ann", "'Ann'")]
    [InlineData("O'Neil", @"'O\'Neil'")]
    [InlineData(@"a\b", @"'a\\b'")]
    [InlineData(@"x\' OR 1=1", @"'x\\\' OR 1=1'")]
    [InlineData("", "''")]
    public void String_literals_escape_backslash_and_quote(string value, string expected) =>
        Assert.Equal(expected, InfluxQl.StringLiteral(value));

    [Theory]
    [InlineData("imu", "\"imu\"")]
    [InlineData("a\"b", "\"a\\\"b\"")]
    [InlineData(@"a\b", "\"a\\\\b\"")]
    public void Identifiers_are_double_quoted_and_escaped(string name, string expected) =>
        Assert.Equal(expected, InfluxQl.Identifier(name));

    [Fact]
    public void Control_characters_are_refused_in_literals_and_identifiers()
    {
        Assert.Equal(StorageErrorCode.InvalidInput, Assert.Throws<StorageException>(() => InfluxQl.StringLiteral("a\nb")).Code);
        Assert.Equal(StorageErrorCode.InvalidInput, Assert.Throws<StorageException>(() => InfluxQl.Identifier("a\rb")).Code);
    }

    [Fact]
    public void Times_are_integer_nanoseconds_and_durations_microseconds()
    {
        Assert.Equal("1795000000000000000", InfluxQl.TimeNs(1_795_000_000_000_000));
        Assert.Equal("1500u", InfluxQl.DurationUs(1500));
        Assert.Equal("9223372036854775806", InfluxQl.TimeNs(long.MaxValue / 10)); // clamped to InfluxDB's range, no overflow
        Assert.Equal("-9223372036854775806", InfluxQl.TimeNs(long.MinValue / 10));
    }
}
