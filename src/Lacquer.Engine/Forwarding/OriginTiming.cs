using Microsoft.AspNetCore.Http;

namespace Lacquer.Forwarding;

/// <summary>
/// The time a request spent waiting for origin response heads, kept as a request feature for the request
/// log. Only requests that went to the origin carry one; a hit allocates nothing.
/// </summary>
internal sealed class OriginTiming
{
    public TimeSpan Elapsed { get; private set; }

    public static void Add(HttpContext context, TimeSpan elapsed)
    {
        var timing = context.Features.Get<OriginTiming>();
        if (timing is null)
        {
            timing = new OriginTiming();
            context.Features.Set(timing);
        }

        timing.Elapsed += elapsed;
    }

    /// <summary>The time spent on the origin, or null when the request never went there.</summary>
    public static TimeSpan? Of(HttpContext context) => context.Features.Get<OriginTiming>()?.Elapsed;
}
