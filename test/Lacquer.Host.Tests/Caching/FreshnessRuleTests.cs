// RFC 9111 §4.2 end to end: how long a stored response is fresh, from s-maxage, max-age, Expires or the
// Last-Modified heuristic, with the manual clock moved across each boundary; and what malformed freshness
// information means (§4.2.1: invalid means stale, so not stored).
using System.Globalization;
using Lacquer.Harness;
using Microsoft.AspNetCore.Http;

namespace Lacquer.Caching;

public sealed class FreshnessRuleTests
{
    [Fact]
    public async Task SMaxAge_Overrides_A_Shorter_MaxAge_In_A_Shared_Cache()
    {
        await using var c = await Conversation.StartAsync();
        c.Origin.OnGet("/a").Reply(200, "a1", "Cache-Control: max-age=10, s-maxage=100");
        c.Origin.OnGet("/a").Reply(200, "a2", "Cache-Control: max-age=10, s-maxage=100");

        (await c.Client.Get("/a")).ExpectMiss().ExpectHeader("Cache-Status", "Lacquer; fwd=miss; stored; ttl=100");
        c.Clock.Advance(TimeSpan.FromSeconds(99));
        (await c.Client.Get("/a")).ExpectHit().ExpectBody("a1").ExpectHeader("Age", "99");
        c.Clock.Advance(TimeSpan.FromSeconds(2));
        (await c.Client.Get("/a")).ExpectMiss("stale").ExpectBody("a2");
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task SMaxAge_Overrides_A_Longer_MaxAge_In_A_Shared_Cache()
    {
        await using var c = await Conversation.StartAsync();
        c.Origin.OnGet("/a").Reply(200, "a1", "Cache-Control: max-age=100, s-maxage=10");
        c.Origin.OnGet("/a").Reply(200, "a2", "Cache-Control: max-age=100, s-maxage=10");

        (await c.Client.Get("/a")).ExpectMiss().ExpectHeader("Cache-Status", "Lacquer; fwd=miss; stored; ttl=10");
        c.Clock.Advance(TimeSpan.FromSeconds(11));
        (await c.Client.Get("/a")).ExpectMiss("stale").ExpectBody("a2");
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Expires_Without_MaxAge_Gives_Expires_Minus_Date()
    {
        await using var c = await Conversation.StartAsync();
        var expires = Http(c.Clock.GetUtcNow().AddSeconds(120));
        c.Origin.OnGet("/a").Reply(200, "a1", $"Expires: {expires}");
        c.Origin.OnGet("/a").Reply(200, "a2", "Cache-Control: max-age=60");

        (await c.Client.Get("/a")).ExpectMiss().ExpectHeader("Cache-Status", "Lacquer; fwd=miss; stored; ttl=120");
        c.Clock.Advance(TimeSpan.FromSeconds(119));
        (await c.Client.Get("/a")).ExpectHit().ExpectBody("a1").ExpectHeader("Expires", expires);
        c.Clock.Advance(TimeSpan.FromSeconds(2));
        (await c.Client.Get("/a")).ExpectMiss("stale").ExpectBody("a2");
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task MaxAge_Overrides_Expires()
    {
        await using var c = await Conversation.StartAsync();
        var expires = Http(c.Clock.GetUtcNow().AddHours(1));
        c.Origin.OnGet("/a").Reply(200, "a1", "Cache-Control: max-age=60", $"Expires: {expires}");
        c.Origin.OnGet("/a").Reply(200, "a2", "Cache-Control: max-age=60");

        (await c.Client.Get("/a")).ExpectMiss().ExpectHeader("Cache-Status", "Lacquer; fwd=miss; stored; ttl=60");
        c.Clock.Advance(TimeSpan.FromSeconds(61));
        (await c.Client.Get("/a")).ExpectMiss("stale").ExpectBody("a2");
        c.Origin.ExpectAllConsumed();
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("not a date")]
    [InlineData("Sun, 06 Nov 1994 08:49:37 GMT")] // valid, but in the past
    public async Task Invalid_Or_Past_Expires_Means_Already_Expired(string expires)
    {
        // §5.3: an invalid Expires, especially "0", is a time in the past. It is explicit freshness, so the
        // Last-Modified heuristic does not apply either.
        await using var c = await Conversation.StartAsync();
        var lastModified = Http(c.Clock.GetUtcNow().AddDays(-10));
        c.Origin.OnGet("/a").Times(2).Reply(200, "a1", $"Expires: {expires}", $"Last-Modified: {lastModified}");

        (await c.Client.Get("/a")).ExpectMiss().ExpectNotStored("no-freshness").ExpectBody("a1");
        (await c.Client.Get("/a")).ExpectMiss().ExpectNotStored("no-freshness");
        c.Origin.ExpectAllConsumed();
    }

    [Theory]
    [InlineData("max-age=1.5")]
    [InlineData("max-age=-1")]
    [InlineData("max-age=")]
    [InlineData("max-age=ten")]
    [InlineData("max-age=10, max-age=20")] // conflicting duplicates: the more restrictive reading is "invalid"
    [InlineData("s-maxage=1.5, max-age=60")]
    public async Task Malformed_Freshness_Directive_Means_Stale_And_Is_Not_Stored(string cacheControl)
    {
        // §4.2.1: invalid freshness information means "consider the response stale"; the heuristic does not rescue it.
        await using var c = await Conversation.StartAsync();
        var lastModified = Http(c.Clock.GetUtcNow().AddDays(-10));
        c.Origin.OnGet("/a").Times(2).Reply(200, "a1", $"Cache-Control: {cacheControl}", $"Last-Modified: {lastModified}");

        (await c.Client.Get("/a")).ExpectStatus(200).ExpectMiss().ExpectNotStored("invalid-freshness").ExpectBody("a1");
        (await c.Client.Get("/a")).ExpectMiss().ExpectNotStored("invalid-freshness");
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Huge_MaxAge_Is_Clamped_To_Two_To_The_31_Seconds()
    {
        // §1.2.2: a delta-seconds value above 2^31 is taken as 2147483648.
        await using var c = await Conversation.StartAsync();
        c.Origin.OnGet("/a").Reply(200, "a1", "Cache-Control: max-age=99999999999");

        (await c.Client.Get("/a")).ExpectMiss().ExpectHeader("Cache-Status", "Lacquer; fwd=miss; stored; ttl=2147483648");
        c.Clock.Advance(TimeSpan.FromDays(3650));
        (await c.Client.Get("/a")).ExpectHit().ExpectBody("a1");
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Identical_Duplicate_MaxAge_Is_Harmless()
    {
        await using var c = await Conversation.StartAsync();
        c.Origin.OnGet("/a").Reply(200, "a1", "Cache-Control: max-age=60, max-age=60");

        (await c.Client.Get("/a")).ExpectMiss().ExpectHeader("Cache-Status", "Lacquer; fwd=miss; stored; ttl=60");
        (await c.Client.Get("/a")).ExpectHit();
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Heuristic_Freshness_Is_Ten_Percent_Of_The_Time_Since_Last_Modified()
    {
        // §4.2.2: a 200 without explicit freshness may be fresh for a fraction of its age; Lacquer uses 10%.
        await using var c = await Conversation.StartAsync();
        var lastModified = Http(c.Clock.GetUtcNow().AddSeconds(-1000));
        c.Origin.OnGet("/a").Reply(200, "a1", $"Last-Modified: {lastModified}");
        c.Origin.OnGet("/a").Handle(async context =>
        {
            // The stale copy is revalidated with its validator; a new body replaces it.
            Assert.Equal(lastModified, context.Request.Headers.IfModifiedSince.ToString());
            context.Response.Headers.CacheControl = "max-age=60";
            await context.Response.WriteAsync("a2");
        });

        (await c.Client.Get("/a")).ExpectMiss().ExpectHeader("Cache-Status", "Lacquer; fwd=miss; stored; ttl=100");
        c.Clock.Advance(TimeSpan.FromSeconds(99));
        (await c.Client.Get("/a")).ExpectHit().ExpectBody("a1").ExpectHeader("Age", "99");
        c.Clock.Advance(TimeSpan.FromSeconds(2));
        (await c.Client.Get("/a")).ExpectMiss("stale").ExpectBody("a2");
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Heuristic_Freshness_Is_Capped_By_MaxHeuristicTtl()
    {
        await using var c = await Conversation.StartAsync(s => s with { Zones = [s.Zones[0] with { MaxHeuristicTtl = TimeSpan.FromMinutes(5) }] });
        var lastModified = Http(c.Clock.GetUtcNow().AddDays(-365));
        c.Origin.OnGet("/a").Reply(200, "a1", $"Last-Modified: {lastModified}");
        c.Origin.OnGet("/a").Reply(200, "a2", "Cache-Control: max-age=60");

        (await c.Client.Get("/a")).ExpectMiss().ExpectHeader("Cache-Status", "Lacquer; fwd=miss; stored; ttl=300");
        c.Clock.Advance(TimeSpan.FromSeconds(301));
        (await c.Client.Get("/a")).ExpectMiss("stale").ExpectBody("a2");
        c.Origin.ExpectAllConsumed();
    }

    [Fact]
    public async Task Response_Without_Any_Freshness_Or_Last_Modified_Is_Not_Stored()
    {
        await using var c = await Conversation.StartAsync();
        c.Origin.OnGet("/a").Times(2).Reply(200, "a1");

        (await c.Client.Get("/a")).ExpectMiss().ExpectNotStored("no-freshness");
        (await c.Client.Get("/a")).ExpectMiss().ExpectNotStored("no-freshness");
        c.Origin.ExpectAllConsumed();
    }

    private static string Http(DateTimeOffset time) => time.ToString("R", CultureInfo.InvariantCulture);
}
