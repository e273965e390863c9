namespace Lacquer.Caching.Semantics;

public sealed class FreshnessTests
{
    // RFC 9111 §4.2.1 explicit freshness: s-maxage over max-age over Expires - Date.
    // Times are seconds relative to the response time; Date is the response time unless noted.
    [Theory]
    [InlineData("s-maxage=100, max-age=50", null, 100, "SMaxAge")] // shared cache prefers s-maxage
    [InlineData("max-age=50, s-maxage=100", 3600, 100, "SMaxAge")]
    [InlineData("max-age=50", 3600, 50, "MaxAge")] // §5.3: max-age => ignore Expires
    [InlineData("max-age=0", 3600, 0, "MaxAge")]
    [InlineData("max-age=\"60\"", null, 60, "MaxAge")]
    [InlineData("max-age=99999999999", null, 2147483648, "MaxAge")] // §1.2.2 clamp
    [InlineData(null, 3600, 3600, "Expires")] // Expires - Date
    [InlineData(null, -60, 0, "Expires")] // Expires before Date: already expired
    [InlineData("public", 600, 600, "Expires")]
    [InlineData("s-maxage=abc, max-age=60", null, 0, "Invalid")] // the winning directive is invalid
    [InlineData("max-age=abc", 3600, 0, "Invalid")] // §4.2.1: invalid => consider stale
    [InlineData("max-age=1.5", null, 0, "Invalid")]
    [InlineData("max-age=-1", null, 0, "Invalid")]
    [InlineData("max-age=", null, 0, "Invalid")]
    [InlineData("max-age=60, max-age=120", null, 0, "Invalid")]
    [InlineData("max-age=60, max-age=60", null, 60, "MaxAge")]
    public void Explicit_Freshness_Follows_The_Precedence_Of_Section_4_2_1(
        string? cacheControl, int? expiresInSeconds, long lifetimeSeconds, string source)
    {
        var response = ExchangeFacts.Response(cacheControl: cacheControl, expires: ExchangeFacts.AtOrNull(expiresInSeconds));

        AssertLifetime(response, CachePolicy.Default, lifetimeSeconds, source);
    }

    // RFC 9111 §5.3: invalid Expires (especially "0") is already expired; RFC 9110 §5.6.7 formats.
    [Theory]
    [InlineData("0", null, 0, "Expires")]
    [InlineData("garbage", null, 0, "Expires")]
    [InlineData("", null, 0, "Expires")]
    [InlineData("0", "max-age=60", 60, "MaxAge")] // max-age still wins over a broken Expires
    [InlineData("Wed, 01 Jan 2025 13:00:00 GMT", null, 3600, "Expires")] // IMF-fixdate
    [InlineData("Wednesday, 01-Jan-25 13:00:00 GMT", null, 3600, "Expires")] // RFC 850
    [InlineData("Wed Jan  1 13:00:00 2025", null, 3600, "Expires")] // asctime
    public void Expires_Header_Forms(string expires, string? cacheControl, long lifetimeSeconds, string source)
    {
        var response = ExchangeFacts.Response(cacheControl: cacheControl, expires: expires);

        AssertLifetime(response, CachePolicy.Default, lifetimeSeconds, source);
    }

    // RFC 9111 §4.2.1: a missing Date is taken as the response time.
    [Fact]
    public void Expires_Without_Date_Counts_From_The_Response_Time()
    {
        var response = ExchangeFacts.Response(expires: ExchangeFacts.At(100), date: null);

        AssertLifetime(response, CachePolicy.Default, 100, "Expires");
    }

    [Fact]
    public void Expires_Counts_From_Date_Not_From_The_Response_Time()
    {
        // Origin clock 10 minutes behind: Expires - Date is still the lifetime it meant.
        var response = ExchangeFacts.Response(expires: ExchangeFacts.At(-600 + 300), date: ExchangeFacts.At(-600));

        AssertLifetime(response, CachePolicy.Default, 300, "Expires");
    }

    // RFC 9111 §4.2.2: 10% of (Date - Last-Modified), capped at MaxHeuristicTtl (1 day by default),
    // only for heuristically cacheable statuses (RFC 9110 §15.1) or public responses.
    [Theory]
    [InlineData(200, null, -432_000, 43_200, "Heuristic")] // 5 days old => 12 hours
    [InlineData(200, null, -8_640_000, 86_400, "Heuristic")] // 100 days old => capped at 1 day
    [InlineData(200, null, -100, 10, "Heuristic")]
    [InlineData(404, null, -1000, 100, "Heuristic")]
    [InlineData(301, null, -1000, 100, "Heuristic")]
    [InlineData(500, null, -1000, 0, "None")] // not heuristically cacheable
    [InlineData(302, null, -1000, 0, "None")]
    [InlineData(201, null, -1000, 0, "None")]
    [InlineData(500, "public", -1000, 100, "Heuristic")] // §3: public allows it
    [InlineData(200, "max-age=0", -1000, 0, "MaxAge")] // explicit freshness => no heuristic
    [InlineData(200, null, null, 0, "None")] // no Last-Modified, no default TTL
    [InlineData(200, null, 0, 0, "None")] // Last-Modified == Date: not usable
    [InlineData(200, null, 3600, 0, "None")] // Last-Modified in the future: not usable
    public void Heuristic_Freshness_Is_Ten_Percent_Of_Last_Modified_Age_Capped(
        int status, string? cacheControl, int? lastModifiedInSeconds, long lifetimeSeconds, string source)
    {
        var response = ExchangeFacts.Response(
            status, cacheControl, lastModified: ExchangeFacts.AtOrNull(lastModifiedInSeconds));

        AssertLifetime(response, CachePolicy.Default, lifetimeSeconds, source);
    }

    // RFC 9111 §4.2.2 leaves the heuristic to the cache: the zone's DefaultTtl stands in when
    // Last-Modified is unusable; MaxHeuristicTtl caps only the Last-Modified heuristic.
    [Theory]
    [InlineData(200, null, 300, 86_400, 300, "DefaultTtl")]
    [InlineData(204, 0, 300, 86_400, 300, "DefaultTtl")] // Last-Modified == Date: unusable
    [InlineData(200, -1000, 300, 86_400, 100, "Heuristic")] // a usable Last-Modified wins
    [InlineData(200, -1000, 300, 30, 30, "Heuristic")] // custom cap
    [InlineData(200, -1000, 0, 0, 0, "Heuristic")] // cap 0 disables the heuristic
    [InlineData(500, null, 300, 86_400, 0, "None")] // not heuristically cacheable
    [InlineData(200, null, 0, 86_400, 0, "None")]
    public void Default_Ttl_Applies_Only_Where_A_Heuristic_Could(
        int status, int? lastModifiedInSeconds, int defaultTtlSeconds, int maxHeuristicSeconds, long lifetimeSeconds, string source)
    {
        var policy = new CachePolicy(false, TimeSpan.FromSeconds(defaultTtlSeconds), TimeSpan.FromSeconds(maxHeuristicSeconds));
        var response = ExchangeFacts.Response(status, lastModified: ExchangeFacts.AtOrNull(lastModifiedInSeconds));

        AssertLifetime(response, policy, lifetimeSeconds, source);
    }

    [Fact]
    public void Heuristic_Without_Date_Counts_From_The_Response_Time()
    {
        var response = ExchangeFacts.Response(date: null, lastModified: ExchangeFacts.At(-1000));

        AssertLifetime(response, CachePolicy.Default, 100, "Heuristic");
    }

    // RFC 9110 §15.1: the heuristically cacheable status codes.
    [Theory]
    [InlineData(200, true)]
    [InlineData(203, true)]
    [InlineData(204, true)]
    [InlineData(206, true)]
    [InlineData(300, true)]
    [InlineData(301, true)]
    [InlineData(308, true)]
    [InlineData(404, true)]
    [InlineData(405, true)]
    [InlineData(410, true)]
    [InlineData(414, true)]
    [InlineData(501, true)]
    [InlineData(201, false)]
    [InlineData(302, false)]
    [InlineData(303, false)]
    [InlineData(304, false)]
    [InlineData(307, false)]
    [InlineData(400, false)]
    [InlineData(403, false)]
    [InlineData(500, false)]
    [InlineData(502, false)]
    [InlineData(503, false)]
    public void Heuristically_Cacheable_Status_Codes(int status, bool expected)
    {
        Assert.Equal(expected, Freshness.IsHeuristicallyCacheable(status));
    }

    private static void AssertLifetime(ResponseFacts response, CachePolicy policy, long lifetimeSeconds, string source)
    {
        var (lifetime, actualSource) = Freshness.Lifetime(response, policy, ExchangeFacts.ResponseTime);

        Assert.Equal(Enum.Parse<FreshnessSource>(source), actualSource);
        Assert.Equal(TimeSpan.FromSeconds(lifetimeSeconds), lifetime);
    }
}
