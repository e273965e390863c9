// The Age value a hit sends: the decimal seconds, and one string for all hits that send the same value.
namespace Lacquer.Proxy;

public sealed class AgeFieldTests
{
    [Theory]
    [InlineData(0L, "0")]
    [InlineData(42L, "42")]
    [InlineData(86_400L, "86400")]
    [InlineData(2_147_483_648L, "2147483648")]
    public void Text_Is_The_Decimal_Seconds(long seconds, string expected)
    {
        Assert.Equal(expected, AgeField.Text(seconds));
    }

    [Fact]
    public void The_Same_Age_Reuses_One_String_Until_Another_Age_Takes_Its_Slot()
    {
        var first = AgeField.Text(1_000_007);

        Assert.Same(first, AgeField.Text(1_000_007));

        AgeField.Text(1_000_007 + 4096); // same slot
        var again = AgeField.Text(1_000_007);
        Assert.Equal("1000007", again);
    }
}
