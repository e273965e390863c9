// Request contexts without a server: a DefaultHttpContext with the fields Kestrel would fill in for
// "GET /products/1/item-1 HTTP/1.1" (raw target included, as the cache key reads it).
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Lacquer.Benchmarks.Fixtures;

internal static class BenchRequests
{
    public static DefaultHttpContext Get(string pathAndQuery, string host = BenchZones.Host)
    {
        var context = new DefaultHttpContext();
        var request = context.Request;
        request.Method = HttpMethods.Get;
        request.Scheme = "http";
        request.Host = new HostString(host);
        var query = pathAndQuery.IndexOf('?', StringComparison.Ordinal);
        request.Path = query < 0 ? pathAndQuery : pathAndQuery[..query];
        request.QueryString = query < 0 ? QueryString.Empty : new QueryString(pathAndQuery[query..]);
        context.Features.Get<IHttpRequestFeature>()!.RawTarget = pathAndQuery;
        request.Headers.Host = host;
        request.Headers.UserAgent = "wrk";
        request.Headers.Accept = "*/*";
        context.Response.Body = Stream.Null;
        return context;
    }

    /// <summary>Puts a reused context's response back to its initial state (status 200, no fields).</summary>
    public static void ResetResponse(HttpContext context)
    {
        context.Response.Headers.Clear();
        context.Response.StatusCode = StatusCodes.Status200OK;
    }
}
