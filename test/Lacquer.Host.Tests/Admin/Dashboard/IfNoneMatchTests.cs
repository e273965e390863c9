// If-None-Match as the dashboard's files read it (RFC 9110 §13.1.2): weak comparison, a list of tags, or "*".
namespace Lacquer.Admin.Dashboard;

public sealed class IfNoneMatchTests
{
    private const string Tag = "\"0123456789abcdef\"";

    [Theory]
    [InlineData("\"0123456789abcdef\"", true)]
    [InlineData("W/\"0123456789abcdef\"", true)]
    [InlineData("\"aaaa\", \"0123456789abcdef\"", true)]
    [InlineData("\"aaaa\",W/\"0123456789abcdef\"", true)]
    [InlineData("*", true)]
    [InlineData("", false)]
    [InlineData("\"aaaa\"", false)]
    [InlineData("0123456789abcdef", false)]
    [InlineData("\"0123456789ABCDEF\"", false)]
    [InlineData("w/\"0123456789abcdef\"", false)]
    [InlineData(",,", false)]
    public void Matches_Only_Our_Tag_Or_Star(string ifNoneMatch, bool matches) =>
        Assert.Equal(matches, DashboardAsset.IfNoneMatchNames(ifNoneMatch, Tag));
}
