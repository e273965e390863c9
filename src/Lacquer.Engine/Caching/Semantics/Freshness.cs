// Owns: the freshness lifetime of a response as seen by a shared cache (RFC 9111 §4.2.1, §4.2.2).
// Explicit freshness, first match wins: s-maxage, max-age, Expires - Date. The heuristic runs only
// without explicit freshness. Choices: an unparsable Expires (including "0") is an explicit expiry
// in the past (§5.3), so (Zero, Expires), not Invalid; Last-Modified is "usable" for the heuristic
// only when strictly earlier than Date (otherwise there is no interval to take 10% of).
namespace Lacquer.Caching.Semantics;

internal static class Freshness
{
    /// <param name="responseTime">When the response was received; stands in for a missing Date (§4.2.3).</param>
    public static (TimeSpan Lifetime, FreshnessSource Source) Lifetime(
        ResponseFacts response,
        CachePolicy policy,
        DateTimeOffset responseTime)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(policy);
        var cacheControl = response.CacheControl;

        // §4.2.1: "If the cache is shared and the s-maxage response directive is present, use its value".
        if (cacheControl.SMaxAge.IsPresent)
        {
            return Explicit(cacheControl.SMaxAge, FreshnessSource.SMaxAge);
        }

        // §4.2.1: "or use the value of the max-age response directive" (§5.3: Expires is then ignored).
        if (cacheControl.MaxAge.IsPresent)
        {
            return Explicit(cacheControl.MaxAge, FreshnessSource.MaxAge);
        }

        var date = response.Date ?? responseTime;

        // §4.2.1: "the Expires header field value minus the value of the Date header field";
        // §5.3: an invalid Expires, especially "0", is a time in the past.
        if (response.HasExpires)
        {
            var lifetime = response.Expires is { } expires ? expires - date : TimeSpan.Zero;
            return (NotNegative(lifetime), FreshnessSource.Expires);
        }

        return Heuristic(response, policy, date);
    }

    /// <summary>RFC 9110 §15.1: status codes that may use heuristic freshness.</summary>
    public static bool IsHeuristicallyCacheable(int status) => StatusSemantics.IsHeuristicallyCacheable(status);

    // §4.2.1: invalid freshness information means "consider the response stale".
    private static (TimeSpan, FreshnessSource) Explicit(DeltaSeconds value, FreshnessSource source) =>
        value.IsValid ? (value.ToTimeSpan(), source) : (TimeSpan.Zero, FreshnessSource.Invalid);

    // §4.2.2: only for a heuristically cacheable status or a response marked public (§3, §5.2.2.9);
    // "10% of the interval since [Last-Modified]", capped; else the zone's default TTL, if any.
    private static (TimeSpan, FreshnessSource) Heuristic(ResponseFacts response, CachePolicy policy, DateTimeOffset date)
    {
        if (!IsHeuristicallyCacheable(response.Status) && !response.CacheControl.Public)
        {
            return (TimeSpan.Zero, FreshnessSource.None);
        }

        if (response.LastModified is { } lastModified && lastModified < date)
        {
            var tenPercent = (date - lastModified) / 10;
            var cap = NotNegative(policy.MaxHeuristicTtl);
            return (tenPercent < cap ? tenPercent : cap, FreshnessSource.Heuristic);
        }

        return policy.DefaultTtl > TimeSpan.Zero
            ? (policy.DefaultTtl, FreshnessSource.DefaultTtl)
            : (TimeSpan.Zero, FreshnessSource.None);
    }

    private static TimeSpan NotNegative(TimeSpan value) => value < TimeSpan.Zero ? TimeSpan.Zero : value;
}
