// Serving a stored response: its stored fields, a computed Age (RFC 9111 §4.2.3, §5.1), Via, and
// Cache-Status; HEAD gets the fields of the stored GET without the body (issue 2 §6).
using System.Globalization;
using Lacquer.Caching.Semantics;
using Lacquer.Caching.Store;
using Lacquer.Forwarding;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Lacquer.Proxy;

internal sealed partial class CachingProxy
{
    private static Task ServeHitAsync(HttpContext context, CacheEntry entry, DateTimeOffset now) =>
        ServeEntryAsync(context, entry, now, CacheStatus.Hit);

    private static async Task ServeEntryAsync(HttpContext context, CacheEntry entry, DateTimeOffset now, string cacheStatus)
    {
        var response = context.Response;
        response.StatusCode = entry.Status;
        var headers = response.Headers;
        foreach (var (name, value) in entry.Headers)
        {
            headers[name] = value;
        }

        headers.Age = AgeCalculation.ToAgeHeaderSeconds(entry.CurrentAge(now)).ToString(CultureInfo.InvariantCulture);
        AddOwnFields(headers, cacheStatus);
        if (!Bodyless(entry.Status))
        {
            response.ContentLength = entry.Body.Length;
            if (!HttpMethods.IsHead(context.Request.Method))
            {
                await response.Body.WriteAsync(entry.Body, context.RequestAborted);
            }
        }
    }

    /// <summary>Appends Lacquer's Cache-Status member and Via entry after any from upstream (RFC 9211 §2, RFC 9110 §7.6.3).</summary>
    private static void AddOwnFields(IHeaderDictionary headers, string cacheStatus)
    {
        headers[CacheStatus.HeaderName] = StringValues.Concat(headers[CacheStatus.HeaderName], cacheStatus);
        headers.Via = StringValues.Concat(headers.Via, ForwardedRequestHeaders.ViaValue);
    }

    /// <summary>Statuses that never carry content (RFC 9110 §6.4.1).</summary>
    private static bool Bodyless(int status) => status is < 200 or 204 or 304;
}
