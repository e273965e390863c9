// RFC 9111 §4.2 end to end: how long a stored response is fresh, from s-maxage, max-age, Expires or the
// Last-Modified heuristic, with the manual clock moved across each boundary; and what malformed freshness
// information means (§4.2.1: invalid means stale, so not stored).
//
// Every case is the same conversation: the origin sends one response with the row's freshness headers; the
// first request is a miss that either stores it with the expected ttl or refuses to store it with the expected
// reason; then, for stored responses, the clock moves to just inside the lifetime (a hit on the first body) and
// across it (a stale miss that fetches the second body, revalidating with Last-Modified when there was one).
using System.Globalization;
using Lacquer.Harness;
using Microsoft.AspNetCore.Http;

namespace Lacquer.Caching;

public sealed class FreshnessRuleTests
{
    private const int None = -1;

    /// <param name="cacheControl">The origin's Cache-Control, or null for none.</param>
    /// <param name="expires">The origin's Expires: "+N" means N seconds after the origin's Date, anything else is sent as is; null for none.</param>
    /// <param name="lastModifiedAgo">Seconds before now of the origin's Last-Modified, or <see cref="None"/>.</param>
    /// <param name="maxHeuristicTtl">The zone's MaxHeuristicTtl in seconds, or <see cref="None"/> for the default.</param>
    /// <param name="outcome">"ttl=N" when stored for N seconds; otherwise the not-stored reason.</param>
    /// <param name="hitAfter">Seconds to advance before a request that must hit, or <see cref="None"/>.</param>
    /// <param name="staleAfter">Further seconds to advance before a request that must be a stale miss, or <see cref="None"/>.</param>
    [Theory]
    // s-maxage overrides max-age in a shared cache, whether shorter or longer (§5.2.2.10).
    [InlineData("max-age=10, s-maxage=100", null, None, None, "ttl=100", 99, 2)]
    [InlineData("max-age=100, s-maxage=10", null, None, None, "ttl=10", None, 11)]
    // Expires without max-age gives Expires minus Date (§4.2.1).
    [InlineData(null, "+120", None, None, "ttl=120", 119, 2)]
    // max-age overrides Expires.
    [InlineData("max-age=60", "+3600", None, None, "ttl=60", None, 61)]
    // §5.3: an invalid Expires, especially "0", is a time in the past. It is explicit freshness, so the
    // Last-Modified heuristic does not apply either.
    [InlineData(null, "0", 864000, None, "no-freshness", None, None)]
    [InlineData(null, "-1", 864000, None, "no-freshness", None, None)]
    [InlineData(null, "not a date", 864000, None, "no-freshness", None, None)]
    [InlineData(null, "Sun, 06 Nov 1994 08:49:37 GMT", 864000, None, "no-freshness", None, None)] // valid, but in the past
    // §4.2.1: invalid freshness information means "consider the response stale"; the heuristic does not rescue it.
    [InlineData("max-age=1.5", null, 864000, None, "invalid-freshness", None, None)]
    [InlineData("max-age=-1", null, 864000, None, "invalid-freshness", None, None)]
    [InlineData("max-age=", null, 864000, None, "invalid-freshness", None, None)]
    [InlineData("max-age=ten", null, 864000, None, "invalid-freshness", None, None)]
    [InlineData("max-age=10, max-age=20", null, 864000, None, "invalid-freshness", None, None)] // conflicting duplicates: the more restrictive reading is "invalid"
    [InlineData("s-maxage=1.5, max-age=60", null, 864000, None, "invalid-freshness", None, None)]
    // §1.2.2: a delta-seconds value above 2^31 is taken as 2147483648 (still fresh ten years later).
    [InlineData("max-age=99999999999", null, None, None, "ttl=2147483648", 315360000, None)]
    // An identical duplicate max-age is harmless.
    [InlineData("max-age=60, max-age=60", null, None, None, "ttl=60", 0, None)]
    // §4.2.2: a 200 without explicit freshness may be fresh for a fraction of its age; Lacquer uses 10%,
    // capped by the zone's MaxHeuristicTtl.
    [InlineData(null, null, 1000, None, "ttl=100", 99, 2)]
    [InlineData(null, null, 31536000, 300, "ttl=300", None, 301)]
    // Without any freshness information or Last-Modified there is nothing to store.
    [InlineData(null, null, None, None, "no-freshness", None, None)]
    public async Task Freshness_Lifetime_Follows_The_Origin_Headers(
        string? cacheControl, string? expires, int lastModifiedAgo, int maxHeuristicTtl, string outcome, int hitAfter, int staleAfter)
    {
        await using var c = maxHeuristicTtl == None
            ? await Conversation.StartAsync()
            : await Conversation.StartAsync(s => s with { Zones = [s.Zones[0] with { MaxHeuristicTtl = TimeSpan.FromSeconds(maxHeuristicTtl) }] });
        var now = c.Clock.GetUtcNow();
        var headers = new List<string>();
        if (cacheControl is not null)
        {
            headers.Add($"Cache-Control: {cacheControl}");
        }
        var expiresValue = expires is null ? null
            : expires.StartsWith('+') ? Http(now.AddSeconds(int.Parse(expires, CultureInfo.InvariantCulture))) : expires;
        if (expiresValue is not null)
        {
            headers.Add($"Expires: {expiresValue}");
        }
        var lastModified = lastModifiedAgo == None ? null : Http(now.AddSeconds(-lastModifiedAgo));
        if (lastModified is not null)
        {
            headers.Add($"Last-Modified: {lastModified}");
        }

        var stored = outcome.StartsWith("ttl=", StringComparison.Ordinal);
        c.Origin.OnGet("/a").Times(stored ? 1 : 2).Reply(200, "a1", [.. headers]);
        if (staleAfter != None)
        {
            c.Origin.OnGet("/a").Handle(async context =>
            {
                // The stale copy is revalidated with its validator, if it had one; a new body replaces it.
                Assert.Equal(lastModified ?? "", context.Request.Headers.IfModifiedSince.ToString());
                context.Response.Headers.CacheControl = "max-age=60";
                await context.Response.WriteAsync("a2");
            });
        }

        var first = (await c.Client.Get("/a")).ExpectStatus(200).ExpectMiss().ExpectBody("a1");
        if (!stored)
        {
            first.ExpectNotStored(outcome);
            (await c.Client.Get("/a")).ExpectMiss().ExpectNotStored(outcome);
        }
        else
        {
            first.ExpectHeader("Cache-Status", $"Lacquer; fwd=miss; stored; {outcome}");
            if (hitAfter != None)
            {
                c.Clock.Advance(TimeSpan.FromSeconds(hitAfter));
                var hit = (await c.Client.Get("/a")).ExpectHit().ExpectBody("a1")
                    .ExpectHeader("Age", hitAfter.ToString(CultureInfo.InvariantCulture));
                if (expiresValue is not null)
                {
                    hit.ExpectHeader("Expires", expiresValue);
                }
            }
            if (staleAfter != None)
            {
                c.Clock.Advance(TimeSpan.FromSeconds(staleAfter));
                (await c.Client.Get("/a")).ExpectMiss("stale").ExpectBody("a2");
            }
        }
        c.Origin.ExpectAllConsumed();
    }

    private static string Http(DateTimeOffset time) => time.ToString("R", CultureInfo.InvariantCulture);
}
