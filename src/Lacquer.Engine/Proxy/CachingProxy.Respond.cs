// The respond step: writing what the forward step decided (OriginExchange) to the client. An error answers
// 502/504 (CachingProxy.Errors.cs); a stored copy standing in for a failed origin, or freshened by a 304, is
// served like a hit (CachingProxy.Hit.cs); otherwise the origin's head goes out with Cache-Status, then its
// body — a storable one from the fill's memory at the client's pace (CachingProxy.Fill.cs), any other straight
// from the origin. An origin that breaks off mid-body gets the client connection aborted, so a truncated
// response never looks complete.
using System.IO.Pipelines;
using Lacquer.Forwarding;
using Lacquer.Zones;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http;

namespace Lacquer.Proxy;

internal sealed partial class CachingProxy
{
    private async Task RespondAsync(HttpContext context, Zone zone, ForwardReason reason, OriginExchange exchange)
    {
        switch (exchange.Outcome)
        {
            case ForwardOutcome.OriginFailed:
                await WriteOriginErrorAsync(context, zone, exchange.Origin.Error, reason, exchange.Url);
                return;
            case ForwardOutcome.StaleOnError:
                ProxyLog.ServedStaleOnError(_logger, exchange.FailedStatus, exchange.Url);
                zone.Counters.StaleHit();
                context.Response.Clear();
                await ServeEntryAsync(context, exchange.Entry!, exchange.EntryTime, CacheStatus.StaleIfError);
                return;
            case ForwardOutcome.Refreshed or ForwardOutcome.RefreshedNotStored:
                await ServeEntryAsync(context, exchange.Entry!, exchange.EntryTime, exchange.CacheStatus!);
                return;
        }

        // The origin's head.
        var head = exchange.Head!;
        var response = context.Response;
        response.StatusCode = head.Status;
        foreach (var (name, value) in head.Fields)
        {
            response.Headers[name] = value;
        }

        AddOwnFields(response.Headers, exchange.CacheStatus!);

        // Its body: from the fill's memory, or straight from the origin.
        var writeBody = !HttpMethods.IsHead(context.Request.Method) && !Bodyless(head.Status);
        if (exchange.Filling is { } filling)
        {
            if (writeBody)
            {
                await SendFromFillAsync(context, zone, filling, exchange.Url);
            }
            else
            {
                filling.Body.Release();
            }

            return;
        }

        if (writeBody)
        {
            await CopyBodyAsync(context, zone, exchange.Origin, source: null, head.ContentLength, exchange.Url);
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
