using Lacquer.Caching.Semantics;
using Lacquer.Caching.Store;
using Lacquer.Zones;

namespace Lacquer.Proxy;

/// <summary>How one request goes to the origin: what it asks for, why, and what it may do with the answer.</summary>
/// <param name="Site">The URL the client sees: the key's scheme and host, which the origin is sent as well.</param>
/// <param name="Key">The primary key, or null for a request the cache does not answer (unsafe methods).</param>
/// <param name="OriginMethod">The client's method, except that a HEAD miss is filled with GET.</param>
/// <param name="Request">The request's caching facts, or null when the response is never stored.</param>
/// <param name="Stale">The stored response to revalidate, when there is one with validators.</param>
internal sealed record ForwardPlan(
    SiteAddress Site,
    string? Key,
    string OriginMethod,
    ForwardReason Reason,
    RequestFacts? Request,
    CacheEntry? Stale = null)
{
    public bool MayStore => Key is not null && Request is not null;
}
