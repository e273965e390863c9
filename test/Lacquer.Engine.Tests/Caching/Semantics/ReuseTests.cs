namespace Lacquer.Caching.Semantics;

public sealed class ReuseTests
{
    // One row per rule of Reuse.Decide; lifetime and age in seconds.
    [Theory]
    [InlineData(60, 10, false, false, null, null, "Fresh")] // §4.2: lifetime > age
    [InlineData(60, 60, false, false, null, null, "Stale")] // §4.2: fresh only while lifetime > age
    [InlineData(60, 10, false, true, null, null, "Stale")] // soft purge: stale whatever the age
    [InlineData(60, 10, false, false, "no-cache", null, "RequestNoCache")] // §5.2.1.4
    [InlineData(60, 10, false, false, null, "no-cache", "RequestNoCache")] // §5.4 Pragma without Cache-Control
    [InlineData(60, 10, false, false, "max-age=5", "no-cache", "TooOldForRequest")] // §5.4: Pragma ignored with Cache-Control
    [InlineData(60, 10, false, false, "max-age=10", null, "Fresh")] // §5.2.1.1: age <= max-age
    [InlineData(60, 11, false, false, "max-age=10", null, "TooOldForRequest")] // §5.2.1.1
    [InlineData(60, 10, false, false, "min-fresh=50", null, "Fresh")] // §5.2.1.3: 50 s left
    [InlineData(60, 10, false, false, "min-fresh=51", null, "TooOldForRequest")] // §5.2.1.3
    [InlineData(60, 90, false, false, "max-stale", null, "StaleAccepted")] // §5.2.1.2 bare
    [InlineData(60, 90, false, false, "max-stale=30", null, "StaleAccepted")] // §5.2.1.2 within bound
    [InlineData(60, 90, false, false, "max-stale=29", null, "Stale")] // §5.2.1.2 beyond bound
    [InlineData(60, 90, true, false, "max-stale", null, "Stale")] // §4.2.4 must-revalidate: never stale
    [InlineData(60, 90, false, true, "max-stale", null, "Stale")] // soft-purged: never served stale
    [InlineData(60, 90, false, false, "max-stale, max-age=80", null, "Stale")] // §5.2.1.1 with max-stale: age still bounded
    [InlineData(60, 70, false, false, "max-stale, max-age=80", null, "StaleAccepted")]
    [InlineData(60, 10, false, false, "max-age=abc", null, "Fresh")] // invalid request value ignored
    public void Reuse_Follows_The_Request_Directives(int lifetime, int age, bool mustRevalidate, bool softPurged, string? cacheControl, string? pragma, string expected)
    {
        var request = RequestFacts.Parse("GET", cacheControl, pragma, hasAuthorization: false);

        var decision = Reuse.Decide(TimeSpan.FromSeconds(lifetime), TimeSpan.FromSeconds(age), mustRevalidate, softPurged, request);

        Assert.Equal(expected, decision.ToString());
    }

    // §5.2.2.2, §5.2.2.8, §5.2.2.10, and §5.2.2.4 no-cache (§4.2.4): a shared cache must not serve these stale.
    [Theory]
    [InlineData("max-age=60", false)]
    [InlineData("max-age=60, no-cache", true)]
    [InlineData("no-cache=\"Set-Cookie\"", true)]
    [InlineData("max-age=60, must-revalidate", true)]
    [InlineData("max-age=60, proxy-revalidate", true)]
    [InlineData("s-maxage=60", true)]
    public void MustRevalidateWhenStale_For_Revalidate_Directives_And_SMaxAge(string cacheControl, bool expected) =>
        Assert.Equal(expected, Reuse.MustRevalidateWhenStale(CacheControl.Parse(cacheControl)));
}
