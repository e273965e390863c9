// A 304 answer to a revalidation (RFC 9111 §4.3.3, §4.3.4): the stored response is freshened — its header
// fields updated from the 304, its age and freshness recomputed from the merged fields (PendingEntry.Refreshing)
// — and stored again under a new generation, so that the fence check applies as to any fill: a purge that ran
// during the revalidation refuses (hard) or re-marks (soft) the refreshed copy. The client gets the stored
// body with the updated fields; Cache-Status says fwd=stale with fwd-status=304.
using Lacquer.Caching.Semantics;
using Lacquer.Caching.Store;
using Lacquer.Forwarding;
using Lacquer.Zones;

namespace Lacquer.Proxy;

internal sealed partial class CachingProxy
{
    /// <summary>Step 5 of the forward: stores the freshened copy and says what the client is to be served.</summary>
    private OriginExchange Refresh(Zone zone, ForwardPlan plan, OriginResponse origin, FillTicket? ticket, OriginHead head, DateTimeOffset requestTime, DateTimeOffset responseTime, string url)
    {
        var stale = plan.Stale!;
        var pending = PendingEntry.Refreshing(stale, zone, head, plan.Request!, requestTime, responseTime);
        var decision = pending.Decision;
        var refreshed = pending.WithBody(stale.Body, stale.ZoneCache);
        if (decision.Storable && TryStore(refreshed, ticket, zone.MaxVariants, url))
        {
            return new OriginExchange(ForwardOutcome.Refreshed, origin, url)
            {
                Entry = refreshed,
                EntryTime = responseTime,
                CacheStatus = CacheStatus.Revalidated(plan.Reason, pending.Ttl),
            };
        }

        // The origin now forbids storing it (or a purge overtook us): the old copy must not be used again.
        Store.Remove(stale);
        NotStoredRecord.Record(Metrics, _logger, zone, decision.Storable ? NotStoredReason.PurgedDuringFill : decision.Reason, url);
        return new OriginExchange(ForwardOutcome.RefreshedNotStored, origin, url)
        {
            Entry = refreshed,
            EntryTime = responseTime,
            CacheStatus = CacheStatus.RevalidatedNotStored(plan.Reason, decision.Storable ? NotStoredReason.None : decision.Reason),
        };
    }
}
