namespace Lacquer.Configuration;

public sealed class DurationsTests
{
    [Theory]
    [InlineData("0", 0L)]
    [InlineData("30", 30_000L)]
    [InlineData("30s", 30_000L)]
    [InlineData("30S", 30_000L)]
    [InlineData("30 s", 30_000L)]
    [InlineData("250ms", 250L)]
    [InlineData("250MS", 250L)]
    [InlineData("5m", 300_000L)]
    [InlineData("1h", 3_600_000L)]
    [InlineData("1d", 86_400_000L)]
    [InlineData("1.5h", 5_400_000L)]
    [InlineData("0.25s", 250L)]
    [InlineData(" 10s ", 10_000L)]
    [InlineData("00:00:30", 30_000L)]
    [InlineData("01:30:00", 5_400_000L)]
    [InlineData("1.02:00:00", 93_600_000L)]
    [InlineData("00:00:00.250", 250L)]
    public void Parses_A_Number_With_A_Unit_Or_TimeSpan_Syntax(string text, long expectedMilliseconds)
    {
        Assert.True(Durations.TryParse(text, out var value));
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMilliseconds), value);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("s")]
    [InlineData("-1s")]
    [InlineData("-00:00:30")]
    [InlineData("+5s")]
    [InlineData("1h30m")]
    [InlineData("5 minutes")]
    [InlineData("5w")]
    [InlineData("1y")]
    [InlineData("1e3s")]
    [InlineData(".5s")]
    [InlineData("00:90:00")]
    [InlineData("00:00:xx")]
    [InlineData("0.00000001s")]
    [InlineData("99999999999d")]
    [InlineData("99999999999999999999999999999999999999")]
    public void Rejects_Anything_Else(string? text)
    {
        Assert.False(Durations.TryParse(text, out var value));
        Assert.Equal(TimeSpan.Zero, value);
    }
}
