// A detached copy of a client request, for a revalidation that outlives it (stale-while-revalidate).
// Copied synchronously while the original request is alive: method GET, scheme, host, target, the client
// address and the request fields — minus the client's own conditionals and cache directives, so that the
// revalidation carries Lacquer's validators. The response goes nowhere (Stream.Null).
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

    public static HttpContext CopyOf(HttpContext original)
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
        context.Features.Get<IHttpRequestFeature>()!.RawTarget = Caching.Keys.CacheKeys.PathAndQuery(original);
        foreach (var (name, values) in from.Headers)
        {
            if (Array.FindIndex(Dropped, dropped => dropped.Equals(name, StringComparison.OrdinalIgnoreCase)) < 0)
            {
                to.Headers[name] = values;
            }
        }

        context.Connection.RemoteIpAddress = original.Connection.RemoteIpAddress;
        context.Response.Body = Stream.Null;
        return context;
    }
}
