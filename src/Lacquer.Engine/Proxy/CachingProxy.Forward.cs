// The forward step: going to the origin and deciding what its answer comes to (ForwardOutcome), as a value the
// rest of the pipeline acts on — the leader tells its waiters from it, the respond step writes it
// (CachingProxy.Respond.cs). Deciding may act on the store (a 304 refreshes the entry, a storable body goes to a
// fill, a successful unsafe method invalidates), but never writes to the client: that is what lets the leader
// release the waiters of a response that will not be stored before its own client is sent a byte.
using Lacquer.Caching.Keys;
using Lacquer.Caching.Semantics;
using Lacquer.Caching.Store;
using Lacquer.Forwarding;
using Lacquer.Zones;
using Microsoft.AspNetCore.Http;

namespace Lacquer.Proxy;

internal sealed partial class CachingProxy
{
    private const int CopyBufferSize = ResponseBody.ChunkBytes;

    /// <summary>A forward with no fill to lead (an unsafe method, or a waiter fetching on its own): decide, then respond.</summary>
    private async Task ForwardAsync(HttpContext context, Zone zone, ForwardPlan plan)
    {
        using var exchange = await ExchangeAsync(context, zone, plan);
        await RespondAsync(context, zone, plan.Reason, exchange);
    }

    /// <summary>
    /// Goes to the origin and decides what its answer comes to, writing nothing to the client. Steps:
    ///   1. send, holding a fill ticket when the answer may be stored, so that a purge meanwhile is seen at
    ///      insert (invariant 1); a fill that reads the body takes the ticket and ends it after its insert;
    ///   2. no response (unreachable, timeout, invalid): the stored copy when it may stand in, else OriginFailed;
    ///   3. read the head; a successful unsafe method invalidates what is stored for its URIs (RFC 9111 §4.4);
    ///   4. a 500/502/503/504 with a stored copy that may stand in for it: StaleOnError;
    ///   5. a 304 to a revalidation freshens the stored copy: Refreshed or RefreshedNotStored;
    ///   6. judge storability (RFC 9111 §3): a storable body goes to a fill of its own (Filling), which reads it
    ///      on this thread until it first waits for the origin, so that a body that has already arrived is
    ///      stored before the head goes out and Cache-Status can say how that went; any other passes through.
    /// </summary>
    private async Task<OriginExchange> ExchangeAsync(HttpContext context, Zone zone, ForwardPlan plan)
    {
        // 1. Send.
        var url = plan.Key ?? RequestTarget.PathAndQuery(context);
        var ticket = plan.MayStore ? Store.BeginFill() : null;
        OriginExchange? exchange = null;
        try
        {
            var validators = plan.Stale is not null ? Revalidation.ValidatorsFor(plan.Stale, context.Request.Headers) : null;
            var requestTime = _time.GetUtcNow();
            var origin = await _origin.SendAsync(context, zone, plan.Site, RequestTarget.PathAndQuery(context), plan.OriginMethod, validators, context.RequestAborted);
            Metrics.Forwarding.Fetched(context, zone, origin.Error, _time.GetUtcNow() - requestTime);
            try
            {
                exchange = Decide(context, zone, plan, origin, ticket, revalidating: validators is not null, requestTime, url);
            }
            finally
            {
                if (exchange is null)
                {
                    origin.Dispose();
                }
            }

            return exchange;
        }
        finally
        {
            if (ticket is not null && exchange?.Filling is null)
            {
                Store.EndFill(ticket);
            }
        }
    }

    /// <summary>Steps 2-6 of <see cref="ExchangeAsync"/>, once the origin has answered or failed.</summary>
    private OriginExchange Decide(HttpContext context, Zone zone, ForwardPlan plan, OriginResponse origin, FillTicket? ticket, bool revalidating, DateTimeOffset requestTime, string url)
    {
        // 2. No response.
        if (origin.Error != OriginError.None)
        {
            return (origin.Error != OriginError.ClientAborted ? StaleInsteadOf(zone, plan, origin, origin.Error == OriginError.Timeout ? 504 : 502, url) : null)
                ?? new OriginExchange(ForwardOutcome.OriginFailed, origin, url);
        }

        // 3. The head.
        var responseTime = _time.GetUtcNow();
        var head = OriginHead.Read(origin.Message!, zone, _logger, url);
        if (plan.Reason == ForwardReason.Method)
        {
            InvalidateAfterUnsafeMethod(context, zone, plan.Site, head);
        }

        // 4. A server error the stored copy may stand in for.
        if (StatusSemantics.IsServerError(head.Status) && StaleInsteadOf(zone, plan, origin, head.Status, url) is { } stale)
        {
            return stale;
        }

        // 5. A 304 to our validators.
        if (revalidating && head.Status == StatusCodes.Status304NotModified)
        {
            return Refresh(zone, plan, origin, ticket, head, requestTime, responseTime, url);
        }

        // 6. Storability.
        var decision = ticket is not null
            ? Storable(plan.Request!, zone, head, responseTime)
            : new StorageDecision(NotStoredReason.MethodNotCacheable, TimeSpan.Zero, FreshnessSource.None);
        if (!decision.Storable)
        {
            NotStoredRecord.Record(Metrics, _logger, zone, decision.Reason, url);
            var passed = plan.Reason switch
            {
                ForwardReason.Method => CacheStatus.Method,
                ForwardReason.Bypass => CacheStatus.Bypass,
                _ => CacheStatus.NotStored(plan.Reason, decision.Reason),
            };
            return new OriginExchange(ForwardOutcome.PassThrough, origin, url) { Head = head, CacheStatus = passed };
        }

        var correctedInitialAge = AgeCalculation.CorrectedInitialAge(head.Facts, requestTime, responseTime);
        var pending = PendingEntry.FromOrigin(plan.Key!, zone, head, VaryValues.Capture(head.Facts.Vary.Names, new RequestHeaderFields(context.Request.Headers)), decision, responseTime, correctedInitialAge);
        var filling = StartFill(origin.Detach(), head.ContentLength, pending, ticket!, url);
        var stored = filling.Done.IsCompletedSuccessfully ? FillStatus(plan.Reason, pending, filling) : CacheStatus.Stored(plan.Reason, pending.Ttl);
        return new OriginExchange(ForwardOutcome.Filling, origin, url) { Head = head, CacheStatus = stored, Filling = filling };
    }

    private StorageDecision Storable(RequestFacts request, Zone zone, OriginHead head, DateTimeOffset responseTime)
    {
        var decision = Storability.Decide(request, head.Facts, zone.Policy, responseTime);
        if (decision.Storable && head.ContentLength > MaxObjectBytes)
        {
            return decision with { Reason = NotStoredReason.ObjectTooLarge };
        }

        return decision;
    }

    private bool TryStore(CacheEntry entry, FillTicket? ticket, int maxVariants, string url) => TryInsert(entry, ticket, maxVariants, url) == InsertResult.Stored;

    /// <summary>Offers <paramref name="entry"/> to the store; null when the store faulted.</summary>
    private InsertResult? TryInsert(CacheEntry entry, FillTicket? ticket, int maxVariants, string url)
    {
        try
        {
            return Store.Insert(entry, ticket, maxVariants);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Invariant 7: a store fault costs a cache entry, never the response.
            ProxyLog.StoreFault(_logger, url, exception);
            return null;
        }
    }
}
