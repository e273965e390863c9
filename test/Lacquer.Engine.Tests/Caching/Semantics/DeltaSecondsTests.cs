namespace Lacquer.Caching.Semantics;

public sealed class DeltaSecondsTests
{
    // RFC 9111 §1.2.2: delta-seconds = 1*DIGIT; larger than 2^31 => 2147483648.
    [Theory]
    [InlineData("0", "Valid", 0)]
    [InlineData("60", "Valid", 60)]
    [InlineData("007", "Valid", 7)]
    [InlineData("2147483647", "Valid", 2147483647)]
    [InlineData("2147483648", "Valid", 2147483648)]
    [InlineData("2147483649", "Valid", 2147483648)]
    [InlineData("99999999999", "Valid", 2147483648)]
    [InlineData("99999999999999999999999999999999999999999", "Valid", 2147483648)]
    [InlineData("", "Invalid", 0)]
    [InlineData("-1", "Invalid", 0)]
    [InlineData("+1", "Invalid", 0)]
    [InlineData("1.5", "Invalid", 0)]
    [InlineData("abc", "Invalid", 0)]
    [InlineData(" 5", "Invalid", 0)]
    [InlineData("5s", "Invalid", 0)]
    public void Parse_Reads_DeltaSeconds_Or_Invalid(string text, string state, long seconds)
    {
        var parsed = DeltaSeconds.Parse(text);

        Assert.Equal(Enum.Parse<DeltaState>(state), parsed.State);
        Assert.Equal(seconds, parsed.Seconds);
    }

    [Fact]
    public void Parse_Clamps_A_Very_Long_Digit_String_Without_Throwing()
    {
        Assert.Equal(DeltaSeconds.Of(DeltaSeconds.MaxSeconds), DeltaSeconds.Parse(new string('9', 100_000)));
    }

    [Fact]
    public void Of_Clamps_To_Two_To_The_Thirty_One()
    {
        Assert.Equal(2147483648, DeltaSeconds.Of(long.MaxValue).Seconds);
    }

    [Fact]
    public void Of_A_Negative_Value_Is_A_Caller_Bug()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => DeltaSeconds.Of(-1));
    }

    [Fact]
    public void Absent_Is_Neither_Present_Nor_Valid()
    {
        Assert.False(DeltaSeconds.Absent.IsPresent);
        Assert.False(DeltaSeconds.Absent.IsValid);
        Assert.True(DeltaSeconds.Invalid.IsPresent);
        Assert.False(DeltaSeconds.Invalid.IsValid);
        Assert.Equal(TimeSpan.Zero, DeltaSeconds.Invalid.ToTimeSpan());
        Assert.Equal(TimeSpan.FromSeconds(90), DeltaSeconds.Of(90).ToTimeSpan());
    }

    // RFC 9111 §4.2.1: a repeated directive with different values makes the response stale.
    [Theory]
    [InlineData("5", "5", "Valid")]
    [InlineData("5", "6", "Invalid")]
    [InlineData("5", "x", "Invalid")]
    [InlineData("x", "x", "Invalid")]
    public void CombineWith_Keeps_Identical_Duplicates_And_Invalidates_Different_Ones(string first, string second, string state)
    {
        var combined = DeltaSeconds.Absent.CombineWith(DeltaSeconds.Parse(first)).CombineWith(DeltaSeconds.Parse(second));

        Assert.Equal(Enum.Parse<DeltaState>(state), combined.State);
    }
}
