// Filling the cache with a storable response (docs/request-path.md, "Filling"). The fill reads the origin's
// body into a GrowingBody at the origin's pace, on a task of its own that owns the origin response and the
// fill ticket, and stores the body when it is complete. The leader's client is served from that memory at its
// own pace: a client that reads slowly, or leaves, never holds up or cancels the fill, so nobody can keep a
// URL uncached by being first. The fill's life is bounded by the origin timeout (between reads), not by any
// client. As it ends it settles what the waiters are to be told (BodyFill.Settled); the leader completed the
// coalesced fill with that (CachingProxy.LeadAsync), so the waiters are released at that moment. Steps of FillAsync:
//   1. read the origin into the body's free space, publishing each piece to the readers;
//   2. past the object-size limit, stop: the body is Overflowed, the waiters are released to fetch on their
//      own, and the leader's client gets the rest straight from the origin (pass-through, not stored);
//   3. at the end, store the body, then publish its last piece with the end state, so a client holds a
//      complete response only once the store has answered;
//   4. an origin that breaks off or stalls fails the fill: nothing is stored, and a client reading the body
//      has its connection aborted, never a truncated body that looks complete.
using Lacquer.Caching.Coalescing;
using Lacquer.Caching.Store;
using Lacquer.Forwarding;
using Lacquer.Zones;
using Microsoft.AspNetCore.Http;

namespace Lacquer.Proxy;

internal sealed partial class CachingProxy
{
    /// <summary>
    /// Hands the body to a fill of its own and starts it. It runs on the caller's thread until it first waits
    /// for the origin, so a body that has already arrived is stored before this returns.
    /// </summary>
    private BodyFill StartFill(OriginResponse origin, long? contentLength, PendingEntry pending, FillTicket ticket, string url)
    {
        var filling = new BodyFill(new GrowingBody(contentLength, MaxObjectBytes, origin), origin, contentLength);
        filling.Done = FillAsync(filling, pending, ticket, url);
        Track(filling.Done);
        return filling;
    }

    private async Task FillAsync(BodyFill filling, PendingEntry pending, FillTicket ticket, string url)
    {
        var body = filling.Body;
        var origin = filling.Origin;
        var end = GrowingBodyEnd.Failed;
        try
        {
            var source = filling.Source = await origin.Message!.Content.ReadAsStreamAsync(origin.BodyToken);
            var remaining = filling.ContentLength;

            // 1. Read at the origin's pace.
            while (remaining != 0)
            {
                var space = body.Space(remaining is long left and > 0 ? (int)Math.Min(left, CopyBufferSize) : CopyBufferSize);
                if (space.IsEmpty)
                {
                    end = GrowingBodyEnd.Overflowed;
                    return;
                }

                var read = await source.ReadAsync(space, origin.BodyToken);
                if (read == 0)
                {
                    break;
                }

                remaining -= read;
                origin.Progressed(pending.Zone.OriginTimeout);

                // 2. Too large to keep.
                if (!body.Advance(read))
                {
                    end = GrowingBodyEnd.Overflowed;
                    return;
                }

                if (remaining != 0)
                {
                    body.Publish();
                }
            }

            // 3. Complete: store it.
            filling.Inserted = TryInsert(pending.WithBody(body.ToArray(), Store.ZoneCache(pending.Zone.Id)), ticket, pending.Zone.MaxVariants, url);
            end = GrowingBodyEnd.Complete;
        }
        catch (Exception exception) when (exception is IOException or HttpRequestException or OperationCanceledException or ObjectDisposedException)
        {
            // 4. Broken off.
            ProxyLog.OriginBodyBroken(_logger, url, exception);
        }
        finally
        {
            Store.EndFill(ticket);
            body.Finish(end);
            filling.Settle(filling.Inserted == InsertResult.Stored ? FillOutcome.Stored : end == GrowingBodyEnd.Failed ? FillOutcome.Failed : FillOutcome.NotStorable);
            NotStoredRecord.AfterFill(Metrics, _logger, pending.Zone, filling.Inserted, end, url);
            body.Release();
        }
    }

    /// <summary>
    /// Sends the body of a fill to the client as it grows, at the client's pace; after an overflow, the rest
    /// straight from the origin. A client that leaves just stops reading: the fill goes on.
    /// </summary>
    private async Task SendFromFillAsync(HttpContext context, Zone zone, BodyFill filling, string url)
    {
        var body = filling.Body;
        try
        {
            var position = 0;
            while (true)
            {
                var view = body.Read(position);
                if (!view.Arrived.IsEmpty)
                {
                    if (!await ResponseBody.TryWriteAsync(context.Response, view.Arrived, context.RequestAborted))
                    {
                        ProxyLog.ClientLeft(_logger, url);
                        return;
                    }

                    position += view.Arrived.Length;
                    ForwardedExchange.AddBodyBytes(context, view.Arrived.Length);
                }

                switch (view.End)
                {
                    case GrowingBodyEnd.Complete:
                        return;
                    case GrowingBodyEnd.Failed:
                        context.Abort();
                        return;
                    case GrowingBodyEnd.Overflowed:
                        await CopyBodyAsync(context, zone, filling.Origin, filling.Source!, remaining: null, url);
                        return;
                    default:
                        await view.Progress;
                        break;
                }
            }
        }
        finally
        {
            body.Release();
        }
    }

    /// <summary>Cache-Status for a fill that ended before its head went out: what the store actually did.</summary>
    private static string FillStatus(ForwardReason reason, PendingEntry pending, BodyFill filling) => filling.Inserted switch
    {
        InsertResult.Stored or InsertResult.StoredStale => CacheStatus.Stored(reason, pending.Ttl),
        InsertResult.TooLarge => CacheStatus.NotStored(reason, Caching.Semantics.NotStoredReason.ObjectTooLarge),
        InsertResult.Purged => CacheStatus.Failed(reason, "purged"),
        _ when filling.Body.End == GrowingBodyEnd.Overflowed => CacheStatus.NotStored(reason, Caching.Semantics.NotStoredReason.ObjectTooLarge),
        _ when filling.Body.End == GrowingBodyEnd.Complete => CacheStatus.Failed(reason, "store-fault"),
        _ => CacheStatus.Failed(reason, "origin-body-broken"),
    };
}
