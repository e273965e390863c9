// Purge selectors: how each kind normalises what the API gave it, and which entries it matches. Paths and
// queries keep their case; hosts and tags do not; prefixes fall on path-segment boundaries.
using Lacquer.Caching.Keys;
using Lacquer.Caching.Store;

namespace Lacquer.Purge;

public sealed class PurgeSelectorTests
{
    [Theory]
    [InlineData("http://Example.COM/Foo?Q=1", "http://example.com/Foo?Q=1", "example.com", "/Foo")]
    [InlineData("HTTPS://example.com/a/b", "https://example.com/a/b", "example.com", "/a/b")]
    [InlineData("http://example.com:8080/a", "http://example.com/a", "example.com", "/a")]
    [InlineData("http://example.com", "http://example.com/", "example.com", "/")]
    [InlineData("http://example.com/a?x=1&y=2#section", "http://example.com/a?x=1&y=2", "example.com", "/a")]
    [InlineData("http://example.com/a/?", "http://example.com/a/?", "example.com", "/a/")]
    public void Url_Is_Normalised_Like_A_Cache_Key(string url, string value, string host, string path)
    {
        var selector = PurgeSelector.ForUrl(new Uri(url));

        Assert.Equal(PurgeSelectorKind.Url, selector.Kind);
        Assert.Equal(value, selector.Value);
        Assert.Equal(host, selector.Host);
        Assert.Equal(path, selector.Path);
        Assert.Null(selector.ExactKey);
    }

    [Theory]
    [InlineData("http", "Example.COM:8080", "example.com", "/Foo?Q=1")]
    [InlineData("https", "www.example.com", "www.example.com", "/a/b/")]
    [InlineData("http", "example.com", "example.com", "/")]
    [InlineData("http", "example.com", "example.com", "/search?q=a&page=2")]
    [InlineData("http", "example.com", "example.com", "/a%20b")]
    [InlineData("http", "example.com", "example.com", "/caf%C3%A9")]
    [InlineData("http", "example.com", "example.com", "/a%2Fb")]
    [InlineData("http", "example.com", "example.com", "/a//b")]
    [InlineData("https", "bücher.example", "xn--bcher-kva.example", "/a")]
    [InlineData("https", "XN--BCHER-KVA.example", "xn--bcher-kva.example", "/a")]
    [InlineData("http", "[::1]:8080", "[::1]", "/a")]
    public void Url_Selector_Names_The_Key_The_Proxy_Stores_For_That_Url(string scheme, string urlHost, string keyHost, string pathAndQuery)
    {
        var key = CacheKeys.Build(scheme, keyHost, pathAndQuery, [], new NoRequestFields());

        var selector = PurgeSelector.ForUrl(new Uri($"{scheme}://{urlHost}{pathAndQuery}"));

        Assert.Equal(key, selector.Value);
        Assert.True(selector.Matches(Entry(key)));
    }

    [Theory]
    [InlineData("red", "red")]
    [InlineData("  Red ", "red")]
    [InlineData("PRODUCT-1", "product-1")]
    public void Tag_Is_Trimmed_And_Lower_Cased(string tag, string value)
    {
        var selector = PurgeSelector.ForTag(tag);

        Assert.Equal(PurgeSelectorKind.Tag, selector.Kind);
        Assert.Equal(value, selector.Value);
    }

    [Theory]
    [InlineData("www.example.com", "www.example.com")]
    [InlineData(" WWW.Example.COM ", "www.example.com")]
    public void Host_Is_Trimmed_And_Lower_Cased(string host, string value)
    {
        var selector = PurgeSelector.ForHost(host);

        Assert.Equal(PurgeSelectorKind.Host, selector.Kind);
        Assert.Equal(value, selector.Value);
        Assert.Equal(value, selector.Host);
    }

    [Theory]
    [InlineData("Example.COM/Foo/Bar", "example.com/Foo/Bar", "example.com", "/Foo/Bar")]
    [InlineData("example.com/foo/", "example.com/foo/", "example.com", "/foo/")]
    [InlineData("example.com", "example.com/", "example.com", "/")]
    [InlineData("example.com/", "example.com/", "example.com", "/")]
    public void Prefix_Lower_Cases_The_Host_And_Keeps_The_Path(string prefix, string value, string host, string path)
    {
        var selector = PurgeSelector.ForPrefix(prefix);

        Assert.Equal(PurgeSelectorKind.Prefix, selector.Kind);
        Assert.Equal(value, selector.Value);
        Assert.Equal(host, selector.Host);
        Assert.Equal(path, selector.Path);
    }

    [Theory]
    [InlineData("/foo", "/foo", true)]
    [InlineData("/foo/bar", "/foo", true)]
    [InlineData("/foo/bar/baz", "/foo", true)]
    [InlineData("/foo/", "/foo", true)]
    [InlineData("/foobar", "/foo", false)]
    [InlineData("/fo", "/foo", false)]
    [InlineData("/Foo", "/foo", false)]
    [InlineData("/foo", "/Foo", false)]
    [InlineData("/foo", "/foo/", false)]
    [InlineData("/foo/", "/foo/", true)]
    [InlineData("/foo/bar", "/foo/", true)]
    [InlineData("/foo//bar", "/foo/", true)]
    [InlineData("/foo/bar", "/foo/bar", true)]
    [InlineData("/foo/barbaz", "/foo/bar", false)]
    [InlineData("/foo/bar/baz", "/foo/bar/", true)]
    [InlineData("/", "/", true)]
    [InlineData("/anything/at/all", "/", true)]
    [InlineData("/", "/foo", false)]
    [InlineData("/other/foo", "/foo", false)]
    public void Path_Has_Prefix_On_Segment_Boundaries(string path, string prefix, bool expected)
    {
        Assert.Equal(expected, PurgeSelector.PathHasPrefix(path, prefix));
    }

    [Theory]
    // URL: the whole URL, every key-header variant, scheme and path and query exact.
    [InlineData("url", "http://a.example/foo", "http://a.example/foo", true)]
    [InlineData("url", "http://A.EXAMPLE/foo", "http://a.example/foo", true)]
    [InlineData("url", "http://a.example/foo", "http://a.example/foo\ncf-device-type:mobile", true)]
    [InlineData("url", "http://a.example/foo", "http://a.example/foo?x=1", false)]
    [InlineData("url", "http://a.example/foo?x=1", "http://a.example/foo?x=1", true)]
    [InlineData("url", "http://a.example/foo", "https://a.example/foo", false)]
    [InlineData("url", "http://a.example/foo", "http://a.example/Foo", false)]
    [InlineData("url", "http://a.example/foo", "http://a.example/foo/", false)]
    [InlineData("url", "http://a.example/foo", "http://b.example/foo", false)]
    // Tag: any of the entry's (lower-cased) tags.
    [InlineData("tag", "RED", "http://a.example/tagged", true)]
    [InlineData("tag", "blue", "http://a.example/tagged", true)]
    [InlineData("tag", "re", "http://a.example/tagged", false)]
    [InlineData("tag", "green", "http://a.example/tagged", false)]
    // Host: exactly that host name.
    [InlineData("host", "A.example", "http://a.example/foo", true)]
    [InlineData("host", "a.example", "https://a.example/foo?x=1", true)]
    [InlineData("host", "example", "http://a.example/foo", false)]
    [InlineData("host", "www.a.example", "http://a.example/foo", false)]
    // Prefix: host, then the path on segment boundaries, any query.
    [InlineData("prefix", "a.example/foo", "http://a.example/foo?x=1", true)]
    [InlineData("prefix", "a.example/foo", "http://a.example/foo/bar", true)]
    [InlineData("prefix", "a.example/foo", "http://a.example/foobar", false)]
    [InlineData("prefix", "a.example/foo/", "http://a.example/foo", false)]
    [InlineData("prefix", "a.example/foo/", "http://a.example/foo/bar?y", true)]
    [InlineData("prefix", "a.example", "http://a.example/anything", true)]
    [InlineData("prefix", "b.example/foo", "http://a.example/foo", false)]
    [InlineData("prefix", "A.EXAMPLE/foo", "http://a.example/foo\ncf-device-type:mobile", true)]
    // Everything.
    [InlineData("everything", "", "http://a.example/foo", true)]
    public void Matches(string kind, string value, string key, bool expected)
    {
        var entry = Entry(key, "red", "blue");

        Assert.Equal(expected, PurgeWorld.Selector(kind, value).Matches(entry));
    }

    [Fact]
    public void Url_With_An_Exact_Key_Matches_Only_That_Variant()
    {
        const string mobile = "http://a.example/foo\ncf-device-type:mobile";
        var selector = PurgeSelector.ForUrl(new Uri("http://a.example/foo"), exactKey: mobile);

        Assert.True(selector.Matches(Entry(mobile)));
        Assert.False(selector.Matches(Entry("http://a.example/foo\ncf-device-type:desktop")));
        Assert.False(selector.Matches(Entry("http://a.example/foo\ncf-device-type:")));
    }

    [Fact]
    public void A_Store_Purge_Covers_An_Entry_Only_In_Its_Zones_And_When_Any_Selector_Matches()
    {
        var a = PurgeWorld.Zone("a");
        var b = PurgeWorld.Zone("b");
        var inA = PurgeWorld.Indexed(a, "http://a.example/foo", "red");
        var inB = PurgeWorld.Indexed(b, "http://a.example/foo", "red");

        var command = PurgeWorld.Hard(a, PurgeSelector.ForTag("blue"), PurgeSelector.ForTag("red"));

        Assert.True(command.Covers(inA));
        Assert.False(command.Covers(inB));
        Assert.True(new StorePurge([a, b], [PurgeSelector.Everything], Soft: false).Covers(inB));
        Assert.False(PurgeWorld.Hard(a, PurgeSelector.ForTag("blue")).Covers(inA));
    }

    private static CacheEntry Entry(string key, params string[] tags) => PurgeWorld.Indexed(PurgeWorld.Zone(), key, tags);
}
