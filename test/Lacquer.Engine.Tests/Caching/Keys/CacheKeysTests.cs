// The primary key: the scheme and host of the URL the client sees (the zone's own lower-case ASCII spelling of
// the host, whatever case, port or punycode case the Host field had) + path and query as sent, plus the values
// of the zone's key headers.
using Lacquer.Caching.Store;
using Lacquer.Zones;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Lacquer.Caching.Keys;

public sealed class CacheKeysTests
{
    [Theory]
    [InlineData("http", "www.example.com", "/a", "http://www.example.com/a")]
    [InlineData("https", "www.example.com", "/a", "https://www.example.com/a")]
    [InlineData("http", "[::1]", "/a", "http://[::1]/a")]
    [InlineData("http", "www.example.com", "/A/Path", "http://www.example.com/A/Path")]
    [InlineData("http", "www.example.com", "/a?B=1&c=%41", "http://www.example.com/a?B=1&c=%41")]
    [InlineData("http", "www.example.com", "/", "http://www.example.com/")]
    public void Key_Is_Scheme_Canonical_Host_And_Target_As_Sent(string scheme, string host, string target, string expected)
    {
        Assert.Equal(expected, CacheKeys.Build(scheme, host, target, [], new NoRequestFields()));
    }

    [Theory]
    [InlineData("http", "www.example.com", "/a", "https", "www.example.com", "/a")]
    [InlineData("http", "www.example.com", "/a", "http", "example.com", "/a")]
    [InlineData("http", "www.example.com", "/a", "http", "www.example.com", "/A")]
    [InlineData("http", "www.example.com", "/a", "http", "www.example.com", "/a?x=1")]
    [InlineData("http", "www.example.com", "/a?x=1", "http", "www.example.com", "/a?x=2")]
    [InlineData("http", "www.example.com", "/a?x=1&y=2", "http", "www.example.com", "/a?y=2&x=1")]
    [InlineData("http", "www.example.com", "/a%2Fb", "http", "www.example.com", "/a/b")]
    public void Keys_Differ_When_Scheme_Host_Path_Or_Query_Differ(string scheme1, string host1, string target1, string scheme2, string host2, string target2)
    {
        Assert.NotEqual(CacheKeys.Build(scheme1, host1, target1, [], new NoRequestFields()), CacheKeys.Build(scheme2, host2, target2, [], new NoRequestFields()));
    }

    [Fact]
    public void Key_Headers_Append_Their_Values_So_Different_Values_Give_Different_Keys()
    {
        string[] keyHeaders = ["CF-Device-Type", "CF-IPCountry"];

        var mobile = Build(keyHeaders, ("CF-Device-Type", "mobile"), ("CF-IPCountry", "DE"));
        var desktop = Build(keyHeaders, ("CF-Device-Type", "desktop"), ("CF-IPCountry", "DE"));
        var mobileUs = Build(keyHeaders, ("CF-Device-Type", "mobile"), ("CF-IPCountry", "US"));
        var mobileAgain = Build(keyHeaders, ("CF-IPCountry", "DE"), ("CF-Device-Type", "mobile"));
        var none = Build(keyHeaders);

        Assert.Equal("http://www.example.com/a\nCF-Device-Type:mobile\nCF-IPCountry:DE", mobile);
        Assert.Equal(mobile, mobileAgain);
        Assert.Equal(4, new[] { mobile, desktop, mobileUs, none }.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Key_Header_Values_Are_Normalised_Like_Vary_Values()
    {
        string[] keyHeaders = ["Accept-Language"];

        Assert.Equal(Build(keyHeaders, ("Accept-Language", "en,de")), Build(keyHeaders, ("Accept-Language", " en , de ")));
        Assert.Equal(Build(keyHeaders, ("Accept-Language", "en,de")), Build(keyHeaders, ("Accept-Language", "en"), ("Accept-Language", "de")));
    }

    [Fact]
    public void Key_Without_Key_Headers_Ignores_Request_Headers()
    {
        Assert.Equal("http://www.example.com/a", Build([], ("CF-Device-Type", "mobile")));
    }

    [Fact]
    public void Key_Of_A_Request_Uses_The_Raw_Request_Target()
    {
        var context = Request("http", "WWW.Example.com:8080", rawTarget: "/A%2Fb?q=%41");

        Assert.Equal("http://www.example.com/A%2Fb?q=%41", Key(Zone([]), context));
    }

    [Fact]
    public void Key_Of_A_Request_Falls_Back_To_Path_And_Query_Without_A_Raw_Target()
    {
        var context = Request("https", "www.example.com", rawTarget: string.Empty);
        context.Request.Path = "/a b";
        context.Request.QueryString = new QueryString("?x=1");

        Assert.Equal("https://www.example.com/a%20b?x=1", Key(Zone([]), context));
    }

    [Fact]
    public void Key_Of_A_Request_Adds_The_Zone_Key_Headers()
    {
        var mobile = Request("http", "www.example.com", "/a");
        mobile.Request.Headers["CF-Device-Type"] = "mobile";
        var desktop = Request("http", "www.example.com", "/a");
        desktop.Request.Headers["CF-Device-Type"] = "desktop";
        var zone = Zone(["CF-Device-Type"]);

        Assert.Equal("http://www.example.com/a\nCF-Device-Type:mobile", Key(zone, mobile));
        Assert.NotEqual(Key(zone, mobile), Key(zone, desktop));
    }

    [Theory]
    [InlineData("http://www.example.com/a/b?x=1", "http://www.example.com/a/b?x=1", "www.example.com", "/a/b")]
    [InlineData("http://www.example.com/a\nCF-Device-Type:mobile", "http://www.example.com/a", "www.example.com", "/a")]
    [InlineData("https://[::1]/?x", "https://[::1]/?x", "[::1]", "/")]
    public void KeyParts_Split_A_Key_Into_Url_Host_And_Path(string key, string url, string host, string path)
    {
        var parts = KeyParts.Of(key);
        Assert.Equal((url, host, path, path), (parts.Url, parts.Host, parts.Path, parts.PathSpan.ToString()));
    }

    [Fact]
    public void KeyParts_Are_Ranges_Of_The_Key_Made_Without_Allocating()
    {
        var key = string.Concat("http://www.example.com", "/a?x=1");
        KeyParts.Of(key);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var parts = KeyParts.Of(key);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Same(key, parts.Key);
        Assert.Same(key, parts.Url);
        Assert.Equal("www.example.com", parts.HostSpan.ToString());
        Assert.Equal("/a", parts.PathSpan.ToString());
    }

    [Theory]
    [InlineData("http://www.example.com", "www.example.com", "/")]
    [InlineData("http://www.example.com\nAccept-Language:en", "www.example.com", "/")]
    public void KeyParts_Of_A_Url_Without_A_Path_Read_As_Slash(string key, string host, string path)
    {
        var parts = KeyParts.Of(key);

        Assert.Equal((host, path), (parts.Host, parts.Path));
    }

    [Theory]
    [InlineData("www.example.com", "/a?b=1")]
    [InlineData("WWW.Example.com:8080", "/A%2Fb?q=%41")]
    [InlineData("[::1]:8080", "/")]
    [InlineData("www.example.com", "")]
    [InlineData("xn--bcher-kva.example:8080", "/a")]
    public void PooledKey_Holds_The_Same_Characters_As_Key(string host, string rawTarget)
    {
        var context = Request("http", host, rawTarget);
        context.Request.Path = "/p";
        context.Request.Headers["CF-Device-Type"] = " mobile ";
        context.Request.Headers.AcceptLanguage = new(["en", "de"]);
        foreach (var zone in new[] { Zone([]), Zone(["CF-Device-Type", "Accept-Language", "CF-IPCountry"]) })
        {
            var site = Site(zone, context);
            using var key = RequestTarget.PooledKey(site.Scheme, site.Host, zone.CacheKeyHeaders, context);

            Assert.Equal(RequestTarget.Key(site.Scheme, site.Host, zone.CacheKeyHeaders, context), key.Chars.ToString());
            Assert.Equal(RequestTarget.Key(site.Scheme, site.Host, zone.CacheKeyHeaders, context), key.ToString());
        }
    }

    [Theory]
    [InlineData("WWW.Example.com:8080", "www.example.com")]
    [InlineData("www.example.com:", "www.example.com")]
    [InlineData("[::1]:8080", "[::1]")]
    [InlineData("xn--bcher-kva.example", "xn--bcher-kva.example")]
    [InlineData("XN--BCHER-KVA.example:8080", "xn--bcher-kva.example")]
    public void Key_Host_Is_The_Zones_Own_Spelling_Without_The_Port(string field, string keyHost)
    {
        var context = Request("http", field, "/a");

        Assert.Equal("http://" + keyHost + "/a", Key(Zone([]), context));
    }

    [Fact]
    public void A_Key_Longer_Than_The_Stack_Buffer_Is_Built_Whole()
    {
        var target = "/" + new string('a', 300);

        Assert.Equal("http://www.example.com" + target, CacheKeys.Build("http", "www.example.com", target, [], new NoRequestFields()));
    }

    private static string Build(string[] keyHeaders, params (string Name, string Value)[] fields)
    {
        var headers = new HeaderDictionary();
        foreach (var (name, value) in fields)
        {
            headers.Append(name, value);
        }

        return CacheKeys.Build("http", "www.example.com", "/a", keyHeaders, new RequestHeaderFields(headers));
    }

    /// <summary>The key as the proxy builds it: the zone table resolves the URL the client sees, then the key is built.</summary>
    private static string Key(Zone zone, HttpContext context)
    {
        var site = Site(zone, context);
        return RequestTarget.Key(site.Scheme, site.Host, zone.CacheKeyHeaders, context);
    }

    private static SiteAddress Site(Zone zone, HttpContext context)
    {
        Assert.Equal(HostMatch.Zone, new ZoneTable([zone]).Resolve(context, out var matched, out var site));
        Assert.Same(zone, matched);
        return site;
    }

    private static DefaultHttpContext Request(string scheme, string host, string rawTarget)
    {
        var context = new DefaultHttpContext();
        context.Request.Scheme = scheme;
        context.Request.Headers.Host = host;
        context.Features.Get<IHttpRequestFeature>()!.RawTarget = rawTarget;
        return context;
    }

    private static Zone Zone(string[] keyHeaders) =>
        new(TestZones.Settings("keys", ["www.example.com", "xn--bcher-kva.example", "[::1]"], keyHeaders));
}
