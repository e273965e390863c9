// Going to the origin (issue 2 §3, §4, §6, §8). Steps of ForwardAsync:
//   1. send the request; an origin error answers 502/504 and is never shared with waiters;
//   2. read the head and decide storability (RFC 9111 §3, via the Semantics module);
//   3. a response that will not be stored releases the waiters at once;
//   4. send the head to the client with Cache-Status;
//   5. stream the body to the client while capturing it for the store; an origin that breaks off makes
//      us abort the client connection, so a truncated response never looks complete; a client that leaves
//      stops the writes, but the capture goes on so that the waiters still get a stored response;
//   6. store the complete body and tell the waiters.
// A stale entry with validators is revalidated instead (CachingProxy.Revalidation.cs): the request carries
// If-None-Match / If-Modified-Since, and a 304 refreshes the stored entry rather than replacing it.
using System.Buffers;
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
        // 1. Send, holding a fill ticket so that a purge meanwhile is seen at insert (invariant 1).
        var ticket = plan.MayStore ? Store.BeginFill() : null;
        try
        {
            await FetchAsync(context, zone, plan, ticket, plan.Key ?? CacheKeys.PathAndQuery(context));
        }
        finally
        {
            if (ticket is not null)
            {
                Store.EndFill(ticket);
            }
        }
    }

    private async Task FetchAsync(HttpContext context, Zone zone, ForwardPlan plan, FillTicket? ticket, string url)
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
                return;
            }

            fill?.Complete(FillOutcome.Failed);
            await WriteOriginErrorAsync(context, zone, origin.Error, plan.Reason, url);
            return;
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
            return;
        }

        if (validators is not null && head.Status == StatusCodes.Status304NotModified)
        {
            await ServeRevalidatedAsync(context, zone, plan, ticket, head, requestTime, responseTime, url);
            return;
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

        // 4. Head to the client.
        var response = context.Response;
        response.StatusCode = head.Status;
        foreach (var (name, value) in head.Fields)
        {
            response.Headers[name] = value;
        }

        AddOwnFields(response.Headers, plan.Reason == ForwardReason.Method
            ? CacheStatus.Method
            : decision.Storable
                ? CacheStatus.Stored(plan.Reason, decision.FreshnessLifetime - correctedInitialAge)
                : CacheStatus.NotStored(plan.Reason, decision.Reason));

        var writeBody = !HttpMethods.IsHead(context.Request.Method) && !Bodyless(head.Status);
        if (!decision.Storable && !writeBody)
        {
            return;
        }

        // 5. Body.
        var capture = decision.Storable ? new BodyCapture(head.ContentLength, MaxObjectBytes) : null;
        var complete = await CopyBodyAsync(context, zone, origin, capture, writeBody, head.ContentLength, url);
        if (!complete || capture is null || capture.Overflowed)
        {
            fill?.Complete(complete ? FillOutcome.NotStorable : FillOutcome.Failed);
            return;
        }

        // 6. Store.
        var entry = new CacheEntry
        {
            PrimaryKey = plan.Key!,
            Zone = zone,
            VaryNames = head.Facts.Vary.Names,
            VaryValues = VaryValues.Capture(head.Facts.Vary.Names, context.Request.Headers),
            Status = head.Status,
            Headers = head.StoredFields(),
            Body = capture.ToArray(),
            Tags = head.Tags,
            ResponseTime = responseTime,
            CorrectedInitialAge = correctedInitialAge,
            FreshnessLifetime = decision.FreshnessLifetime,
            StalePolicy = StalePolicy.Of(head.Facts.CacheControl),
            TargetedCacheControl = head.TargetedCacheControl,
        };
        // Not folded into fill?.Complete(...): with no fill, ?. would skip evaluating the store call too.
        var stored = TryStore(entry, ticket, url);
        fill?.Complete(stored ? FillOutcome.Stored : FillOutcome.NotStorable);
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

    private bool TryStore(CacheEntry entry, FillTicket? ticket, string url)
    {
        try
        {
            return Store.Insert(entry, ticket) == InsertResult.Stored;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Invariant 7: a store fault costs a cache entry, never the response (already sent).
            ProxyLog.StoreFault(_logger, url, exception);
            return false;
        }
    }

    /// <summary>
    /// Streams the origin's body to the client while <paramref name="capture"/> keeps a copy; false when the origin
    /// broke off (the client connection is then aborted). The origin is read straight into memory of the client's
    /// response pipe (ResponseBody.cs explains why a large size hint matters), so a chunk is copied once, into the
    /// capture, and not again into Kestrel's 4 KiB blocks. Once the client is gone, or for HEAD, the reads go to a
    /// pooled buffer instead.
    /// </summary>
    private async Task<bool> CopyBodyAsync(HttpContext context, Zone zone, OriginResponse origin, BodyCapture? capture, bool writeBody, long? contentLength, string url)
    {
        byte[]? spare = null;
        var writer = context.Response.BodyWriter;
        var remaining = contentLength;
        var clientGone = false;
        try
        {
            var source = await origin.Message!.Content.ReadAsStreamAsync(origin.BodyToken);
            while (true)
            {
                if (remaining == 0)
                {
                    return true; // the whole declared length has come; the handler has already ended the response
                }

                var toClient = writeBody && !clientGone;
                var chunk = remaining is long left and > 0 ? (int)Math.Min(left, CopyBufferSize) : CopyBufferSize;
                Memory<byte> target;
                if (toClient)
                {
                    target = writer.GetMemory(chunk);
                    target = target[..Math.Min(chunk, target.Length)];
                }
                else
                {
                    spare ??= ArrayPool<byte>.Shared.Rent(CopyBufferSize);
                    target = spare.AsMemory(0, CopyBufferSize);
                }

                int read;
                try
                {
                    read = await source.ReadAsync(target, origin.BodyToken);
                }
                catch (Exception exception) when (exception is IOException or HttpRequestException or OperationCanceledException)
                {
                    ProxyLog.OriginBodyBroken(_logger, url, exception);
                    context.Abort();
                    return false;
                }

                if (read == 0)
                {
                    return true;
                }

                remaining -= read;
                origin.Progressed(zone.OriginTimeout);
                if (capture is not null && !capture.TryAppend(target.Span[..read]))
                {
                    capture = null;
                }

                if (toClient)
                {
                    writer.Advance(read);
                    ForwardedExchange.AddBodyBytes(context, read);
                    clientGone = !await TryFlushAsync(context, writer);
                    if (clientGone)
                    {
                        ProxyLog.ClientLeft(_logger, url);
                    }
                }

                if ((clientGone || !writeBody) && capture is null)
                {
                    return true;
                }
            }
        }
        catch (Exception exception) when (exception is IOException or HttpRequestException or OperationCanceledException)
        {
            ProxyLog.OriginBodyBroken(_logger, url, exception);
            context.Abort();
            return false;
        }
        finally
        {
            if (spare is not null)
            {
                ArrayPool<byte>.Shared.Return(spare);
            }
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
