namespace Lacquer.Caching.Semantics;

public sealed class StorabilityTests
{
    // RFC 9111 §3: the baseline storable response.
    [Theory]
    [InlineData("GET", 200, "max-age=60")]
    [InlineData("HEAD", 200, "max-age=60")]
    [InlineData("GET", 200, "public, max-age=60")]
    [InlineData("GET", 200, "s-maxage=60")]
    [InlineData("GET", 500, "max-age=60")] // any final status may be stored with explicit freshness
    [InlineData("GET", 302, "max-age=60")]
    [InlineData("GET", 201, "s-maxage=60")]
    [InlineData("GET", 200, "max-age=60, max-age=60")] // identical duplicate is fine
    [InlineData("GET", 200, "MAX-AGE=60")]
    [InlineData("GET", 200, " , max-age = 60 ,, ")]
    [InlineData("GET", 200, "foo=\"a,b\", max-age=5")] // §5.2.3 unknown extension ignored
    [InlineData("GET", 200, "max-age=\"60\"")]
    [InlineData("GET", 200, "immutable, max-age=60, no-transform")]
    [InlineData("GET", 200, "must-understand, no-store, max-age=60")] // §5.2.2.3: understood status => ignore no-store
    public void Stored_When_Final_Cacheable_And_Fresh(string method, int status, string cacheControl)
    {
        var decision = Decide(method: method, status: status, responseCacheControl: cacheControl);

        Assert.True(decision.Storable);
        Assert.Equal(NotStoredReason.None, decision.Reason);
    }

    // §5.2.2.4: a no-cache response with a validator is stored already stale (lifetime zero) and must be
    // validated before every reuse, never served stale (§4.2.4); without §3's permission it is not stored.
    [Theory]
    [InlineData(200, "no-cache", true, null, true)]
    [InlineData(200, "no-cache", false, -3600, true)] // Last-Modified is a validator too
    [InlineData(200, "no-cache, max-age=60", true, null, true)]
    [InlineData(200, "no-cache=\"Set-Cookie\", max-age=60", true, null, true)] // qualified: treated as bare
    [InlineData(200, "max-age=60, no-cache=\"X-A\", no-cache", true, null, true)]
    [InlineData(500, "no-cache, max-age=60", true, null, true)] // explicit freshness lets any final status be stored
    [InlineData(500, "no-cache", true, null, false)] // §3: no freshness, no public, not heuristically cacheable
    [InlineData(500, "no-cache, public", true, null, true)]
    [InlineData(200, "no-cache", false, null, false)] // no validator
    [InlineData(200, "no-cache, no-store", true, null, false)] // no-store still wins
    public void NoCache_Is_Stored_Stale_When_It_Can_Be_Revalidated(int status, string cacheControl, bool etag, int? lastModified, bool stored)
    {
        var request = RequestFacts.Parse("GET", null, null, hasAuthorization: false);
        var response = ResponseFacts.Parse(status, cacheControl, null, ExchangeFacts.At(0), ExchangeFacts.AtOrNull(lastModified), null, null, hasSetCookie: false, hasETag: etag);

        var decision = Storability.Decide(request, response, CachePolicy.Default, ExchangeFacts.ResponseTime);

        Assert.Equal(stored, decision.Storable);
        if (stored)
        {
            Assert.Equal(TimeSpan.Zero, decision.FreshnessLifetime);
            Assert.True(Reuse.MustRevalidateWhenStale(response.CacheControl));
        }
    }

    // Each row: one rule, the first "no" in the documented order of Storability.Decide.
    [Theory]
    // §3, RFC 9110 §9.2.3: only GET and HEAD; methods are case-sensitive (RFC 9110 §9.1).
    [InlineData("POST", 200, null, "max-age=60", "MethodNotCacheable")]
    [InlineData("PUT", 200, null, "max-age=60", "MethodNotCacheable")]
    [InlineData("DELETE", 200, null, "max-age=60", "MethodNotCacheable")]
    [InlineData("get", 200, null, "max-age=60", "MethodNotCacheable")]
    [InlineData("POST", 200, "no-store", "no-store", "MethodNotCacheable")] // first rule wins
    // §3: the status must be final.
    [InlineData("GET", 100, null, "max-age=60", "StatusNotFinal")]
    [InlineData("GET", 103, null, "max-age=60", "StatusNotFinal")]
    // §3.3, §4.3.4: 206 and 304 are not complete responses to store; RFC 9110 §15: 100..599 only.
    [InlineData("GET", 206, null, "max-age=60", "StatusNotStorable")]
    [InlineData("GET", 304, null, "max-age=60", "StatusNotStorable")]
    [InlineData("GET", 99, null, "max-age=60", "StatusNotStorable")]
    [InlineData("GET", 600, null, "max-age=60", "StatusNotStorable")]
    // §3, §5.2.2.3: must-understand with a status we do not understand.
    [InlineData("GET", 299, null, "must-understand, no-store, max-age=60", "StatusNotStorable")]
    [InlineData("GET", 418, null, "must-understand, max-age=60", "StatusNotStorable")]
    // §5.2.1.5 request no-store.
    [InlineData("GET", 200, "no-store", "max-age=60", "RequestNoStore")]
    [InlineData("GET", 200, "No-Store, max-age=0", "max-age=60", "RequestNoStore")]
    // §5.2.2.5 response no-store; conflicting directives: most restrictive wins (§4.2.1).
    [InlineData("GET", 200, null, "no-store", "ResponseNoStore")]
    [InlineData("GET", 200, null, "no-store, max-age=60", "ResponseNoStore")]
    [InlineData("GET", 200, null, "public, max-age=60, NO-STORE", "ResponseNoStore")]
    [InlineData("GET", 200, null, "max-age=60,,no-store", "ResponseNoStore")]
    // §5.2.2.7 private, qualified or not: we are a shared cache.
    [InlineData("GET", 200, null, "private", "ResponsePrivate")]
    [InlineData("GET", 200, null, "private, max-age=60", "ResponsePrivate")]
    [InlineData("GET", 200, null, "private=\"Set-Cookie\", max-age=60", "ResponsePrivate")]
    [InlineData("GET", 200, null, "public, private, s-maxage=60", "ResponsePrivate")]
    // §5.2.2.4 no-cache, qualified or not, without a validator: every reuse would be a full refetch.
    [InlineData("GET", 200, null, "no-cache", "ResponseNoCache")]
    [InlineData("GET", 200, null, "no-cache, max-age=60", "ResponseNoCache")]
    [InlineData("GET", 200, null, "no-cache=\"Set-Cookie\", max-age=60", "ResponseNoCache")]
    [InlineData("GET", 200, null, "public, no-cache", "ResponseNoCache")]
    // §4.2.1: invalid explicit freshness => stale => not worth storing.
    [InlineData("GET", 200, null, "max-age=abc", "InvalidFreshness")]
    [InlineData("GET", 200, null, "max-age=1.5", "InvalidFreshness")]
    [InlineData("GET", 200, null, "max-age=-1", "InvalidFreshness")]
    [InlineData("GET", 200, null, "max-age=", "InvalidFreshness")]
    [InlineData("GET", 200, null, "max-age=60, max-age=120", "InvalidFreshness")]
    [InlineData("GET", 200, null, "s-maxage=x, max-age=60", "InvalidFreshness")]
    // §4.2: no freshness lifetime.
    [InlineData("GET", 200, null, null, "NoFreshnessLifetime")]
    [InlineData("GET", 200, null, "max-age=0", "NoFreshnessLifetime")]
    [InlineData("GET", 200, null, "s-maxage=0, max-age=60", "NoFreshnessLifetime")]
    [InlineData("GET", 500, null, null, "NoFreshnessLifetime")] // not heuristically cacheable
    [InlineData("GET", 200, null, "must-revalidate", "NoFreshnessLifetime")]
    public void NotStored_For_The_First_Rule_That_Says_No(
        string method, int status, string? requestCacheControl, string? responseCacheControl, string reason)
    {
        var decision = Decide(method, status, requestCacheControl, responseCacheControl);

        Assert.False(decision.Storable);
        Assert.Equal(Enum.Parse<NotStoredReason>(reason), decision.Reason);
    }

    // §3.5: with Authorization, a shared cache stores only if must-revalidate, public or s-maxage.
    [Theory]
    [InlineData("max-age=60", "AuthorizationWithoutPermission")]
    [InlineData("proxy-revalidate, max-age=60", "AuthorizationWithoutPermission")]
    [InlineData("public, max-age=60", "None")]
    [InlineData("s-maxage=60", "None")]
    [InlineData("must-revalidate, max-age=60", "None")]
    [InlineData("private, public, max-age=60", "ResponsePrivate")]
    public void Authorization_Needs_Public_Or_SMaxAge_Or_MustRevalidate(string responseCacheControl, string reason)
    {
        var decision = Decide(responseCacheControl: responseCacheControl, hasAuthorization: true);

        Assert.Equal(Enum.Parse<NotStoredReason>(reason), decision.Reason);
    }

    [Fact]
    public void NotStored_When_Request_Has_Authorization_And_Response_Has_No_Permission()
    {
        Assert.Equal(
            NotStoredReason.AuthorizationWithoutPermission,
            Decide(responseCacheControl: "max-age=60", hasAuthorization: true).Reason);
    }

    // Policy (RFC 9111 §7.3): Set-Cookie responses are stored only when the zone allows it.
    [Theory]
    [InlineData(true, false, "SetCookieNotAllowed")]
    [InlineData(true, true, "None")]
    [InlineData(false, false, "None")]
    public void NotStored_When_Response_Sets_A_Cookie_Unless_Allowed(bool hasSetCookie, bool cacheSetCookie, string reason)
    {
        var policy = CachePolicy.Default with { CacheSetCookie = cacheSetCookie };

        var decision = Decide(responseCacheControl: "max-age=60", hasSetCookie: hasSetCookie, policy: policy);

        Assert.Equal(Enum.Parse<NotStoredReason>(reason), decision.Reason);
    }

    // §4.1 / RFC 9110 §12.5.5: Vary "*" never matches.
    [Theory]
    [InlineData("*", "VaryStar")]
    [InlineData("Accept-Encoding, *", "VaryStar")]
    [InlineData(" * ", "VaryStar")]
    [InlineData("Accept-Encoding", "None")]
    [InlineData(",,", "None")]
    public void NotStored_When_Vary_Is_Star(string vary, string reason)
    {
        Assert.Equal(Enum.Parse<NotStoredReason>(reason), Decide(responseCacheControl: "max-age=60", vary: vary).Reason);
    }

    // §5.3: Expires; invalid or "0" means already expired.
    [Theory]
    [InlineData("0", "NoFreshnessLifetime")]
    [InlineData("garbage", "NoFreshnessLifetime")]
    [InlineData("Wed, 01 Jan 2025 11:00:00 GMT", "NoFreshnessLifetime")] // before Date
    [InlineData("Wed, 01 Jan 2025 13:00:00 GMT", "None")]
    public void Expires_Decides_Storage_Without_Cache_Control(string expires, string reason)
    {
        var decision = Storability.Decide(
            RequestFacts.Parse("GET", null, null, hasAuthorization: false),
            ExchangeFacts.Response(expires: expires),
            CachePolicy.Default,
            ExchangeFacts.ResponseTime);

        Assert.Equal(Enum.Parse<NotStoredReason>(reason), decision.Reason);
    }

    // §4.2.2 heuristics and the zone default TTL make a response without explicit freshness storable.
    [Theory]
    [InlineData(200, -1000, 0, "None", 100, "Heuristic")]
    [InlineData(200, null, 300, "None", 300, "DefaultTtl")]
    [InlineData(500, null, 300, "NoFreshnessLifetime", 0, "None")]
    [InlineData(200, null, 0, "NoFreshnessLifetime", 0, "None")]
    public void Heuristic_Or_Default_Ttl_Makes_It_Storable(
        int status, int? lastModifiedInSeconds, int defaultTtlSeconds, string reason, long lifetimeSeconds, string source)
    {
        var decision = Storability.Decide(
            RequestFacts.Parse("GET", null, null, hasAuthorization: false),
            ExchangeFacts.Response(status, lastModified: ExchangeFacts.AtOrNull(lastModifiedInSeconds)),
            CachePolicy.Default with { DefaultTtl = TimeSpan.FromSeconds(defaultTtlSeconds) },
            ExchangeFacts.ResponseTime);

        Assert.Equal(Enum.Parse<NotStoredReason>(reason), decision.Reason);
        Assert.Equal(TimeSpan.FromSeconds(lifetimeSeconds), decision.FreshnessLifetime);
        Assert.Equal(Enum.Parse<FreshnessSource>(source), decision.Source);
    }

    [Fact]
    public void Stored_Decision_Carries_The_Lifetime_And_Its_Source()
    {
        var decision = Decide(responseCacheControl: "s-maxage=120, max-age=60");

        Assert.Equal(StorageDecision.Stored(TimeSpan.FromSeconds(120), FreshnessSource.SMaxAge), decision);
    }

    [Fact]
    public void Early_NotStored_Decision_Has_No_Lifetime()
    {
        var decision = Decide(responseCacheControl: "no-store, max-age=60");

        Assert.Equal(StorageDecision.NotStored(NotStoredReason.ResponseNoStore), decision);
        Assert.Equal(TimeSpan.Zero, decision.FreshnessLifetime);
        Assert.Equal(FreshnessSource.None, decision.Source);
    }

    private static StorageDecision Decide(
        string method = "GET",
        int status = 200,
        string? requestCacheControl = null,
        string? responseCacheControl = null,
        bool hasAuthorization = false,
        bool hasSetCookie = false,
        string? vary = null,
        CachePolicy? policy = null)
    {
        var request = RequestFacts.Parse(method, requestCacheControl, null, hasAuthorization);
        var response = ExchangeFacts.Response(status, responseCacheControl, vary: vary, hasSetCookie: hasSetCookie);
        return Storability.Decide(request, response, policy ?? CachePolicy.Default, ExchangeFacts.ResponseTime);
    }
}
