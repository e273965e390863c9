// A 304 answer to a revalidation (RFC 9111 §4.3.3, §4.3.4): the stored response is freshened — its header
// fields updated from the 304 (StoredHeaderUpdate), its age and freshness recomputed from the merged fields —
// and stored again under a new generation, so that the fence check applies as to any fill: a purge that ran
// during the revalidation refuses (hard) or re-marks (soft) the refreshed copy. The client gets the stored
// body with the updated fields; Cache-Status says fwd=stale with fwd-status=304.
using Lacquer.Caching.Coalescing;
using Lacquer.Caching.Semantics;
using Lacquer.Caching.Store;
using Lacquer.Zones;
using Microsoft.AspNetCore.Http;

namespace Lacquer.Proxy;

internal sealed partial class CachingProxy
{
    private async Task ServeRevalidatedAsync(
        HttpContext context,
        Zone zone,
        ForwardPlan plan,
        FillTicket? ticket,
        OriginHead head,
        DateTimeOffset requestTime,
        DateTimeOffset responseTime,
        string url)
    {
        var stale = plan.Stale!;
        var pending = PendingEntry.Refreshing(stale, zone, head, plan.Request!, requestTime, responseTime);
        var decision = pending.Decision;
        var refreshed = pending.WithBody(stale.Body);

        string cacheStatus;
        if (decision.Storable && TryStore(refreshed, ticket, url))
        {
            plan.Fill?.Complete(FillOutcome.Stored);
            cacheStatus = CacheStatus.Revalidated(plan.Reason, pending.Ttl);
        }
        else
        {
            // The origin now forbids storing it (or a purge overtook us): the old copy must not be used again.
            Store.Remove(stale);
            plan.Fill?.Complete(FillOutcome.NotStorable);
            cacheStatus = CacheStatus.RevalidatedNotStored(plan.Reason, decision.Storable ? NotStoredReason.None : decision.Reason);
        }

        await ServeEntryAsync(context, refreshed, responseTime, cacheStatus);
    }
}
