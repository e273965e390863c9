namespace Lacquer.Caching.Semantics;

public sealed class RequestFactsTests
{
    // RFC 9111 §5.4: Pragma: no-cache counts only when the request has no Cache-Control.
    [Theory]
    [InlineData(null, "no-cache", true)]
    [InlineData(null, "No-Cache", true)]
    [InlineData(null, "foo, no-cache", true)]
    [InlineData(null, "foo", false)]
    [InlineData(null, null, false)]
    [InlineData("", "no-cache", true)] // an empty Cache-Control carries nothing: absent
    [InlineData("max-age=0", "no-cache", false)]
    [InlineData("foo", "no-cache", false)] // present even if not understood by us
    public void PragmaNoCache_Counts_Only_Without_Cache_Control(string? cacheControl, string? pragma, bool expected)
    {
        var facts = RequestFacts.Parse("GET", cacheControl, pragma, hasAuthorization: false);

        Assert.Equal(expected, facts.PragmaNoCache);
    }

    // RFC 9111 §5.2.1.4 no-cache, or its §5.4 Pragma equivalent.
    [Theory]
    [InlineData("no-cache", null, true)]
    [InlineData(null, "no-cache", true)]
    [InlineData("max-age=0", "no-cache", false)]
    [InlineData(null, null, false)]
    public void NoCache_Combines_Cache_Control_And_Pragma(string? cacheControl, string? pragma, bool expected)
    {
        Assert.Equal(expected, RequestFacts.Parse("GET", cacheControl, pragma, hasAuthorization: false).NoCache);
    }

    [Fact]
    public void Parse_Keeps_Method_Authorization_And_Directives()
    {
        var facts = RequestFacts.Parse("HEAD", "no-store", null, hasAuthorization: true);

        Assert.Equal("HEAD", facts.Method);
        Assert.True(facts.HasAuthorization);
        Assert.True(facts.CacheControl.NoStore);
    }

    [Fact]
    public void A_Plain_Get_Is_Parsed_Into_One_Shared_Instance_With_No_Directives()
    {
        var first = RequestFacts.Parse("GET", null, null, hasAuthorization: false);

        Assert.Same(first, RequestFacts.Parse("GET", null, null, hasAuthorization: false));
        Assert.Equal(new RequestFacts("GET", CacheControl.Empty, false, false), first);
        Assert.NotSame(first, RequestFacts.Parse("GET", null, null, hasAuthorization: true));
        Assert.True(RequestFacts.Parse("GET", null, null, hasAuthorization: true).HasAuthorization);
    }
}
