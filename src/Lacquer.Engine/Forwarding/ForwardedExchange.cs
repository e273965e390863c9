using Microsoft.AspNetCore.Http;

namespace Lacquer.Forwarding;

/// <summary>
/// What a request's trips to the origin cost, kept as a request feature for the request log: the time spent
/// waiting for response heads and the body bytes streamed on to the client (a streamed body may have no
/// Content-Length). Only requests that went to the origin carry one; a hit allocates nothing.
/// </summary>
internal sealed class ForwardedExchange
{
    public TimeSpan OriginElapsed { get; private set; }

    public long BodyBytesSent { get; private set; }

    public static void AddOriginTime(HttpContext context, TimeSpan elapsed) => For(context).OriginElapsed += elapsed;

    public static void AddBodyBytes(HttpContext context, int bytes) => For(context).BodyBytesSent += bytes;

    /// <summary>The request's feature, or null when it never went to the origin.</summary>
    public static ForwardedExchange? Of(HttpContext context) => context.Features.Get<ForwardedExchange>();

    private static ForwardedExchange For(HttpContext context)
    {
        var exchange = context.Features.Get<ForwardedExchange>();
        if (exchange is null)
        {
            exchange = new ForwardedExchange();
            context.Features.Set(exchange);
        }

        return exchange;
    }
}
