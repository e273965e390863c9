// What a fill knows of the entry it will store once the body is complete: everything but the body, taken
// from the origin's head and the leader's request while that request is still alive (its Vary values).
using Lacquer.Caching.Semantics;
using Lacquer.Caching.Store;
using Lacquer.Zones;

namespace Lacquer.Proxy;

internal sealed record PendingEntry(
    string Key,
    Zone Zone,
    OriginHead Head,
    string?[] VaryValues,
    StorageDecision Decision,
    DateTimeOffset ResponseTime,
    TimeSpan CorrectedInitialAge)
{
    /// <summary>The seconds of freshness left, as Cache-Status's ttl states them.</summary>
    public TimeSpan Ttl => Decision.FreshnessLifetime - CorrectedInitialAge;

    public CacheEntry WithBody(byte[] body) => new()
    {
        PrimaryKey = Key,
        Zone = Zone,
        VaryNames = Head.Facts.Vary.Names,
        VaryValues = VaryValues,
        Status = Head.Status,
        Headers = Head.StoredFields(),
        Body = body,
        Tags = Head.Tags,
        ResponseTime = ResponseTime,
        CorrectedInitialAge = CorrectedInitialAge,
        FreshnessLifetime = Decision.FreshnessLifetime,
        StalePolicy = StalePolicy.Of(Head.Facts.CacheControl),
        TargetedCacheControl = Head.TargetedCacheControl,
    };
}
