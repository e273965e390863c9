// Owns: the record of an origin response that is not stored — one count in lacquer.cache.not_stored and one
// Debug log event (EventIds.NotStored), both with the reason's detail token, the zone and the URL (never a
// header value, so no credential or cookie reaches the log). A response is recorded once, where its fate is
// decided: at the head (Storability, or a Content-Length over the object limit), when the fill of a storable
// one ends without storing it (the body outgrew the limit, the origin broke off, a purge or the store refused
// it), or when a 304 revalidation leaves nothing storable. Stored responses, and so hits, never come here.
using Lacquer.Caching.Semantics;
using Lacquer.Caching.Store;
using Lacquer.Diagnostics;
using Lacquer.Zones;
using Microsoft.Extensions.Logging;

namespace Lacquer.Proxy;

internal static partial class NotStoredRecord
{
    public static void Record(LacquerMetrics metrics, ILogger logger, Zone zone, NotStoredReason reason, string url)
    {
        metrics.Caching.NotStored(zone.Name, reason);
        var token = NotStoredReasons.Detail(reason);
        NotStored(logger, token, zone.Name, url);
    }

    /// <summary>Records a fill that ended without storing its body; a stored one is not recorded.</summary>
    /// <param name="result">What the store answered, or null when the body was never offered or the store faulted.</param>
    public static void AfterFill(LacquerMetrics metrics, ILogger logger, Zone zone, InsertResult? result, GrowingBodyEnd end, string url)
    {
        if (FillReason(result, end) is { } reason)
        {
            Record(metrics, logger, zone, reason, url);
        }
    }

    /// <summary>Why a fill stored nothing, or null when it stored its body (a soft purge's stale copy included).</summary>
    internal static NotStoredReason? FillReason(InsertResult? result, GrowingBodyEnd end) => (end, result) switch
    {
        (GrowingBodyEnd.Complete, InsertResult.Stored or InsertResult.StoredStale) => null,
        (GrowingBodyEnd.Complete, InsertResult.TooLarge) => NotStoredReason.ObjectTooLarge,
        (GrowingBodyEnd.Complete, InsertResult.Purged) => NotStoredReason.PurgedDuringFill,
        (GrowingBodyEnd.Complete, null) => NotStoredReason.StoreFault,
        (GrowingBodyEnd.Overflowed, _) => NotStoredReason.ObjectTooLarge,
        _ => NotStoredReason.OriginBodyBroken,
    };

    [LoggerMessage(EventId = EventIds.NotStored, Level = LogLevel.Debug, Message = "Not stored ({Reason}): {Zone} {Url}")]
    private static partial void NotStored(ILogger logger, string reason, string zone, string url);
}
