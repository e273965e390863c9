// Owns: what happens once per proxy request, after it has been answered: its cache outcome is read back
// from Cache-Status (CacheOutcomes), it is counted and timed per zone (ProxyMetrics), and its request log
// entry is offered to the log (RequestLog). The zone is the one the request was served under, matched once by
// the listener (CachingProxy.HandleAsync). On a hit this is a timestamp, a header lookup, one Interlocked
// increment and one histogram record: no allocation.
using Lacquer.Diagnostics;
using Lacquer.Forwarding;
using Lacquer.Zones;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Lacquer.Proxy;

internal sealed class RequestObserver(LacquerMetrics metrics, RequestLog? log, TimeProvider time)
{
    public long Start() => time.GetTimestamp();

    /// <param name="purge">The request was a PURGE (its outcome is purge, whatever the response says).</param>
    /// <param name="zone">The zone its Host field matched; null when none did (a 421 or 400).</param>
    public void Finish(HttpContext context, long started, bool purge, Zone? zone)
    {
        var duration = time.GetElapsedTime(started);
        var outcome = purge ? CacheOutcome.Purge : CacheOutcomeReader.Of(context.Response.Headers[CacheStatus.HeaderName]);
        var request = context.Request;
        metrics.Proxy.Served(zone, outcome, duration);
        log?.TryWrite(new RequestLogEntry(
            time.GetUtcNow() - duration,
            context.Connection.RemoteIpAddress,
            request.Method,
            request.Headers.Host.ToString(),
            context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? request.Path.Value ?? "/",
            request.Protocol,
            context.Response.StatusCode,
            BodyBytes(context),
            duration,
            outcome,
            zone?.Name,
            ForwardedExchange.Of(context)?.OriginElapsed,
            request.Headers.Referer.ToString(),
            request.Headers.UserAgent.ToString()));
    }

    /// <summary>
    /// The body bytes sent: 0 for HEAD and bodiless statuses, else the Content-Length, else (a streamed origin
    /// body) the bytes forwarded; null when none of these is known.
    /// </summary>
    private static long? BodyBytes(HttpContext context)
    {
        var status = context.Response.StatusCode;
        if (HttpMethods.IsHead(context.Request.Method) || status is < 200 or 204 or 304)
        {
            return 0;
        }

        return context.Response.ContentLength ?? ForwardedExchange.Of(context)?.BodyBytesSent;
    }
}
