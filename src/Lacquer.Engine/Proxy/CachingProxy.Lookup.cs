// Looking a request up (RFC 9111 §4) and serving what it found. LookUp only decides: it reads the store and
// the clock and answers with a StoreLookup, writing nothing to the client and counting nothing. ServeFoundAsync
// acts on a lookup that serves: it counts the hit, starts a stale-while-revalidate refresh when asked, and
// writes the stored response (CachingProxy.Hit.cs). The pipeline looks up in three places — the request's own
// lookup, a second-round leader's look before it fetches, and a waiter's look after its fill stored — and
// all three go through this pair, so a hit is decided and served the same way wherever it happens.
using System.Diagnostics;
using Lacquer.Caching.Keys;
using Lacquer.Caching.Semantics;
using Lacquer.Caching.Store;
using Lacquer.Zones;
using Microsoft.AspNetCore.Http;

namespace Lacquer.Proxy;

internal sealed partial class CachingProxy
{
    /// <summary>A request without directives, for re-lookups after a fill.</summary>
    private static readonly RequestFacts AnyRequest = RequestFacts.Parse(HttpMethods.Get, null, null, hasAuthorization: false);

    /// <summary>
    /// Decides whether a stored response may be reused for this request, and if not, why not. <paramref name="request"/>
    /// is null for a look after a fill stored the response: that response is as fresh as the origin can make it,
    /// whatever the request's directives. A store fault is logged and counts as a miss (the cache degrades to the origin).
    /// </summary>
    private StoreLookup LookUp(HttpContext context, Zone zone, RequestKey key, RequestFacts? request)
    {
        CacheLookup lookup;
        try
        {
            lookup = Store.Lookup(key.Chars, new RequestHeaderFields(context.Request.Headers));
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            ProxyLog.StoreFault(_logger, key.ToString(), exception);
            return StoreLookup.Miss(ForwardReason.Miss);
        }

        var entry = lookup.Entry;
        if (entry is null)
        {
            return StoreLookup.Miss(lookup.KeyHasVariants ? ForwardReason.VaryMiss : ForwardReason.Miss);
        }

        var now = _time.GetUtcNow();
        var reuseRequest = request is null || (request.NoCache && !zone.HonorClientNoCache) ? AnyRequest : request;
        var policy = entry.StalePolicy;
        var decision = Reuse.Decide(entry.FreshnessLifetime, entry.CurrentAge(now), policy.MustRevalidate, entry.IsSoftPurged, policy.StaleWhileRevalidate, reuseRequest);
        var reason = decision == ReuseDecision.Stale ? ForwardReason.Stale : ForwardReason.Request;
        return new StoreLookup(entry, decision, reason, now);
    }

    /// <summary>
    /// Serves a lookup that <see cref="StoreLookup.Serves"/>. Not async: it hands back the serving task itself, so
    /// a hit that completes synchronously costs no state machine here.
    /// </summary>
    private Task ServeFoundAsync(HttpContext context, Zone zone, SiteAddress site, RequestKey key, StoreLookup found)
    {
        Debug.Assert(found.Serves, "Only a lookup that serves is served.");
        var entry = found.Entry!;
        switch (found.Decision)
        {
            case ReuseDecision.Fresh:
                zone.Counters.Hit();
                return ServeHitAsync(context, zone, entry, found.Now, CacheStatus.Hit);
            case ReuseDecision.StaleWhileRevalidate:
                zone.Counters.StaleHit();
                StartBackgroundRevalidation(context, zone, site, key.ToString(), entry);
                return ServeHitAsync(context, zone, entry, found.Now, CacheStatus.StaleWhileRevalidate);
            default:
                zone.Counters.StaleHit();
                return ServeHitAsync(context, zone, entry, found.Now, CacheStatus.StaleHit);
        }
    }
}
