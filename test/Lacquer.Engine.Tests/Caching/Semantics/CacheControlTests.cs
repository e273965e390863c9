namespace Lacquer.Caching.Semantics;

public sealed class CacheControlTests
{
    // RFC 9111 §5.2.2.1 max-age, read through the §5.2 list syntax; malformed values are Invalid (§4.2.1).
    [Theory]
    [InlineData(null, "Absent", 0)]
    [InlineData("", "Absent", 0)]
    [InlineData("public", "Absent", 0)]
    [InlineData("max-age=60", "Valid", 60)]
    [InlineData("max-age=0", "Valid", 0)]
    [InlineData("MAX-AGE=60", "Valid", 60)] // §5.2: names are case-insensitive
    [InlineData("Max-Age=60", "Valid", 60)]
    [InlineData("  max-age=60  ", "Valid", 60)]
    [InlineData("max-age = 60", "Valid", 60)] // tolerated whitespace around "="
    [InlineData("public,max-age=60", "Valid", 60)]
    [InlineData(",,max-age=5,,", "Valid", 5)] // RFC 9110 §5.6.1: empty members ignored
    [InlineData("max-age=\"60\"", "Valid", 60)] // §5.2: accept the quoted-string form
    [InlineData("max-age=99999999999", "Valid", 2147483648)] // §1.2.2 clamp
    [InlineData("max-age=1.5", "Invalid", 0)]
    [InlineData("max-age=-1", "Invalid", 0)]
    [InlineData("max-age=", "Invalid", 0)]
    [InlineData("max-age", "Invalid", 0)]
    [InlineData("max-age=abc", "Invalid", 0)]
    [InlineData("max-age=5 6", "Invalid", 0)]
    [InlineData("max-age=\"60", "Invalid", 0)] // unterminated quoted-string
    [InlineData("max-age=\"6\"0", "Invalid", 0)] // text after the closing quote
    [InlineData("max-age=60, max-age=60", "Valid", 60)] // identical duplicate is harmless
    [InlineData("max-age=60, max-age=61", "Invalid", 0)] // §4.2.1 conflicting duplicate
    [InlineData("max-age=60, max-age=abc", "Invalid", 0)]
    [InlineData("max-age=60, max-age=\"60\"", "Valid", 60)]
    [InlineData("foo=\"a,b\", max-age=5", "Valid", 5)] // §5.2.3 extension, commas inside quotes
    [InlineData("foo=\"a,\\\"max-age=9\\\"\", max-age=5", "Valid", 5)] // escaped quotes inside
    [InlineData("foo=bar, max-age=5, baz", "Valid", 5)]
    public void MaxAge_Is_Read_From_Lenient_List_Syntax(string? header, string state, long seconds)
    {
        var maxAge = CacheControl.Parse(header).MaxAge;

        Assert.Equal(Enum.Parse<DeltaState>(state), maxAge.State);
        Assert.Equal(seconds, maxAge.Seconds);
    }

    // §5.2.1 request and §5.2.2 response numeric directives; RFC 5861 §3-§4 stale-*.
    [Theory]
    [InlineData("s-maxage=30", "s-maxage", 30)]
    [InlineData("S-MAXAGE=\"30\"", "s-maxage", 30)]
    [InlineData("min-fresh=10", "min-fresh", 10)]
    [InlineData("max-stale=20", "max-stale", 20)]
    [InlineData("stale-while-revalidate=40", "stale-while-revalidate", 40)]
    [InlineData("stale-if-error=50", "stale-if-error", 50)]
    public void Numeric_Directives_Are_Read(string header, string directive, long seconds)
    {
        var value = Delta(CacheControl.Parse(header), directive);

        Assert.Equal(DeltaSeconds.Of(seconds), value);
    }

    // §5.2.1.2: bare max-stale accepts any staleness; the valued form is separate.
    [Theory]
    [InlineData("max-stale", true, "Absent")]
    [InlineData("max-stale=5", false, "Valid")]
    [InlineData("max-stale=abc", false, "Invalid")]
    [InlineData("max-stale, max-stale=5", true, "Valid")]
    [InlineData("max-age=5", false, "Absent")]
    public void MaxStale_Bare_Means_Any(string header, bool any, string state)
    {
        var parsed = CacheControl.Parse(header);

        Assert.Equal(any, parsed.MaxStaleAny);
        Assert.Equal(Enum.Parse<DeltaState>(state), parsed.MaxStale.State);
    }

    // §5.2.1 / §5.2.2 boolean directives, RFC 8246 §2 immutable; arguments to them are ignored.
    [Theory]
    [InlineData("no-store", "no-store", true)]
    [InlineData("NO-STORE", "no-store", true)]
    [InlineData("no-store=\"x\"", "no-store", true)]
    [InlineData("no-storex", "no-store", false)]
    [InlineData("x-no-store", "no-store", false)]
    [InlineData("no-cache", "no-cache", true)]
    [InlineData("private", "private", true)]
    [InlineData("public", "public", true)]
    [InlineData("Public", "public", true)]
    [InlineData("must-revalidate", "must-revalidate", true)]
    [InlineData("proxy-revalidate", "proxy-revalidate", true)]
    [InlineData("no-transform", "no-transform", true)]
    [InlineData("immutable", "immutable", true)]
    [InlineData("only-if-cached", "only-if-cached", true)]
    [InlineData("must-understand", "must-understand", true)]
    [InlineData("max-age=5", "public", false)]
    [InlineData("foo=\"public\"", "public", false)]
    public void Boolean_Directives_Are_Recognised(string header, string directive, bool expected)
    {
        Assert.Equal(expected, Flag(CacheControl.Parse(header), directive));
    }

    // §5.2.2.4 / §5.2.2.7 qualified forms; a bare occurrence anywhere wins (most restrictive, §4.2.1).
    [Theory]
    [InlineData("private", "private", "")]
    [InlineData("private=\"Set-Cookie, Foo\"", "private", "set-cookie|foo")]
    [InlineData("private=Set-Cookie", "private", "set-cookie")]
    [InlineData("private=\"a,, b , A\"", "private", "a|b")]
    [InlineData("private=\"x\", private", "private", "")]
    [InlineData("private=\"x\", private=\"y\"", "private", "x|y")]
    [InlineData("no-cache", "no-cache", "")]
    [InlineData("no-cache=\"Set-Cookie\"", "no-cache", "set-cookie")]
    [InlineData("no-cache, no-cache=\"x\"", "no-cache", "")]
    public void Qualified_Directives_List_Their_Field_Names(string header, string directive, string fields)
    {
        var parsed = CacheControl.Parse(header);
        var list = directive == "private" ? parsed.PrivateFields : parsed.NoCacheFields;

        Assert.True(Flag(parsed, directive));
        Assert.Equal(fields, string.Join('|', list));
    }

    // §5.2: parsing never throws, whatever arrives.
    [Theory]
    [InlineData("\"")]
    [InlineData("=")]
    [InlineData("=,=,,=")]
    [InlineData("max-age=\"")]
    [InlineData("max-age=\"\\")]
    [InlineData("\\")]
    [InlineData("\0\0")]
    [InlineData("private=\"")]
    [InlineData("no-cache=\"\\\\\\")]
    [InlineData("a-very-long-extension-directive-name-that-is-longer-than-any-known=1")]
    [InlineData("\u00e9t\u00e9=1, max-age=\u0661")]
    public void Parse_Never_Throws_On_Garbage(string header)
    {
        var parsed = CacheControl.Parse(header);

        Assert.NotNull(parsed);
    }

    [Fact]
    public void Empty_Header_Is_The_Shared_Empty_Instance()
    {
        Assert.Same(CacheControl.Empty, CacheControl.Parse(null));
        Assert.Same(CacheControl.Empty, CacheControl.Parse("  "));
        Assert.False(CacheControl.Empty.NoStore);
        Assert.Empty(CacheControl.Empty.PrivateFields);
    }

    private static DeltaSeconds Delta(CacheControl cacheControl, string directive) => directive switch
    {
        "max-age" => cacheControl.MaxAge,
        "s-maxage" => cacheControl.SMaxAge,
        "max-stale" => cacheControl.MaxStale,
        "min-fresh" => cacheControl.MinFresh,
        "stale-while-revalidate" => cacheControl.StaleWhileRevalidate,
        "stale-if-error" => cacheControl.StaleIfError,
        _ => throw new ArgumentOutOfRangeException(nameof(directive)),
    };

    private static bool Flag(CacheControl cacheControl, string directive) => directive switch
    {
        "no-store" => cacheControl.NoStore,
        "no-cache" => cacheControl.NoCache,
        "private" => cacheControl.Private,
        "public" => cacheControl.Public,
        "must-revalidate" => cacheControl.MustRevalidate,
        "proxy-revalidate" => cacheControl.ProxyRevalidate,
        "no-transform" => cacheControl.NoTransform,
        "immutable" => cacheControl.Immutable,
        "only-if-cached" => cacheControl.OnlyIfCached,
        "must-understand" => cacheControl.MustUnderstand,
        _ => throw new ArgumentOutOfRangeException(nameof(directive)),
    };
}
