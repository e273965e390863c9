// Going to the origin. Steps of ForwardAsync:
//   1. send the request; an origin error answers 502/504 and is never shared with waiters;
//   2. read the head and decide storability (RFC 9111 §3, via the Semantics module);
//   3. a response that will not be stored releases the waiters at once;
//   4. a storable response's body is read into memory by the fill's own task, at the origin's pace, and
//      stored when complete (CachingProxy.Fill.cs);
//   5. send the head to the client with Cache-Status;
//   6. send the body: a storable one from the fill's memory at the client's pace (a client that leaves or
//      reads slowly never holds up the fill), any other straight from the origin; an origin that breaks off
//      makes us abort the client connection, so a truncated response never looks complete.
// A stale entry with validators is revalidated instead (CachingProxy.Revalidation.cs): the request carries
// If-None-Match / If-Modified-Since, and a 304 refreshes the stored entry rather than replacing it.
using System.IO.Pipelines;
using Lacquer.Caching.Coalescing;
using Lacquer.Caching.Keys;
using Lacquer.Caching.Semantics;
using Lacquer.Caching.Store;
using Lacquer.Forwarding;
using Lacquer.Zones;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http;

namespace Lacquer.Proxy;

internal sealed partial class CachingProxy
{
    private const int CopyBufferSize = ResponseBody.ChunkBytes;

    private async Task ForwardAsync(HttpContext context, Zone zone, ForwardPlan plan)
    {
        // 1. Send, holding a fill ticket so that a purge meanwhile is seen at insert (invariant 1). A fill that
        //    reads its body on its own takes the ticket with it and ends it after the insert.
        var url = plan.Key ?? CacheKeys.PathAndQuery(context);
        var ticket = plan.MayStore ? Store.BeginFill() : null;
        BodyFill? filling = null;
        try
        {
            filling = await FetchAsync(context, zone, plan, ticket, url);
        }
        finally
        {
            if (ticket is not null && filling is null)
            {
                Store.EndFill(ticket);
            }
        }

        // 6. The body of a storable response, from the fill's memory.
        if (filling is not null)
        {
            await SendFromFillAsync(context, zone, filling, url);
        }
    }

    /// <summary>Steps 1-5, and step 6 for a body that is not stored; returns the fill whose body the client is still to get.</summary>
    private async Task<BodyFill?> FetchAsync(HttpContext context, Zone zone, ForwardPlan plan, FillTicket? ticket, string url)
    {
        var fill = plan.Fill;
        var validators = plan.Stale is not null ? Revalidation.ValidatorsFor(plan.Stale, context.Request.Headers) : null;
        var requestTime = _time.GetUtcNow();
        using var origin = await _origin.SendAsync(context, zone, plan.Site, plan.OriginMethod, validators, context.RequestAborted);
        Metrics.Forwarding.Fetched(context, zone, origin.Error, _time.GetUtcNow() - requestTime);
        if (origin.Error != OriginError.None)
        {
            if (origin.Error != OriginError.ClientAborted
                && await TryServeStaleOnErrorAsync(context, zone, plan, origin.Error == OriginError.Timeout ? 504 : 502, url))
            {
                return null;
            }

            fill?.Complete(FillOutcome.Failed);
            await WriteOriginErrorAsync(context, zone, origin.Error, plan.Reason, url);
            return null;
        }

        var message = origin.Message!;
        var responseTime = _time.GetUtcNow();

        // 2. Head and decision.
        var head = OriginHead.Read(message, zone, _logger, url);
        if (plan.Reason == ForwardReason.Method)
        {
            InvalidateAfterUnsafeMethod(context, zone, plan.Site, head);
        }

        if (StatusSemantics.IsServerError(head.Status) && await TryServeStaleOnErrorAsync(context, zone, plan, head.Status, url))
        {
            return null;
        }

        if (validators is not null && head.Status == StatusCodes.Status304NotModified)
        {
            await ServeRevalidatedAsync(context, zone, plan, ticket, head, requestTime, responseTime, url);
            return null;
        }

        var decision = ticket is not null
            ? Decide(plan.Request!, zone, head, responseTime)
            : new StorageDecision(NotStoredReason.MethodNotCacheable, TimeSpan.Zero, FreshnessSource.None);
        var correctedInitialAge = AgeCalculation.CorrectedInitialAge(head.Facts, requestTime, responseTime);

        // 3. Release the waiters of a response that will not be stored.
        if (!decision.Storable)
        {
            Metrics.Caching.NotStored(zone, decision.Reason);
            fill?.Complete(FillOutcome.NotStorable);
        }

        // 4. A storable body is read by the fill's own task, which now owns the origin response and the ticket.
        //    It runs here until it first waits for the origin, so a body that has already arrived is stored
        //    before the head goes out, and the head can say how that went.
        BodyFill? filling = null;
        var cacheStatus = plan.Reason == ForwardReason.Method
            ? CacheStatus.Method
            : decision.Storable
                ? CacheStatus.Stored(plan.Reason, decision.FreshnessLifetime - correctedInitialAge)
                : CacheStatus.NotStored(plan.Reason, decision.Reason);
        if (decision.Storable)
        {
            var pending = PendingEntry.FromOrigin(plan.Key!, zone, head, VaryValues.Capture(head.Facts.Vary.Names, context.Request.Headers), decision, responseTime, correctedInitialAge);
            filling = StartFill(origin.Detach(), head.ContentLength, pending, fill, ticket!, url);
            cacheStatus = filling.Outcome.IsCompletedSuccessfully ? FillStatus(plan.Reason, pending, filling) : cacheStatus;
        }

        // 5. Head to the client.
        var response = context.Response;
        response.StatusCode = head.Status;
        foreach (var (name, value) in head.Fields)
        {
            response.Headers[name] = value;
        }

        AddOwnFields(response.Headers, cacheStatus);
        var writeBody = !HttpMethods.IsHead(context.Request.Method) && !Bodyless(head.Status);
        if (filling is not null)
        {
            if (writeBody)
            {
                return filling;
            }

            filling.Body.Release();
            return null;
        }

        // 6. A body that is not stored, straight from the origin.
        if (writeBody)
        {
            await CopyBodyAsync(context, zone, origin, source: null, head.ContentLength, url);
        }

        return null;
    }

    private StorageDecision Decide(RequestFacts request, Zone zone, OriginHead head, DateTimeOffset responseTime)
    {
        var decision = Storability.Decide(request, head.Facts, zone.Policy, responseTime);
        if (decision.Storable && head.ContentLength > MaxObjectBytes)
        {
            return decision with { Reason = NotStoredReason.ObjectTooLarge };
        }

        return decision;
    }

    private bool TryStore(CacheEntry entry, FillTicket? ticket, string url) => TryInsert(entry, ticket, url) == InsertResult.Stored;

    /// <summary>Offers <paramref name="entry"/> to the store; null when the store faulted.</summary>
    private InsertResult? TryInsert(CacheEntry entry, FillTicket? ticket, string url)
    {
        try
        {
            return Store.Insert(entry, ticket);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Invariant 7: a store fault costs a cache entry, never the response (already sent).
            ProxyLog.StoreFault(_logger, url, exception);
            return null;
        }
    }

    /// <summary>
    /// Streams the origin's body to the client, which sets the pace; an origin that breaks off gets the client
    /// connection aborted. The origin is read straight into memory of the client's response pipe
    /// (ResponseBody.cs explains why a large size hint matters), so a chunk is never copied again into Kestrel's
    /// 4 KiB blocks. Used for bodies that are not stored, and for the rest of one that outgrew the object-size
    /// limit while its fill was reading it.
    /// </summary>
    /// <param name="source">The origin's body stream when a fill has started reading it; null to open it here.</param>
    private async Task CopyBodyAsync(HttpContext context, Zone zone, OriginResponse origin, Stream? source, long? remaining, string url)
    {
        var writer = context.Response.BodyWriter;
        try
        {
            source ??= await origin.Message!.Content.ReadAsStreamAsync(origin.BodyToken);
            while (remaining != 0)
            {
                var chunk = remaining is long left and > 0 ? (int)Math.Min(left, CopyBufferSize) : CopyBufferSize;
                var target = writer.GetMemory(chunk);
                target = target[..Math.Min(chunk, target.Length)];
                var read = await source.ReadAsync(target, origin.BodyToken);
                if (read == 0)
                {
                    break;
                }

                remaining -= read;
                origin.Progressed(zone.OriginTimeout);
                writer.Advance(read);
                ForwardedExchange.AddBodyBytes(context, read);
                if (!await TryFlushAsync(context, writer))
                {
                    ProxyLog.ClientLeft(_logger, url);
                    break;
                }
            }

            // The whole declared length has come, or the client left; the handler ends the response.
        }
        catch (Exception exception) when (exception is IOException or HttpRequestException or OperationCanceledException)
        {
            ProxyLog.OriginBodyBroken(_logger, url, exception);
            context.Abort();
        }
    }

    private static async Task<bool> TryFlushAsync(HttpContext context, PipeWriter writer)
    {
        try
        {
            var flushed = await writer.FlushAsync(context.RequestAborted);
            return !flushed.IsCompleted && !flushed.IsCanceled && !context.RequestAborted.IsCancellationRequested;
        }
        catch (Exception exception) when (exception is IOException or OperationCanceledException or ConnectionResetException)
        {
            return false;
        }
    }
}
