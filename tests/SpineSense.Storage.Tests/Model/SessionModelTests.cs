using SpineSense.Storage.Model;

namespace SpineSense.Storage.Tests.Model;

public class SessionModelTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(9.89487, 9_894_870)]      // a little below its decimal value in binary
    [InlineData(0.0000017, 2)]            // 1.7 µs: the store keeps 2 µs, not 17 ticks
    [InlineData(78.1234564, 78_123_456)]
    public void At_is_a_session_time_at_the_stores_whole_microsecond(double timeS, long expectedUs)
    {
        var info = new SessionInfo("s", "ann", null, null, Start, null);

        Assert.Equal(expectedUs * TimeSpan.TicksPerMicrosecond, (info.At(timeS) - Start).Ticks);
    }
}
