namespace Lacquer.Configuration;

public sealed class SizesTests
{
    [Theory]
    [InlineData("0", 0L)]
    [InlineData("1024", 1024L)]
    [InlineData("1024B", 1024L)]
    [InlineData("1024 b", 1024L)]
    [InlineData("1KB", 1_000L)]
    [InlineData("1K", 1_000L)]
    [InlineData("64KiB", 65_536L)]
    [InlineData("64Ki", 65_536L)]
    [InlineData("64kib", 65_536L)]
    [InlineData("16MB", 16_000_000L)]
    [InlineData("16 MB", 16_000_000L)]
    [InlineData("16mb", 16_000_000L)]
    [InlineData("512MB", 512_000_000L)]
    [InlineData("1MiB", 1_048_576L)]
    [InlineData("1GB", 1_000_000_000L)]
    [InlineData("1GiB", 1_073_741_824L)]
    [InlineData("2TB", 2_000_000_000_000L)]
    [InlineData("1TiB", 1_099_511_627_776L)]
    [InlineData("1.5GB", 1_500_000_000L)]
    [InlineData("0.5KiB", 512L)]
    [InlineData("  8MB  ", 8_000_000L)]
    [InlineData("9223372036854775807", long.MaxValue)]
    public void Parses_A_Number_With_An_Optional_Decimal_Or_Binary_Unit(string text, long expected)
    {
        Assert.True(Sizes.TryParse(text, out var bytes));
        Assert.Equal(expected, bytes);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("MB")]
    [InlineData("-1")]
    [InlineData("-1MB")]
    [InlineData("+1MB")]
    [InlineData("1e3")]
    [InlineData("1,000")]
    [InlineData(".5MB")]
    [InlineData("5.MB")]
    [InlineData("0.5B")]
    [InlineData("1.0001KB")]
    [InlineData("12XB")]
    [InlineData("1 M B")]
    [InlineData("1MBB")]
    [InlineData("1PB")]
    [InlineData("1bits")]
    [InlineData("9223372036854775808")]
    [InlineData("9000000TiB")]
    [InlineData("99999999999999999999999999999999999999")]
    public void Rejects_Anything_Else(string? text)
    {
        Assert.False(Sizes.TryParse(text, out var bytes));
        Assert.Equal(0, bytes);
    }
}
