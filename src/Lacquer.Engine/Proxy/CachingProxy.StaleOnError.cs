// Serving stale when the origin fails (RFC 5861 §4, RFC 9111 §4.2.4, §4.3.3): an unreachable origin, a timeout,
// an invalid response or a 500/502/503/504 answer to a revalidation or refetch is replaced by the stored copy
// when the response allowed it (stale-if-error=N), or — when the response said nothing — within the zone's
// serveStaleOnError (default one day; the operator's configuration is the out-of-band permission §4.2.4 asks
// for). Never for must-revalidate, proxy-revalidate, s-maxage or no-cache responses. The failure is not stored, so a 5xx
// never replaces a stored response that could still be served stale. Waiters are released to try for
// themselves (ForwardOutcome.StaleOnError tells them Failed): an origin error is never shared.
using Lacquer.Caching.Semantics;
using Lacquer.Forwarding;
using Lacquer.Zones;

namespace Lacquer.Proxy;

internal sealed partial class CachingProxy
{
    /// <summary>The stored copy standing in for a failed origin (<paramref name="failedStatus"/>), or null when it may not.</summary>
    private OriginExchange? StaleInsteadOf(Zone zone, ForwardPlan plan, OriginResponse origin, int failedStatus, string url)
    {
        var stale = plan.Stale;
        if (stale is null || stale.Removed || stale.IsHidden)
        {
            return null;
        }

        var now = _time.GetUtcNow();
        var policy = stale.StalePolicy;
        if (!Reuse.MayServeStaleOnError(stale.FreshnessLifetime, stale.CurrentAge(now), policy.MustRevalidate, policy.StaleIfError, zone.ServeStaleOnError))
        {
            return null;
        }

        return new OriginExchange(ForwardOutcome.StaleOnError, origin, url) { Entry = stale, EntryTime = now, FailedStatus = failedStatus };
    }
}
