// A detached request for a revalidation that outlives the client request that started it
// (stale-while-revalidate, also after a soft purge). Its answer is stored for every client of the variant,
// so it is the cache's own request, not the client's: copied synchronously while the client request is alive
// (method GET, scheme, host, target, the client address and the end-to-end request fields), minus
//   - the client's own conditionals, Range and cache directives, so that it carries Lacquer's validators;
//   - the client's credentials (Authorization, Cookie), unless the zone's key headers or the stored variant's
//     Vary name the field: then the client matched the variant on that very value, so it is the variant's
//     value, not one client's. Otherwise one client's credentials would fetch the answer stored for all.
// Facts gives the caching facts of the request as it will be sent, for the storability decision.
// The response goes nowhere (Stream.Null).
using Lacquer.Caching.Semantics;
using Lacquer.Caching.Store;
using Lacquer.Zones;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace Lacquer.Proxy;

internal static class BackgroundRequest
{
    private static readonly string[] Dropped =
    [
        HeaderNames.IfNoneMatch, HeaderNames.IfModifiedSince, HeaderNames.IfMatch, HeaderNames.IfUnmodifiedSince,
        HeaderNames.IfRange, HeaderNames.Range, HeaderNames.CacheControl, HeaderNames.Pragma, HeaderNames.ContentLength,
    ];

    private static readonly string[] Credentials = [HeaderNames.Authorization, HeaderNames.Cookie];

    public static HttpContext CopyOf(HttpContext original, Zone zone, CacheEntry stale)
    {
        var context = new DefaultHttpContext();
        context.Features.Set<IHttpRequestLifetimeFeature>(new HttpRequestLifetimeFeature());
        var from = original.Request;
        var to = context.Request;
        to.Method = HttpMethods.Get;
        to.Scheme = from.Scheme;
        to.Host = from.Host;
        to.PathBase = from.PathBase;
        to.Path = from.Path;
        to.QueryString = from.QueryString;
        context.Features.Get<IHttpRequestFeature>()!.RawTarget = RequestTarget.PathAndQuery(original);
        foreach (var (name, values) in from.Headers)
        {
            if (!Contains(Dropped, name) && (!Contains(Credentials, name) || Selects(name, zone, stale)))
            {
                to.Headers[name] = values;
            }
        }

        context.Connection.RemoteIpAddress = original.Connection.RemoteIpAddress;
        context.Response.Body = Stream.Null;
        return context;
    }

    /// <summary>The caching facts of a request made by <see cref="CopyOf"/>: no directives, Authorization only where it selects.</summary>
    public static RequestFacts Facts(HttpContext detached) =>
        RequestFacts.Parse(HttpMethods.Get, null, null, detached.Request.Headers.ContainsKey(HeaderNames.Authorization));

    /// <summary>Does the field pick the entry: a zone key header, or a field the stored variant's Vary names?</summary>
    private static bool Selects(string name, Zone zone, CacheEntry stale) =>
        Contains(stale.VaryNames, name) || Contains(zone.CacheKeyHeaders, name);

    private static bool Contains(IReadOnlyList<string> names, string name)
    {
        for (var i = 0; i < names.Count; i++)
        {
            if (names[i].Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
