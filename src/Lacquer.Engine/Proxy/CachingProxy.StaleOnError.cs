// Serving stale when the origin fails (RFC 5861 §4, RFC 9111 §4.2.4, §4.3.3): an unreachable origin, a timeout,
// an invalid response or a 500/502/503/504 answer to a revalidation or refetch is replaced by the stored copy
// when the response allowed it (stale-if-error=N), or — when the response said nothing — within the zone's
// serveStaleOnError (default one day; the operator's configuration is the out-of-band permission §4.2.4 asks
// for). Never for must-revalidate, proxy-revalidate, s-maxage or no-cache responses. The failure is not stored, so a 5xx
// never replaces a stored response that could still be served stale. Waiters are released to try for
// themselves: an origin error is never shared.
using Lacquer.Caching.Coalescing;
using Lacquer.Caching.Semantics;
using Lacquer.Zones;
using Microsoft.AspNetCore.Http;

namespace Lacquer.Proxy;

internal sealed partial class CachingProxy
{
    private async Task<bool> TryServeStaleOnErrorAsync(HttpContext context, Zone zone, ForwardPlan plan, int failedStatus, string url)
    {
        var stale = plan.Stale;
        if (stale is null || stale.Removed || stale.IsHidden)
        {
            return false;
        }

        var now = _time.GetUtcNow();
        var policy = stale.StalePolicy;
        if (!Reuse.MayServeStaleOnError(stale.FreshnessLifetime, stale.CurrentAge(now), policy.MustRevalidate, policy.StaleIfError, zone.ServeStaleOnError))
        {
            return false;
        }

        plan.Fill?.Complete(FillOutcome.Failed);
        ProxyLog.ServedStaleOnError(_logger, failedStatus, url);
        zone.Counters.StaleHit();
        context.Response.Clear();
        await ServeEntryAsync(context, stale, now, CacheStatus.StaleIfError);
        return true;
    }
}
